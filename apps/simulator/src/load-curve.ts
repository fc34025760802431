/**
 * How busy the channels are: a diurnal curve over the Polish day (quiet at night, peaks at lunch
 * and in the evening) times a mode multiplier. The curve averages 1 over a day, so the configured
 * rate is the daily mean.
 */
export const TRAFFIC_MODES = ['normal', 'black-friday'] as const;
export type TrafficMode = (typeof TRAFFIC_MODES)[number];

const MODE_MULTIPLIER: Readonly<Record<TrafficMode, number>> = {
  normal: 1,
  'black-friday': 4,
};

const NIGHT_FLOOR = 0.08;
const PEAKS: readonly { readonly hour: number; readonly height: number; readonly width: number }[] = [
  { hour: 12, height: 0.9, width: 2.2 },
  { hour: 19, height: 1.2, width: 2.4 },
];

function rawCurve(hour: number): number {
  return PEAKS.reduce((sum, peak) => {
    // Distance around the clock, so 23:00 and 01:00 are two hours apart.
    const distance = Math.min(Math.abs(hour - peak.hour), 24 - Math.abs(hour - peak.hour));
    return sum + peak.height * Math.exp(-(distance * distance) / (2 * peak.width * peak.width));
  }, NIGHT_FLOOR);
}

const DAILY_MEAN = Array.from({ length: 24 * 60 }, (_, minute) => rawCurve(minute / 60)).reduce((a, b) => a + b) / (24 * 60);

/** Relative load at a (fractional) hour of the day; 1 is the daily mean. */
export function diurnalMultiplier(hourOfDay: number): number {
  const hour = ((hourOfDay % 24) + 24) % 24;
  return rawCurve(hour) / DAILY_MEAN;
}

export function loadMultiplier(hourOfDay: number, mode: TrafficMode): number {
  return diurnalMultiplier(hourOfDay) * MODE_MULTIPLIER[mode];
}
