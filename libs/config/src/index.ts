export * from './environment';
export * from './infrastructure';
export * from './rules-config';
