export * from './environment';
export * from './infrastructure';
