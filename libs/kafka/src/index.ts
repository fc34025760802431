export * from './batch-consumer.server';
export * from './client';
export * from './kafka.health';
export * from './log-creator';
export * from './topics';
export * from './partition-ownership';
export * from './offset-hints';
