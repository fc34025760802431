import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { Logger } from 'pino';
import { Counter, Registry } from 'prom-client';
import { SealKeys } from '@parity/audit';
import { sealHead } from './sealing';

/** Seals the head every interval while the log grows: the periodic seals of the audit trail. */
@Injectable()
export class PeriodicSealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly sealed: Counter;

  constructor(
    private readonly pool: Pool,
    private readonly keys: SealKeys | undefined,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    registry: Registry,
  ) {
    this.sealed = new Counter({ name: 'parity_replay_seals_total', help: 'seals of the log head written', registers: [registry] });
  }

  onApplicationBootstrap(): void {
    if (!this.keys?.privateKey || this.intervalMs === 0) {
      this.logger.warn({ sealIntervalMs: this.intervalMs }, 'not sealing: PARITY_SEAL_KEY is not set or REPLAY_SEAL_INTERVAL_MS is 0');
      return;
    }
    const tick = () => {
      this.running = this.sealOnce().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  private async sealOnce(): Promise<void> {
    try {
      const seal = await sealHead(this.pool, this.keys!, Date.now(), true);
      if (seal) {
        this.sealed.inc();
        this.logger.info({ position: seal.position, keyId: seal.keyId }, 'sealed the log head');
      }
    } catch (error) {
      // Retried at the next interval: a seal late is still a seal.
      this.logger.warn({ error: (error as Error).message }, 'sealing failed; retrying at the next interval');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
