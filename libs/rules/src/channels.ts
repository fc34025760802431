import { hasKeys } from './sorted-keys';

/**
 * Channels are data: `eshop`, `app`, `contact-center`, `marketplace/<name>`, `store/<id>`, or any
 * other name. A glob (`store/*`, `*`) stands for every matching channel Parity knows.
 */
export type Channel = string;

export function matchesChannel(pattern: string, channel: Channel): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === channel;
  return globRegex(pattern).test(channel);
}

// Globs are few and reused on every detection: compile each once.
const compiled = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
    compiled.set(pattern, regex);
  }
  return regex;
}

/** The known channels a list of names and globs stands for, sorted. */
export function expandChannels(patterns: readonly string[], known: ReadonlySet<Channel>): Channel[] {
  const result = new Set<Channel>();
  for (const pattern of patterns) {
    if (!pattern.includes('*')) result.add(pattern);
    else for (const channel of known) if (matchesChannel(pattern, channel)) result.add(channel);
  }
  return [...result].sort();
}

export function anyMatches(patterns: readonly string[], channel: Channel): boolean {
  return patterns.some((pattern) => matchesChannel(pattern, channel));
}

// The last answer of groupMembers, with the channels it was about, in their order: the answer
// depends on nothing else, and most SKUs have the same channels as the last one asked about.
let lastMembers: { readonly channels: readonly Channel[]; readonly group: readonly string[]; readonly members: readonly Channel[] } | undefined;

/** The channels of a per-channel record that belong to a pricing group, sorted. */
export function groupMembers(byChannel: Readonly<Record<Channel, unknown>>, group: readonly string[]): readonly Channel[] {
  if (lastMembers?.group === group && hasKeys(byChannel, lastMembers.channels)) return lastMembers.members;
  const channels = Object.keys(byChannel);
  const members = channels.filter((channel) => anyMatches(group, channel)).sort();
  lastMembers = { channels, group, members };
  return members;
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
