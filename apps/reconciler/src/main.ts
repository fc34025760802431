import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { ConfigError } from '@parity/config';
import { assertLogSchema } from '@parity/event-store';
import { answerClientErrorsAsJson, ApiErrorFilter, strictQueryEncoding } from '@parity/http-errors';
import { createKafka, partitionCount } from '@parity/kafka';
import { collectProcessMetrics, createLogger } from '@parity/observability';
import { reconcilerConfig } from './reconciler.config';
import { ReconcilerModule } from './reconciler.module';

async function main(): Promise<void> {
  const config = reconcilerConfig(process.env);
  const logger = createLogger('reconciler', config.logLevel);
  const partitions = await partitionCount(createKafka(config.kafka, logger), config.partitionsTopic);
  const app = await NestFactory.create(ReconcilerModule.register(config, partitions, logger), { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalFilters(new ApiErrorFilter('reconciler'));
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(strictQueryEncoding);
  app.enableShutdownHooks();
  await assertLogSchema(app.get(Pool));
  collectProcessMetrics(app.get(Registry));
  await app.listen(config.httpPort, config.httpHost);
  logger.info({ http: await app.getUrl(), findingsTopic: config.findingsTopic, checkpoint: config.checkpoint }, 'reconciler is following the log');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).stack ?? String(error);
  process.stderr.write(`reconciler failed to start: ${message}\n`);
  process.exit(1);
});
