import { validateSilence } from './silence';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const body = (fields: Record<string, unknown> = {}, matcher: Record<string, unknown> = { label: 'sku', op: '=', value: 'SKU-1' }) => ({
  matchers: [matcher],
  comment: 'relabelling tonight',
  endsAt: '2026-12-03T18:00:00Z',
  ...fields,
});
const refusal = (result: ReturnType<typeof validateSilence>) => (result.ok ? 'accepted' : { code: result.code, reason: result.reason });

describe('validateSilence', () => {
  it('accepts matchers on labels findings have, a comment and an RFC 3339 period', () => {
    expect(validateSilence(body({ startsAt: '2026-12-03T13:00:00+01:00' }), NOW)).toEqual({
      ok: true,
      silence: { matchers: [{ label: 'sku', op: '=', value: 'SKU-1' }], comment: 'relabelling tonight', startsAt: NOW, endsAt: Date.parse('2026-12-03T18:00:00Z') },
    });
  });

  it('refuses a label no finding has, naming the labels there are', () => {
    expect(refusal(validateSilence(body({}, { label: 'nolabel', op: '=', value: 'x' }), NOW))).toEqual({
      code: 'invalid-silence',
      reason: 'matchers[0]: "nolabel" is not a label; labels are id, rule, severity, category, subject, subjectKind, sku, promotionId, policyId, channel, store',
    });
  });

  it('refuses a date, a local time or a non-string where a time is due, as invalid-time', () => {
    expect(refusal(validateSilence(body({ endsAt: '2026-12-05' }), NOW))).toEqual({ code: 'invalid-time', reason: 'endsAt: "2026-12-05" is not an RFC 3339 time (e.g. 2026-12-05T18:00:00Z)' });
    expect(refusal(validateSilence(body({ startsAt: '2026-12-03T13:00:00' }), NOW))).toMatchObject({ code: 'invalid-time', reason: expect.stringMatching(/^startsAt: /) });
    expect(refusal(validateSilence(body({ endsAt: 1_800_000_000_000 }), NOW))).toMatchObject({ code: 'invalid-time' });
    expect(refusal(validateSilence(body({ endsAt: undefined }), NOW))).toEqual({ code: 'invalid-silence', reason: 'endsAt: required, an RFC 3339 time' });
  });

  it('refuses text PostgreSQL cannot store: a NUL or a lone surrogate in a value or the comment', () => {
    expect(refusal(validateSilence(body({}, { label: 'sku', op: '=', value: 'SKU\u0000' }), NOW))).toMatchObject({ code: 'unstorable-text', reason: expect.stringMatching(/^matchers\[0\]\.value: /) });
    expect(refusal(validateSilence(body({ comment: 'why \ud800' }), NOW))).toMatchObject({ code: 'unstorable-text', reason: expect.stringMatching(/^comment: /) });
  });
});
