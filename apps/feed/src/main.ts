import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { HttpRequest as Request, HttpResponse as Response, NextFunction } from './api/http';
import { Logger as NestPinoLogger } from 'nestjs-pino';
import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { Credentials } from '@parity/auth';
import { ConfigError } from '@parity/config';
import { assertLogSchema } from '@parity/event-store';
import { answerClientErrorsAsJson, ApiErrorFilter, jsonBodiesOnly, strictQueryEncoding } from '@parity/http-errors';
import { collectProcessMetrics, createLogger } from '@parity/observability';
import { serveOpenApi } from './api/openapi';
import { feedConfig } from './feed.config';
import { FeedMetrics } from './feed.metrics';
import { FeedModule } from './feed.module';

async function main(): Promise<void> {
  const config = feedConfig(process.env);
  const logger = createLogger('feed', config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(FeedModule.register(config, logger), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(NestPinoLogger));
  app.useGlobalFilters(new ApiErrorFilter('feed'));
  answerClientErrorsAsJson(app.getHttpServer());
  app.use(strictQueryEncoding);
  app.enableShutdownHooks();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // JSON bodies only, and small: an action or a sign-in is a few hundred bytes. Any JSON is parsed
  // (not strict): a body that is JSON but no object (null, 3) is the schema's to refuse, by name.
  app.useBodyParser('json', { limit: config.bodyLimitBytes, strict: false, type: ['application/json', 'application/*+json'] });
  countRequests(app, app.get(FeedMetrics));
  app.use(jsonBodiesOnly);
  await assertLogSchema(app.get(Pool));
  collectProcessMetrics(app.get(Registry));
  serveOpenApi(app, app.get(Credentials));
  await app.listen(config.httpPort, config.httpHost);
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  logger.info({ http: url, dashboard: `${url}/`, docs: `${url}/docs` }, 'feed is serving');
}

/** Requests by method, route (the pattern, not the path: ids would explode the label set) and status. */
function countRequests(app: NestExpressApplication, metrics: FeedMetrics): void {
  app.use((request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? (response.statusCode === 404 ? 'unmatched' : request.path.startsWith('/docs') ? '/docs' : 'other');
      metrics.requests.inc({ method: request.method, route, status: String(response.statusCode) });
      if (!route.endsWith('/stream')) metrics.requestSeconds.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).stack ?? String(error);
  process.stderr.write(`feed failed to start: ${message}\n`);
  process.exit(1);
});
