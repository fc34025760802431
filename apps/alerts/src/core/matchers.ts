import { Labels } from './labels';

export type MatchOperator = '=' | '!=' | '=~' | '!~';

/** `label op value`, as in Prometheus Alertmanager's matchers; regular expressions match the whole value. */
export interface Matcher {
  readonly label: string;
  readonly op: MatchOperator;
  readonly value: string;
}

export type MatcherParse = { readonly ok: true; readonly matcher: Matcher } | { readonly ok: false; readonly reason: string };

const MATCHER = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** Parses `rule = price-mismatch`, `severity =~ "critical|high"`, `store != WAW-012`. */
export function parseMatcher(text: string): MatcherParse {
  const match = MATCHER.exec(text);
  if (!match) return { ok: false, reason: `"${text}" is not a matcher (label = value, label != value, label =~ regex, label !~ regex)` };
  const [, label, op, raw] = match as unknown as [string, string, MatchOperator, string];
  const value = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  return validMatcher({ label, op, value });
}

/** A matcher given as an object (the silences API): the same checks as a parsed one. */
export function validMatcher(matcher: Matcher): MatcherParse {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(matcher.label)) return { ok: false, reason: `"${matcher.label}" is not a label name` };
  if (!['=', '!=', '=~', '!~'].includes(matcher.op)) return { ok: false, reason: `"${matcher.op}" is not an operator (=, !=, =~, !~)` };
  if (matcher.op === '=~' || matcher.op === '!~') {
    try {
      new RegExp(`^(?:${matcher.value})$`);
    } catch (error) {
      return { ok: false, reason: `"${matcher.value}" is not a regular expression: ${(error as Error).message}` };
    }
  }
  return { ok: true, matcher: { label: matcher.label, op: matcher.op, value: matcher.value } };
}

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let found = compiled.get(source);
  if (!found) {
    found = new RegExp(`^(?:${source})$`);
    compiled.set(source, found);
  }
  return found;
}

/**
 * A label with several values (channels) matches `=` and `=~` when one of them does, and `!=` and
 * `!~` when none does. An absent label is the empty string, as in Alertmanager.
 */
export function matches(labels: Labels, matcher: Matcher): boolean {
  const given = labels[matcher.label];
  const values = given && given.length > 0 ? given : [''];
  switch (matcher.op) {
    case '=':
      return values.includes(matcher.value);
    case '!=':
      return !values.includes(matcher.value);
    case '=~':
      return values.some((value) => regex(matcher.value).test(value));
    case '!~':
      return !values.some((value) => regex(matcher.value).test(value));
    default: {
      const unhandled: never = matcher.op;
      throw new TypeError(`unknown operator ${String(unhandled)}`);
    }
  }
}

export function matchesAll(labels: Labels, matchers: readonly Matcher[]): boolean {
  return matchers.every((matcher) => matches(labels, matcher));
}

export function formatMatcher(matcher: Matcher): string {
  return `${matcher.label}${matcher.op}${JSON.stringify(matcher.value)}`;
}
