import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Kafka } from 'kafkajs';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { ConfigError } from '@parity/config';
import { ConsumerOffsets } from '@parity/event-store';
import { answerClientErrorsAsJson, ApiErrorFilter, jsonBodiesOnly, strictQueryEncoding } from '@parity/http-errors';
import { BatchConsumerServer } from '@parity/kafka';
import { collectProcessMetrics, createLogger } from '@parity/observability';
import { alertsConfig } from './alerts.config';
import { AlertsMetrics } from './alerts.metrics';
import { AlertsModule } from './alerts.module';
import { RoutingConfigError, RoutingHolder } from './routing-holder';

async function main(): Promise<void> {
  const config = alertsConfig(process.env);
  const logger = createLogger('alerts', config.logLevel);
  const routing = new RoutingHolder(config.routingFile, process.env, logger);
  const app = await NestFactory.create(AlertsModule.register(config, routing, logger), { bufferLogs: true });
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalFilters(new ApiErrorFilter('alerts'));
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(strictQueryEncoding);
  // Silences are JSON: a body in another format would be read as no body.
  app.use(jsonBodiesOnly);
  // Not SIGHUP (Nest's default list has it): SIGHUP reloads the routing.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  collectProcessMetrics(app.get(Registry));
  const metrics = app.get(AlertsMetrics);
  process.on('SIGHUP', () => metrics.reloads.inc({ outcome: routing.reload().ok ? 'applied' : 'refused' }));

  app.connectMicroservice(
    {
      strategy: new BatchConsumerServer({
        kafka: app.get(Kafka),
        groupId: config.groupId,
        topics: [config.findingsTopic],
        offsets: app.get(ConsumerOffsets),
        sessionTimeoutMs: config.sessionTimeoutMs,
      }),
    },
    // Not the HTTP app's global guard: the Kafka batch handler has no caller to authenticate.
    { inheritAppConfig: false },
  );
  await app.startAllMicroservices();
  await app.listen(config.httpPort, config.httpHost);
  logger.info(
    { http: await app.getUrl(), findingsTopic: config.findingsTopic, routing: config.routingFile, receivers: [...routing.current.receivers.keys()] },
    'alerts is routing findings',
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof RoutingConfigError ? `configuration: ${error.message}` : (error as Error).stack ?? String(error);
  process.stderr.write(`alerts failed to start: ${message}\n`);
  process.exit(1);
});
