export * from './append';
export * from './log-record';
export * from './migrate';
export * from './read';
export * from './verify';
export * from './pool';
