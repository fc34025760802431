export * from './environment';
export * from './service-process';
export * from './topic-reader';
export * from './pipeline-fixture';
