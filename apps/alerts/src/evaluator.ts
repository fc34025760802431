import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Logger } from 'pino';
import { AlertsRepository } from './alerts.repository';
import { AlertsMetrics } from './alerts.metrics';
import { evaluate } from './core/evaluation';
import { notificationDocument } from './core/notification-document';
import { RoutingHolder } from './routing-holder';

/**
 * Every `evaluationMs`: load groups, findings and silences, run the pure evaluation at the current
 * time, and save the new group states with the notifications they decided, in one transaction.
 */
export class Evaluator implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly repository: AlertsRepository,
    private readonly routing: RoutingHolder,
    private readonly metrics: AlertsMetrics,
    private readonly settings: { readonly evaluationMs: number; readonly dashboardUrl: string },
    private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.evaluateNow()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'evaluation failed; retried at the next tick'))
        .finally(() => this.schedule());
    }, this.settings.evaluationMs);
  }

  /** One evaluation; returns how many notifications it queued. */
  async evaluateNow(now = Date.now()): Promise<number> {
    const stop = this.metrics.evaluationSeconds.startTimer();
    const config = this.routing.current;
    const result = await this.repository.inTransaction(async (client) => {
      if (!(await this.repository.tryEvaluationLock(client))) return undefined;
      const groups = await this.repository.loadGroups(client);
      const findings = await this.repository.loadFindings(client, [...new Set(groups.flatMap((g) => g.notified.map((entry) => entry.slice(0, entry.lastIndexOf('@')))))]);
      const silences = await this.repository.loadSilences(client, now);
      const evaluation = evaluate({ config, findings, groups, silences, now });
      const documents = evaluation.notifications.map((notification) => notificationDocument(notification, this.settings.dashboardUrl));
      const queued = await this.repository.saveEvaluation(client, evaluation, documents, now);
      return { evaluation, queued };
    });
    stop();
    if (!result) return 0;
    for (const by of ['silence', 'inhibition', 'suppressed'] as const) this.metrics.muted.set({ by }, result.evaluation.mutes.filter((m) => m.by === by).length);
    for (const notification of result.evaluation.notifications) this.metrics.notificationsPlanned.inc({ receiver: notification.receiver, kind: notification.kind });
    if (result.queued > 0) this.logger.info({ queued: result.queued }, 'notifications queued');
    return result.queued;
  }
}
