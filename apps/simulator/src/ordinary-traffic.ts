import { warsawHour } from './calendar';
import { loadMultiplier, TrafficMode } from './load-curve';
import { eventsDue, startPace } from './pacing';
import { ScenarioEvent } from './scenario-event';
import { Traffic } from './traffic';

const TICK_MS = 1000;

export interface Window {
  readonly start: number;
  /** No new change after this; what is on its way is still stated until the end. */
  readonly stopAt: number;
  readonly end: number;
}

/**
 * The traffic model's consistent story over a window of simulated time, recorded as it is
 * generated: the opening feed at the start, changes at the configured load until `stopAt`, then
 * only the propagations still due, so every channel has caught up by the end.
 */
export function ordinaryTraffic(traffic: Traffic, window: Window, load: { readonly ratePerSecond: number; readonly mode: TrafficMode }): ScenarioEvent[] {
  const events: ScenarioEvent[] = traffic.opening(window.start).map((event) => ({ ...event, recordedAt: window.start, injection: undefined }));
  let pace = startPace(window.start);
  for (let now = window.start + TICK_MS; now <= window.stopAt; now += TICK_MS) {
    const step = eventsDue(pace, now, load.ratePerSecond * loadMultiplier(warsawHour(now), load.mode));
    pace = step.pace;
    for (let i = 0; i < step.due; i += 1) events.push({ ...traffic.next(now), recordedAt: now, injection: undefined });
  }
  for (let now = window.stopAt + TICK_MS; now <= window.end; now += TICK_MS) {
    for (const event of traffic.settle(now)) events.push({ ...event, recordedAt: now, injection: undefined });
  }
  return events;
}
