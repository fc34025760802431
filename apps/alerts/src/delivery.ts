import { randomInt } from 'node:crypto';
import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';
import { AlertsRepository, ClaimedNotification } from './alerts.repository';
import { AlertsMetrics } from './alerts.metrics';
import { afterAttempt, AttemptOutcome, RetryPolicy } from './core/backoff';
import { RoutingHolder } from './routing-holder';
import { Senders } from './senders';

export interface DeliverySettings {
  readonly concurrency: number;
  readonly pollMs: number;
  readonly leaseMs: number;
  readonly retry: RetryPolicy;
}

/**
 * Drains the outbox: claim due notifications (the claim is committed before anything is sent),
 * send each, record the outcome. A process killed between a send and its record leaves the claim
 * to run out; the notification is then sent again with the same webhook-id, for the receiver to
 * recognise. That window is the only way a receiver sees an id twice.
 */
export class Delivery implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopped = false;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly repository: AlertsRepository,
    private readonly routing: RoutingHolder,
    private readonly senders: Senders,
    private readonly metrics: AlertsMetrics,
    private readonly settings: DeliverySettings,
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop;
    await Promise.all(this.inFlight);
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const free = this.settings.concurrency - this.inFlight.size;
        const claimed = free > 0 ? await this.repository.claim(free, Date.now(), this.settings.leaseMs) : [];
        for (const notification of claimed) {
          const attempt = this.attempt(notification).finally(() => this.inFlight.delete(attempt));
          this.inFlight.add(attempt);
        }
        if (claimed.length === 0 || this.inFlight.size >= this.settings.concurrency) {
          await Promise.race([sleep(this.settings.pollMs), ...(this.inFlight.size >= this.settings.concurrency ? this.inFlight : [])]);
        }
      } catch (error) {
        this.logger.error({ err: error }, 'claiming notifications failed; trying again');
        await sleep(this.settings.pollMs * 4);
      }
    }
  }

  private async attempt(notification: ClaimedNotification): Promise<void> {
    const receiver = this.routing.current.receivers.get(notification.receiver);
    const stop = this.metrics.deliverySeconds.startTimer({ receiver: notification.receiver });
    let outcome: AttemptOutcome;
    try {
      outcome = receiver
        ? await this.senders.send(notification, receiver, Date.now())
        : { kind: 'failed', statusCode: null, error: `receiver ${notification.receiver} is no longer in the routing file`, permanent: true };
    } catch (error) {
      if (error instanceof TypeError || error instanceof RangeError) throw error;
      outcome = { kind: 'failed', statusCode: null, error: (error as Error).message, permanent: false };
    }
    stop();
    const now = Date.now();
    const next = afterAttempt(this.settings.retry, outcome, notification.attempt, now, randomInt(0, 1_000_000) / 1_000_000);
    const statusCode = outcome.statusCode;
    const error = outcome.kind === 'failed' ? outcome.error : '';
    try {
      const recorded = await this.repository.record(
        notification,
        next.kind === 'delivered' ? { kind: 'delivered', statusCode } : next.kind === 'retry' ? { kind: 'retry', at: next.at, statusCode, error } : { kind: 'parked', statusCode, error: next.reason },
        now,
      );
      if (!recorded) this.logger.warn({ notification: notification.id, attempt: notification.attempt }, 'the claim ran out before the outcome was recorded; another attempt owns it');
    } catch (recordError) {
      // Not recorded: the claim runs out and the notification is sent again under the same id.
      this.logger.error({ err: recordError, notification: notification.id }, 'recording a delivery outcome failed');
      return;
    }
    this.metrics.attempts.inc({ receiver: notification.receiver, outcome: next.kind });
    if (next.kind === 'parked') this.logger.warn({ notification: notification.id, receiver: notification.receiver, reason: next.reason }, 'notification parked');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
