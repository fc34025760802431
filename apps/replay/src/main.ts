import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { ConfigError } from '@parity/config';
import { assertLogSchema } from '@parity/event-store';
import { answerClientErrorsAsJson, ApiErrorFilter, strictQueryEncoding } from '@parity/http-errors';
import { collectProcessMetrics, createLogger } from '@parity/observability';
import { replayServiceConfig } from './replay.config';
import { ReplayModule } from './replay.module';

async function main(): Promise<void> {
  const config = replayServiceConfig(process.env);
  const logger = createLogger('replay', config.logLevel);
  const app = await NestFactory.create(ReplayModule.register(config, logger), { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalFilters(new ApiErrorFilter('replay'));
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(strictQueryEncoding);
  app.enableShutdownHooks();
  await assertLogSchema(app.get(Pool));
  collectProcessMetrics(app.get(Registry));
  await app.listen(config.httpPort, config.httpHost);
  logger.info({ http: await app.getUrl(), sealing: Boolean(config.sealKeys?.privateKey) && config.sealIntervalMs > 0, sealIntervalMs: config.sealIntervalMs }, 'replay API is serving auditors');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).stack ?? String(error);
  process.stderr.write(`replay failed to start: ${message}\n`);
  process.exit(1);
});
