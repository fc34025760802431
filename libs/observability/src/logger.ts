import pino, { DestinationStream, Logger } from 'pino';
import { LogLevel } from '@parity/config';

/**
 * Credentials a request or response carries, as pino-http serialises them onto every line logged
 * while a request is handled (an error's line among them): never written out. Logs are read by more
 * people than the keys are meant for.
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** JSON logs on stdout (or `destination`), one line per event, with the service name on every line. */
export function createLogger(service: string, level: LogLevel, destination?: DestinationStream): Logger {
  const options = { name: service, level, base: { service }, redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
