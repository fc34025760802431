import { readFileSync } from 'node:fs';
import { Logger } from 'pino';
import { AlertsConfig } from './core/alerts-config';
import { ConfigProblem, loadAlertsConfig } from './core/config-loader';

export type Reload = { readonly ok: true; readonly loadedAt: number } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export class RoutingConfigError extends Error {
  readonly code = 'invalid-routing-config';
  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(`${file}:\n${problems.map((p) => `  line ${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}`);
    this.name = 'RoutingConfigError';
  }
}

/** The routing tree in force. Loaded at start (a bad file stops the start); a bad reload keeps the old one. */
export class RoutingHolder {
  private config: AlertsConfig;
  private loadedAt: number;

  constructor(
    readonly file: string,
    private readonly env: Readonly<Record<string, string | undefined>>,
    private readonly logger: Logger,
  ) {
    const loaded = this.read();
    if (!loaded.ok) throw new RoutingConfigError(file, loaded.problems);
    this.config = loaded.config;
    this.loadedAt = Date.now();
  }

  get current(): AlertsConfig {
    return this.config;
  }

  get since(): number {
    return this.loadedAt;
  }

  reload(): Reload {
    const loaded = this.read();
    if (!loaded.ok) {
      this.logger.error({ file: this.file, problems: loaded.problems }, 'routing reload refused: the previous routing stays in force');
      return loaded;
    }
    this.config = loaded.config;
    this.loadedAt = Date.now();
    this.logger.info({ file: this.file, receivers: [...loaded.config.receivers.keys()] }, 'routing reloaded');
    return { ok: true, loadedAt: this.loadedAt };
  }

  private read() {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      return { ok: false as const, problems: [{ line: 0, path: '', message: `cannot read ${this.file}: ${(error as Error).message}` }] };
    }
    return loadAlertsConfig(text, this.env);
  }
}
