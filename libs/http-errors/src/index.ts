export * from './api-error';
export * from './api-error.filter';
export * from './json-bodies-only';
export * from './client-errors';
export * from './request-text';
export * from './query-encoding';
export * from './takes-no-query';
