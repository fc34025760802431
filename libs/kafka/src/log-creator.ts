import { logLevel as kafkaLevels, LogEntry } from 'kafkajs';
import { Logger } from 'pino';

// kafkajs' own table of broker error codes (not in its public API; kafkajs is pinned, see patches/).
const { errorCodes } = require('kafkajs/src/protocol/error') as { errorCodes: readonly { readonly message: string; readonly retriable: boolean }[] };

/** Broker answers kafkajs retries by itself: a group coordinator still loading at start, a leader election. */
const RETRIED_BY_KAFKAJS = new Set(errorCodes.filter((code) => code.retriable).map((code) => code.message));

/**
 * Routes kafkajs' own logs into the service's logger instead of the console. kafkajs logs every
 * error response at ERROR before it retries it; a retriable one is logged at info, so a start
 * that waits for the broker's coordinator does not print an error nobody has to act on.
 */
export function kafkaLogCreator(logger: Logger) {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log }: LogEntry): void => {
      const { message, ...rest } = log;
      const retried = typeof rest['error'] === 'string' && RETRIED_BY_KAFKAJS.has(rest['error']);
      if (level === kafkaLevels.ERROR && !retried) child.error(rest, message);
      else if (level === kafkaLevels.ERROR) child.info({ ...rest, retriedByKafkajs: true }, message);
      else if (level === kafkaLevels.WARN) child.warn(rest, message);
      else child.debug(rest, message);
    };
}
