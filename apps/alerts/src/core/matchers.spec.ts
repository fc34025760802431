import { findingLabels } from './labels';
import { matches, parseMatcher } from './matchers';
import { validateSilence } from './silence';
import { aFinding } from './test-findings';

const labels = findingLabels(aFinding());
const m = (text: string) => {
  const parsed = parseMatcher(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.matcher;
};

describe('matchers over labels with several values', () => {
  it('= and =~ match when one channel does; != and !~ when none does', () => {
    expect(matches(labels, m('channel = eshop'))).toBe(true);
    expect(matches(labels, m('store = WAW-012'))).toBe(true);
    expect(matches(labels, m('store =~ "WAW-.*"'))).toBe(true);
    expect(matches(labels, m('store =~ WAW'))).toBe(false);
    expect(matches(labels, m('channel != app'))).toBe(true);
    expect(matches(labels, m('channel != eshop'))).toBe(false);
    expect(matches(labels, m('channel !~ "store/.*"'))).toBe(false);
  });

  it('an absent label is the empty string', () => {
    expect(matches(labels, m('promotionId = ""'))).toBe(true);
    expect(matches(labels, m('promotionId != ""'))).toBe(false);
  });

  it('refuses malformed matchers with a reason', () => {
    expect(parseMatcher('rule')).toMatchObject({ ok: false });
    expect(parseMatcher('rule =~ "("')).toMatchObject({ ok: false, reason: expect.stringContaining('not a regular expression') });
  });
});

describe('silence requests', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('accepts matchers, comment and a period; the start defaults to now', () => {
    expect(validateSilence({ matchers: [{ label: 'rule', value: 'price-mismatch' }], comment: 'known', endsAt: '2026-01-01T02:00:00Z' }, now)).toEqual({
      ok: true,
      silence: { matchers: [{ label: 'rule', op: '=', value: 'price-mismatch' }], comment: 'known', startsAt: now, endsAt: now + 7_200_000 },
    });
  });
  it('refuses with a reason: no matchers, match-all, no comment, ended, end before start', () => {
    const reason = (body: unknown) => {
      const result = validateSilence(body, now);
      return result.ok ? 'ok' : result.reason.split(':')[0];
    };
    const base = { matchers: [{ label: 'rule', value: 'x' }], comment: 'c', endsAt: '2026-01-02T00:00:00Z' };
    expect(reason({ ...base, matchers: [] })).toBe('matchers');
    expect(reason({ ...base, matchers: [{ label: 'rule', op: '=~', value: '.*' }] })).toBe('matchers');
    expect(reason({ ...base, comment: ' ' })).toBe('comment');
    expect(reason({ ...base, endsAt: '2025-12-31T00:00:00Z' })).toBe('endsAt');
    expect(reason({ ...base, startsAt: '2026-01-03T00:00:00Z' })).toBe('endsAt');
    expect(reason({ ...base, matchers: [{ label: 'rule', op: '~', value: 'x' }] })).toBe('matchers[0]');
    expect(reason('nope')).toBe('the body must be a JSON object');
  });
});
