export * from './embedded-database';
export * from './free-port';
export * from './infrastructure';
export * from './kafka-broker';
export * from './kafka-jars';
export * from './repository-root';
export * from './stale-runs';
