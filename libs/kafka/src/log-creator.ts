import { logLevel as kafkaLevels, LogEntry } from 'kafkajs';
import { Logger } from 'pino';

/** Routes kafkajs' own logs into the service's logger instead of the console. */
export function kafkaLogCreator(logger: Logger) {
  const child = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log }: LogEntry): void => {
      const { message, ...rest } = log;
      if (level === kafkaLevels.ERROR) child.error(rest, message);
      else if (level === kafkaLevels.WARN) child.warn(rest, message);
      else child.debug(rest, message);
    };
}
