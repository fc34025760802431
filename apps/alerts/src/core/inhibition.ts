import { InhibitRule } from './alerts-config';
import { Labels } from './labels';
import { matchesAll } from './matchers';

export interface Inhibitor {
  readonly id: string;
  readonly labels: Labels;
}

/**
 * Whether a finding is muted by a cause: a firing source finding of an inhibit rule that shares
 * the rule's `equal` labels. Labels with several values (channels) are shared when they have a
 * value in common, so a stale store mutes the price mismatches that involve that store.
 * A finding never inhibits itself.
 */
export function inhibitedBy(target: Inhibitor, sources: readonly Inhibitor[], rules: readonly InhibitRule[]): string | undefined {
  for (const rule of rules) {
    if (!matchesAll(target.labels, rule.target)) continue;
    for (const source of sources) {
      if (source.id === target.id || !matchesAll(source.labels, rule.source)) continue;
      if (rule.equal.every((name) => shares(source.labels[name] ?? [], target.labels[name] ?? []))) return source.id;
    }
  }
  return undefined;
}

function shares(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 && b.length === 0) return true;
  return a.some((value) => b.includes(value));
}
