import { TrafficMode } from './load-curve';
import { BLACK_FRIDAY_MIX, ORDINARY_MIX, TrafficMix } from './traffic';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const SCENARIO_NAMES = ['normal-day', 'black-friday'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** The shape of a scenario: how long, how busy, and where its sale lies. */
export interface ScenarioSpec {
  readonly durationMs: number;
  /** Ordinary events per second, the daily mean before the diurnal curve and the mode. */
  readonly ratePerSecond: number;
  readonly mode: TrafficMode;
  readonly mix: TrafficMix;
  /** The sale starts at the first Polish midnight at least this long after the scenario ends. */
  readonly saleLeadMs: number;
  /** How many times every kind of dead end and intended difference is injected. */
  readonly rounds: number;
  /** The end (scoring time) of an offline run, so offline runs are reproducible: time is data. */
  readonly offlineEnd: string;
}

export const SCENARIOS: Readonly<Record<ScenarioName, ScenarioSpec>> = {
  // A Thursday a week before Black Friday: sale prices trickle in among everyday traffic.
  'normal-day': {
    durationMs: DAY,
    ratePerSecond: 0.3,
    mode: 'normal',
    mix: ORDINARY_MIX,
    saleLeadMs: 7 * DAY,
    rounds: 1,
    offlineEnd: '2026-11-19T23:00:00Z',
  },
  // The day before: four times the load, and the sale loaded in bulk until the evening.
  'black-friday': {
    durationMs: 12 * HOUR,
    ratePerSecond: 0.1,
    mode: 'black-friday',
    mix: BLACK_FRIDAY_MIX,
    saleLeadMs: HOUR,
    rounds: 2,
    offlineEnd: '2026-11-26T21:00:00Z',
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}
