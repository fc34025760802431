import { loadAlertsConfig } from './config-loader';
import { findingLabels } from './labels';
import { groupOf, routeFinding } from './routing';
import { aFinding } from './test-findings';

const YAML = `
receivers:
  - name: default
    log: {}
  - name: pricing
    webhook:
      url: https://hooks.example.com/pricing
      secrets_env: PRICING_SECRETS
  - name: waw-stores
    chat:
      url_env: WAW_CHAT_URL
  - name: audit-copy
    log:
route:
  receiver: default
  group_by: [rule]
  group_wait: 10s
  routes:
    - receiver: audit-copy
      matchers: ['severity =~ "critical|high"']
      continue: true
    - receiver: pricing
      matchers: ['rule =~ "price-mismatch|promotion-mismatch"', 'category != groceries']
      group_by: [promotionId, rule]
      group_interval: 1m
      routes:
        - receiver: waw-stores
          matchers: ['store =~ "WAW-.*"']
    - receiver: pricing
      matchers: ['channel = contact-center']
`;
const env = { PRICING_SECRETS: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', WAW_CHAT_URL: 'https://chat.example.com/hook/T1' };

function load() {
  const result = loadAlertsConfig(YAML, env);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

describe('routing tree', () => {
  const config = load();
  const receivers = (overrides: Parameters<typeof aFinding>[0]) => routeFinding(config.route, findingLabels(aFinding(overrides))).map((route) => route.receiver);

  it('goes depth first: a matching child takes the finding, its deepest matching descendant wins', () => {
    expect(receivers({ severity: 'low' })).toEqual(['waw-stores']);
    expect(receivers({ severity: 'low', channels: [{ channel: 'eshop', value: '1' }, { channel: 'app', value: '2' }] })).toEqual(['pricing']);
  });

  it('continue: a matching route lets the next siblings match too', () => {
    expect(receivers({ severity: 'critical' })).toEqual(['audit-copy', 'waw-stores']);
  });

  it('stops at the first matching sibling without continue; the parent takes what no child matches', () => {
    expect(receivers({ severity: 'low', category: 'groceries', channels: [{ channel: 'contact-center', value: '1' }] })).toEqual(['pricing']);
    expect(receivers({ severity: 'low', rule: 'stock-mismatch' })).toEqual(['default']);
  });

  it('children inherit group_by and timings they do not set', () => {
    const [route] = routeFinding(config.route, findingLabels(aFinding({ severity: 'low' })));
    expect(route?.groupBy).toEqual(['promotionId', 'rule']);
    expect(route?.timing).toEqual({ groupWaitMs: 10_000, groupIntervalMs: 60_000, repeatIntervalMs: 14_400_000 });
  });

  it('groups by the group_by labels: the 400 SKUs of one promotion share a group', () => {
    const [route] = routeFinding(config.route, findingLabels(aFinding({ severity: 'low' })));
    const a = groupOf(route!, findingLabels(aFinding({ id: 'x', sku: 'SKU-1', promotionId: 'P-9', rule: 'promotion-mismatch' })));
    const b = groupOf(route!, findingLabels(aFinding({ id: 'y', sku: 'SKU-2', promotionId: 'P-9', rule: 'promotion-mismatch' })));
    const c = groupOf(route!, findingLabels(aFinding({ id: 'z', sku: 'SKU-2', promotionId: 'P-8', rule: 'promotion-mismatch' })));
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
    expect(a.labels).toEqual({ promotionId: 'P-9', rule: 'promotion-mismatch' });
  });

  it('resolves secrets and URLs from the environment', () => {
    expect(config.receivers.get('pricing')).toMatchObject({ kind: 'webhook', secrets: [env.PRICING_SECRETS] });
    expect(config.receivers.get('waw-stores')).toMatchObject({ kind: 'chat', url: env.WAW_CHAT_URL });
  });
});

describe('routing file validation names the line and the problem', () => {
  const problems = (text: string, environment: Record<string, string> = env) => {
    const result = loadAlertsConfig(text, environment);
    return result.ok ? [] : result.problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
  };

  it('an unknown receiver, a bad matcher, a bad duration, an unknown key', () => {
    const found = problems(
      [
        'receivers:', //            1
        '  - name: default', //     2
        '    log: {}', //           3
        'route:', //                4
        '  receiver: default', //   5
        '  routes:', //             6
        '    - receiver: nobody', //7
        "      matchers: ['rule ~ x']", // 8
        '      group_wait: soon', // 9
        '      grouping: [rule]', // 10
      ].join('\n'),
    );
    expect(found).toEqual(
      expect.arrayContaining([
        '7: route.routes[0].receiver: "nobody" is not a defined receiver (defined: default)',
        expect.stringMatching(/^8: route\.routes\[0\]\.matchers\[0\]: "rule ~ x" is not a matcher/),
        expect.stringMatching(/^9: route\.routes\[0\]\.group_wait: "soon" is not a positive duration/),
        expect.stringMatching(/^10: route\.routes\[0\]\.grouping: unknown key "grouping"/),
      ]),
    );
    expect(found).toHaveLength(4);
  });

  it('YAML syntax errors carry their line', () => {
    expect(problems('receivers:\n  - name: a\n    log: {}\nroute:\n  receiver: a\n  routes: [\n')[0]).toMatch(/^[67]: /);
  });

  it('a webhook without signing keys, an unset secret variable, a malformed key, a duplicate receiver', () => {
    const text = [
      'receivers:',
      '  - name: a',
      '    webhook:',
      '      url: https://example.com/a',
      '  - name: b',
      '    webhook:',
      '      url: https://example.com/b',
      '      secrets_env: UNSET_VARIABLE',
      '  - name: c',
      '    webhook:',
      '      url: ftp://example.com/c',
      '      secrets_env: BAD_KEY',
      '  - name: a',
      '    log: {}',
      'route:',
      '  receiver: a',
    ].join('\n');
    const found = problems(text, { BAD_KEY: 'not-a-key' });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^4: receivers\[0\]\.webhook\.secrets_env: is required/),
        '8: receivers[1].webhook.secrets_env: environment variable UNSET_VARIABLE is not set',
        expect.stringMatching(/^12: receivers\[2\]\.webhook\.secrets_env: BAD_KEY holds a key that is not whsec_/),
        '13: receivers[3].name: "a" is defined twice',
      ]),
    );
  });

  it('the root route needs a receiver and takes no matchers; inhibit rules need both sides', () => {
    const found = problems(['receivers:', '  - name: a', '    log: {}', 'route:', "  matchers: ['rule = x']", 'inhibit_rules:', "  - source_matchers: ['rule = a']"].join('\n'));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^5: route: is required|^5: route\.receiver: is required/),
        expect.stringMatching(/^5: route\.matchers: the root route matches every finding/),
        expect.stringMatching(/^7: inhibit_rules\[0\]: needs source_matchers and target_matchers/),
      ]),
    );
  });
});

describe('the committed default routing file', () => {
  it('loads, and delivers to nothing outside the service (log receivers only)', () => {
    const text = require('node:fs').readFileSync(require('node:path').resolve(__dirname, '../../../../config/alerts.yaml'), 'utf8') as string;
    const result = loadAlertsConfig(text, {});
    expect(result.ok).toBe(true);
    if (result.ok) expect([...result.config.receivers.values()].map((r) => r.kind)).toEqual(['log']);
  });
});
