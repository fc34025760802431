export * from './logger';
export * from './metrics.controller';
export * from './postgres.health';
