import pino, { Logger } from 'pino';
import { LogLevel } from '@parity/config';

/** JSON logs on stdout, one line per event, with the service name on every line. */
export function createLogger(service: string, level: LogLevel): Logger {
  return pino({ name: service, level, base: { service } });
}
