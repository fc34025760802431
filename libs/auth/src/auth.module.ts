import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthConfig } from './auth.config';
import { AuthGuard } from './auth.guard';
import { Credentials } from './credentials';

/** Import once in a service's root module: every route of that service is then authenticated. */
@Module({})
export class AuthModule {
  static register(config: AuthConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [{ provide: Credentials, useValue: new Credentials(config) }, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [Credentials],
    };
  }
}
