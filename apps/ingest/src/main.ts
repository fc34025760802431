import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { ConfigError } from '@parity/config';
import { assertLogSchema, ConsumerOffsets } from '@parity/event-store';
import { answerClientErrorsAsJson, ApiErrorFilter, strictQueryEncoding } from '@parity/http-errors';
import { BatchConsumerServer } from '@parity/kafka';
import { collectProcessMetrics, createLogger } from '@parity/observability';
import { ingestConfig } from './ingest.config';
import { IngestMetrics } from './ingest.metrics';
import { IngestModule } from './ingest.module';

async function main(): Promise<void> {
  const config = ingestConfig(process.env);
  const logger = createLogger('ingest', config.logLevel);
  const app = await NestFactory.create(IngestModule.register(config, logger), { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalFilters(new ApiErrorFilter('ingest'));
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(strictQueryEncoding);
  app.enableShutdownHooks();
  await assertLogSchema(app.get(Pool));
  collectProcessMetrics(app.get(Registry));

  const metrics = app.get(IngestMetrics);
  app.connectMicroservice(
    {
      strategy: new BatchConsumerServer({
        kafka: app.get(Kafka),
        groupId: config.groupId,
        topics: config.topics,
        offsets: app.get(ConsumerOffsets),
        sessionTimeoutMs: config.sessionTimeoutMs,
        partitionsConsumedConcurrently: config.concurrentPartitions,
        maxBytesPerPartition: config.maxBytesPerPartition,
        fetchMinBytes: config.fetchMinBytes,
        fetchMaxWaitMs: config.fetchMaxWaitMs,
        onLag: (topic, partition, lag) => metrics.lag.set({ topic, partition: String(partition) }, lag),
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.httpPort, config.httpHost);
  logger.info(
    { http: await app.getUrl(), brokers: config.kafka.brokers, topics: String(config.topics), groupId: config.groupId },
    'ingest is consuming',
  );
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).stack ?? String(error);
  process.stderr.write(`ingest failed to start: ${message}\n`);
  process.exit(1);
});
