import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthConfig } from './auth.config';
import { AuthGuard } from './auth.guard';
import { Credentials } from './credentials';
import { EndedSessions } from './sessions';

export interface AuthOptions {
  /**
   * The service signs browsers in and accepts their session cookie (the feed). Only the process
   * that signs a session out knows it ended, so no other service accepts the cookie.
   */
  readonly sessions?: boolean;
}

/** Import once in a service's root module: every route of that service is then authenticated. */
@Module({})
export class AuthModule {
  static register(config: AuthConfig, options: AuthOptions = {}): DynamicModule {
    const credentials = new Credentials(config, options.sessions ? new EndedSessions() : undefined);
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: Credentials, useValue: credentials }, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [Credentials],
    };
  }
}
