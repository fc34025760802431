export * from './environment';
export * from './service-process';
