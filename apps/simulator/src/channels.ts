/** The retailer's channels: online ones, one marketplace, and the physical stores. */
export const ONLINE_CHANNELS = ['eshop', 'app', 'contact-center'] as const;
export const MARKETPLACE = 'marketplace/allegro';

/** Store id prefix and city; store ids follow the contract's `store/<storeId>` channel form. */
const CITIES: readonly (readonly [code: string, city: string])[] = [
  ['WAW', 'Warszawa'],
  ['KRK', 'Kraków'],
  ['WRO', 'Wrocław'],
  ['POZ', 'Poznań'],
  ['GDN', 'Gdańsk'],
  ['LOD', 'Łódź'],
  ['KTW', 'Katowice'],
  ['SZZ', 'Szczecin'],
  ['BYD', 'Bydgoszcz'],
  ['LUB', 'Lublin'],
  ['BIA', 'Białystok'],
  ['RZE', 'Rzeszów'],
  ['OLS', 'Olsztyn'],
  ['KIE', 'Kielce'],
  ['TOR', 'Toruń'],
  ['OPO', 'Opole'],
  ['GLI', 'Gliwice'],
  ['CZE', 'Częstochowa'],
  ['RAD', 'Radom'],
  ['ZGO', 'Zielona Góra'],
];

export interface Store {
  /** The channel name, e.g. `store/WAW-001`. */
  readonly channel: string;
  readonly city: string;
}

/** Stores numbered 001.. across the cities in turn: store/WAW-001, store/KRK-002, ... */
export function storesFor(count: number): Store[] {
  return Array.from({ length: count }, (_, index) => {
    const [code, city] = CITIES[index % CITIES.length] ?? ['WAW', 'Warszawa'];
    return { channel: `store/${code}-${String(index + 1).padStart(3, '0')}`, city };
  });
}

/** Whether a channel name matches a contract glob (`store/*`, `*`) or equals it. */
export function matchesChannel(glob: string, channel: string): boolean {
  if (!glob.includes('*')) return glob === channel;
  const pattern = glob.split('*').map(escapeRegex).join('.*');
  return new RegExp(`^${pattern}$`).test(channel);
}

/** The known channels a list of channel names and globs stands for, in the order they are known. */
export function expandChannels(globs: readonly string[], known: readonly string[]): string[] {
  return known.filter((channel) => globs.some((glob) => matchesChannel(glob, channel)));
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
