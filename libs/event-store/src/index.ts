export * from './append';
export * from './log-record';
export * from './migrate';
export * from './read';
export * from './verify';
export * from './pool';
export * from './stream';
export * from './copy-text';
