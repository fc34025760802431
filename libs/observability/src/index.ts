export * from './logger';
export * from './metrics.controller';
export * from './postgres.health';
export * from './process-metrics';
export * from './health.controller';
