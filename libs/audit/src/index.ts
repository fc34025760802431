export * from './as-of';
export * from './chain-check';
export * from './replay-run';
export * from './seal';
