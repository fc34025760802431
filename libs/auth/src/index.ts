export * from './auth.config';
export * from './auth.guard';
export * from './auth.module';
export * from './credentials';
export * from './decorators';
export * from './roles';
export * from './sessions';
