import { applyDecorators, INestApplication } from '@nestjs/common';
import { ApiBody, ApiQuery, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TObject, TSchema } from '@sinclair/typebox';
import { HttpRequest as Request, HttpResponse as Response, NextFunction } from './http';
import { allows, Credentials, READERS, sessionCredential } from '@parity/auth';

/** The JSON schema of a TypeBox schema, without TypeBox's symbol keys (JSON.stringify drops them). */
const plain = (schema: TSchema): Record<string, unknown> => JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

/** Documents a route's query parameters from the very schema that validates them. */
export function ApiQueryFrom(schema: TObject): MethodDecorator {
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties).map(([name, property]) => {
      const { description, ...rest } = plain(property);
      return ApiQuery({ name, required: required.has(name), description: description as string | undefined, schema: rest });
    }),
  );
}

export function ApiBodyFrom(schema: TSchema): MethodDecorator {
  return ApiBody({ schema: plain(schema) });
}

export const DOCS_PATH = 'docs';

/**
 * The OpenAPI document, generated from the controllers, at /docs (UI), /docs/json and /docs/yaml. Readers
 * only, like the API it describes: the same credentials (header, key or session cookie).
 */
export function serveOpenApi(app: INestApplication, credentials: Credentials): void {
  const config = new DocumentBuilder()
    .setTitle('Parity feed')
    .setDescription('The inconsistency feed for retail ops: findings, counts, lifecycle actions, SKU timelines and a live stream.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'a signed token (npm run token) or an API key' })
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
    .addSecurityRequirements('bearer')
    .addSecurityRequirements('api-key')
    .build();
  app.use(`/${DOCS_PATH}`, (request: Request, response: Response, next: NextFunction) => {
    const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
    const authentication = credentials.authenticate({
      authorization: single(request.headers['authorization']),
      apiKey: single(request.headers['x-api-key']),
      session: sessionCredential(single(request.headers['cookie'])),
    });
    if (!authentication.ok) {
      response.status(401).json({ statusCode: 401, code: authentication.code, reason: authentication.reason });
      return;
    }
    if (!allows(authentication.principal, READERS)) {
      response.status(403).json({ statusCode: 403, code: 'role-not-allowed', reason: `role ${authentication.principal.role} may not do this` });
      return;
    }
    next();
  });
  SwaggerModule.setup(DOCS_PATH, app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: `${DOCS_PATH}/json`, yamlDocumentUrl: `${DOCS_PATH}/yaml` });
}
