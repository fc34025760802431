import { isMap, isScalar, isSeq, LineCounter, Node, parseDocument, YAMLMap } from 'yaml';
import { AlertsConfig, EscalationPolicy, GroupTiming, InhibitRule, ReceiverConfig, Route } from './alerts-config';
import { parseDuration } from './duration';
import { Matcher, parseMatcher } from './matchers';

/** One problem of a routing file, with the line it is on. */
export interface ConfigProblem {
  readonly line: number;
  readonly path: string;
  readonly message: string;
}

export type ConfigLoad = { readonly ok: true; readonly config: AlertsConfig } | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

const DEFAULT_TIMING: GroupTiming = { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 14_400_000 };
const ROUTE_KEYS = ['receiver', 'matchers', 'continue', 'group_by', 'group_wait', 'group_interval', 'repeat_interval', 'routes'];
const RECEIVER_KINDS = ['log', 'webhook', 'chat', 'email'] as const;

/**
 * The routing file (YAML) -> the configuration, or every problem found, each naming its line.
 * Secrets are not in the file: `secrets_env`, `url_env`, `password_env` name environment variables.
 */
export function loadAlertsConfig(text: string, env: Readonly<Record<string, string | undefined>>): ConfigLoad {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const reader = new Reader(lineCounter, env);
  for (const error of document.errors) reader.problem(error.pos[0], '', error.message.split('\n')[0] ?? error.message);
  if (document.errors.length > 0) return { ok: false, problems: reader.problems };
  const root = document.contents;
  if (!isMap(root)) {
    reader.problem(0, '', 'the file must be a mapping with route, receivers, inhibit_rules, escalations');
    return { ok: false, problems: reader.problems };
  }
  reader.unknownKeys(root, '', ['route', 'receivers', 'inhibit_rules', 'escalations']);
  const receivers = reader.receivers(root.get('receivers', true) as Node | undefined, keyOffset(root, 'receivers'));
  const routeNode = root.get('route', true) as Node | undefined;
  let route: Route | undefined;
  if (!isMap(routeNode)) reader.problem(keyOffset(root, 'route') ?? 0, 'route', 'is missing or not a mapping: the tree needs a root route with a receiver');
  else route = reader.route(routeNode, 'route', '0', undefined, receivers);
  const inhibitRules = reader.inhibitRules(root.get('inhibit_rules', true) as Node | undefined);
  const escalations = reader.escalations(root.get('escalations', true) as Node | undefined, receivers);
  if (reader.problems.length > 0 || !route) return { ok: false, problems: reader.problems };
  return { ok: true, config: { route, receivers, inhibitRules, escalations } };
}

function keyOffset(map: YAMLMap, key: string): number | undefined {
  const pair = map.items.find((item) => isScalar(item.key) && item.key.value === key);
  return (pair?.key as Node | undefined)?.range?.[0];
}

class Reader {
  readonly problems: ConfigProblem[] = [];

  constructor(
    private readonly lines: LineCounter,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  problem(offset: number | undefined, path: string, message: string): void {
    this.problems.push({ line: offset === undefined ? 0 : this.lines.linePos(offset).line, path, message });
  }

  at(node: Node | undefined, path: string, message: string): void {
    this.problem(node?.range?.[0], path, message);
  }

  unknownKeys(map: YAMLMap, path: string, known: readonly string[]): void {
    for (const item of map.items) {
      const key = isScalar(item.key) ? String(item.key.value) : '?';
      if (!known.includes(key)) this.at(item.key as Node, join(path, key), `unknown key "${key}" (known: ${known.join(', ')})`);
    }
  }

  string(map: YAMLMap, key: string, path: string, required: boolean): string | undefined {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) {
      if (required) this.at(map, join(path, key), 'is required');
      return undefined;
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number') || String(node.value).trim() === '') {
      this.at(node, join(path, key), 'must be a non-empty string');
      return undefined;
    }
    return String(node.value);
  }

  strings(map: YAMLMap, key: string, path: string): string[] | undefined {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return undefined;
    if (!isSeq(node)) {
      this.at(node, join(path, key), 'must be a list');
      return undefined;
    }
    const values: string[] = [];
    node.items.forEach((item, index) => {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) values.push(String(item.value));
      else this.at(item as Node, `${join(path, key)}[${index}]`, 'must be a string');
    });
    return values;
  }

  duration(map: YAMLMap, key: string, path: string): number | undefined {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return undefined;
    const ms = isScalar(node) ? parseDuration(String(node.value)) : undefined;
    if (ms === undefined || ms <= 0) {
      this.at(node, join(path, key), `"${isScalar(node) ? String(node.value) : '?'}" is not a positive duration (e.g. 500ms, 30s, 5m, 4h, 1d)`);
      return undefined;
    }
    return ms;
  }

  matchers(map: YAMLMap, key: string, path: string): Matcher[] {
    const node = map.get(key, true) as Node | undefined;
    if (node === undefined) return [];
    if (!isSeq(node)) {
      this.at(node, join(path, key), 'must be a list of matchers such as "rule = price-mismatch"');
      return [];
    }
    const found: Matcher[] = [];
    node.items.forEach((item, index) => {
      const parsed = isScalar(item) && typeof item.value === 'string' ? parseMatcher(item.value) : { ok: false as const, reason: 'must be a string "label op value"' };
      if (parsed.ok) found.push(parsed.matcher);
      else this.at(item as Node, `${join(path, key)}[${index}]`, parsed.reason);
    });
    return found;
  }

  route(node: YAMLMap, path: string, id: string, parent: Route | undefined, receivers: ReadonlyMap<string, ReceiverConfig>): Route {
    this.unknownKeys(node, path, ROUTE_KEYS);
    const receiver = this.string(node, 'receiver', path, parent === undefined) ?? parent?.receiver ?? '';
    if (receiver && !receivers.has(receiver)) this.at(node.get('receiver', true) as Node, join(path, 'receiver'), `"${receiver}" is not a defined receiver (defined: ${[...receivers.keys()].join(', ') || 'none'})`);
    const matchers = this.matchers(node, 'matchers', path);
    if (parent === undefined && matchers.length > 0) this.at(node.get('matchers', true) as Node, join(path, 'matchers'), 'the root route matches every finding: it takes no matchers');
    const continueNode = node.get('continue', true) as Node | undefined;
    if (continueNode !== undefined && !(isScalar(continueNode) && typeof continueNode.value === 'boolean')) this.at(continueNode, join(path, 'continue'), 'must be true or false');
    const inherited = parent?.timing ?? DEFAULT_TIMING;
    const timing: GroupTiming = {
      groupWaitMs: this.duration(node, 'group_wait', path) ?? inherited.groupWaitMs,
      groupIntervalMs: this.duration(node, 'group_interval', path) ?? inherited.groupIntervalMs,
      repeatIntervalMs: this.duration(node, 'repeat_interval', path) ?? inherited.repeatIntervalMs,
    };
    const groupBy = this.strings(node, 'group_by', path) ?? parent?.groupBy ?? ['rule'];
    const partial: Route = {
      id,
      receiver,
      matchers,
      continue: isScalar(continueNode) && continueNode.value === true,
      groupBy,
      timing,
      routes: [],
      line: node.range ? this.lines.linePos(node.range[0]).line : 0,
    };
    const children = node.get('routes', true) as Node | undefined;
    const routes: Route[] = [];
    if (children !== undefined) {
      if (!isSeq(children)) this.at(children, join(path, 'routes'), 'must be a list of routes');
      else
        children.items.forEach((child, index) => {
          const childPath = `${join(path, 'routes')}[${index}]`;
          if (!isMap(child)) this.at(child as Node, childPath, 'must be a mapping');
          else routes.push(this.route(child, childPath, `${id}.${index}`, partial, receivers));
        });
    }
    return { ...partial, routes };
  }

  receivers(node: Node | undefined, offset: number | undefined): Map<string, ReceiverConfig> {
    const receivers = new Map<string, ReceiverConfig>();
    if (!isSeq(node)) {
      this.problem(node?.range?.[0] ?? offset ?? 0, 'receivers', 'must be a list of receivers, each with a name and one of log, webhook, chat, email');
      return receivers;
    }
    node.items.forEach((item, index) => {
      const path = `receivers[${index}]`;
      if (!isMap(item)) return this.at(item as Node, path, 'must be a mapping');
      this.unknownKeys(item, path, ['name', ...RECEIVER_KINDS]);
      const name = this.string(item, 'name', path, true);
      const kinds = RECEIVER_KINDS.filter((kind) => item.has(kind));
      if (kinds.length !== 1) return this.at(item, path, `must have exactly one of ${RECEIVER_KINDS.join(', ')} (found ${kinds.join(', ') || 'none'})`);
      if (!name) return;
      if (receivers.has(name)) return this.at(item.get('name', true) as Node, `${path}.name`, `"${name}" is defined twice`);
      const kind = kinds[0] as (typeof RECEIVER_KINDS)[number];
      const settings = item.get(kind, true) as Node | undefined;
      const body = isMap(settings) ? settings : undefined;
      if (settings !== undefined && !isMap(settings) && !(isScalar(settings) && settings.value === null)) return this.at(settings, `${path}.${kind}`, 'must be a mapping');
      const receiver = this.receiver(kind, name, body, `${path}.${kind}`, item);
      if (receiver) receivers.set(name, receiver);
    });
    return receivers;
  }

  private receiver(kind: (typeof RECEIVER_KINDS)[number], name: string, body: YAMLMap | undefined, path: string, owner: YAMLMap): ReceiverConfig | undefined {
    switch (kind) {
      case 'log':
        if (body) this.unknownKeys(body, path, []);
        return { kind, name };
      case 'webhook':
      case 'chat': {
        if (!body) return this.at(owner, path, 'needs url (or url_env)'), undefined;
        this.unknownKeys(body, path, ['url', 'url_env', 'secrets_env']);
        const url = this.fromFileOrEnv(body, 'url', path);
        const secrets = this.secrets(body, path, kind === 'webhook');
        if (url === undefined) return undefined;
        let parsed: URL | undefined;
        try {
          parsed = new URL(url);
        } catch {
          this.at(body.get(body.has('url') ? 'url' : 'url_env', true) as Node, `${path}.url`, `"${url}" is not a URL`);
          return undefined;
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
          this.at(body.get('url', true) as Node, `${path}.url`, `must be http or https, not ${parsed.protocol}`);
          return undefined;
        }
        return { kind, name, url, secrets };
      }
      case 'email': {
        if (!body) return this.at(owner, path, 'needs to, from and smarthost'), undefined;
        this.unknownKeys(body, path, ['to', 'from', 'smarthost', 'secure', 'username', 'password_env']);
        const to = this.strings(body, 'to', path);
        if (!to || to.length === 0) this.at(body, `${path}.to`, 'needs at least one address');
        const from = this.string(body, 'from', path, true);
        const smarthost = this.string(body, 'smarthost', path, true);
        const hostPort = smarthost ? /^(.+):(\d{1,5})$/.exec(smarthost) : null;
        if (smarthost && !hostPort) this.at(body.get('smarthost', true) as Node, `${path}.smarthost`, `"${smarthost}" must be host:port`);
        const secureNode = body.get('secure', true) as Node | undefined;
        if (secureNode !== undefined && !(isScalar(secureNode) && typeof secureNode.value === 'boolean')) this.at(secureNode, `${path}.secure`, 'must be true or false');
        const username = this.string(body, 'username', path, false);
        const passwordVariable = this.string(body, 'password_env', path, false);
        const password = passwordVariable === undefined ? undefined : this.env[passwordVariable];
        if (passwordVariable !== undefined && !password) this.at(body.get('password_env', true) as Node, `${path}.password_env`, `environment variable ${passwordVariable} is not set`);
        if (!to || to.length === 0 || !from || !hostPort) return undefined;
        return {
          kind,
          name,
          to,
          from,
          host: hostPort[1] as string,
          port: Number(hostPort[2]),
          secure: isScalar(secureNode) && secureNode.value === true,
          username,
          password,
        };
      }
      default: {
        const unhandled: never = kind;
        throw new TypeError(`unknown receiver kind ${String(unhandled)}`);
      }
    }
  }

  private fromFileOrEnv(body: YAMLMap, key: string, path: string): string | undefined {
    const direct = this.string(body, key, path, false);
    const variable = this.string(body, `${key}_env`, path, false);
    if (direct !== undefined && variable !== undefined) return this.at(body, path, `set ${key} or ${key}_env, not both`), undefined;
    if (variable !== undefined) {
      const value = this.env[variable]?.trim();
      if (!value) this.at(body.get(`${key}_env`, true) as Node, `${path}.${key}_env`, `environment variable ${variable} is not set`);
      return value || undefined;
    }
    if (direct === undefined) this.at(body, path, `needs ${key} (or ${key}_env)`);
    return direct;
  }

  /** Standard Webhooks keys (`whsec_<base64>`), comma-separated in one variable: all are signed with. */
  private secrets(body: YAMLMap, path: string, required: boolean): string[] {
    const variable = this.string(body, 'secrets_env', path, false);
    if (variable === undefined) {
      if (required) this.at(body, `${path}.secrets_env`, 'is required: webhooks are signed (name an environment variable holding whsec_ keys)');
      return [];
    }
    const node = body.get('secrets_env', true) as Node;
    const raw = this.env[variable]?.trim();
    if (!raw) return this.at(node, `${path}.secrets_env`, `environment variable ${variable} is not set`), [];
    const keys = raw.split(/[\s,]+/).filter(Boolean);
    for (const key of keys) {
      const secret = key.startsWith('whsec_') ? key.slice('whsec_'.length) : '';
      if (!secret || !/^[A-Za-z0-9+/]+={0,2}$/.test(secret) || Buffer.from(secret, 'base64').length < 24) {
        this.at(node, `${path}.secrets_env`, `${variable} holds a key that is not whsec_<base64 of at least 24 bytes>`);
        return [];
      }
    }
    return keys;
  }

  inhibitRules(node: Node | undefined): InhibitRule[] {
    if (node === undefined) return [];
    if (!isSeq(node)) return this.at(node, 'inhibit_rules', 'must be a list'), [];
    const rules: InhibitRule[] = [];
    node.items.forEach((item, index) => {
      const path = `inhibit_rules[${index}]`;
      if (!isMap(item)) return this.at(item as Node, path, 'must be a mapping');
      this.unknownKeys(item, path, ['source_matchers', 'target_matchers', 'equal']);
      const source = this.matchers(item, 'source_matchers', path);
      const target = this.matchers(item, 'target_matchers', path);
      if (source.length === 0 || target.length === 0) return this.at(item, path, 'needs source_matchers and target_matchers (a rule muting everything is a mistake)');
      rules.push({ source, target, equal: this.strings(item, 'equal', path) ?? [] });
    });
    return rules;
  }

  escalations(node: Node | undefined, receivers: ReadonlyMap<string, ReceiverConfig>): EscalationPolicy[] {
    if (node === undefined) return [];
    if (!isSeq(node)) return this.at(node, 'escalations', 'must be a list'), [];
    const policies: EscalationPolicy[] = [];
    node.items.forEach((item, index) => {
      const path = `escalations[${index}]`;
      if (!isMap(item)) return this.at(item as Node, path, 'must be a mapping');
      this.unknownKeys(item, path, ['receiver', 'after', 'severities', 'matchers']);
      const receiver = this.string(item, 'receiver', path, true);
      if (receiver && !receivers.has(receiver)) this.at(item.get('receiver', true) as Node, `${path}.receiver`, `"${receiver}" is not a defined receiver`);
      const afterMs = this.duration(item, 'after', path);
      if (!item.has('after')) this.at(item, `${path}.after`, 'is required (e.g. 30m)');
      const severities = this.strings(item, 'severities', path) ?? ['critical', 'high'];
      const matchers = this.matchers(item, 'matchers', path);
      if (receiver && afterMs !== undefined) policies.push({ receiver, afterMs, severities, matchers });
    });
    return policies;
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

