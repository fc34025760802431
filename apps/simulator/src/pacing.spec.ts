import { eventsDue, startPace } from './pacing';

describe('eventsDue', () => {
  it('sends the rate on average, carrying fractions from tick to tick', () => {
    let pace = startPace(0);
    let total = 0;
    for (let now = 100; now <= 10_000; now += 100) {
      const step = eventsDue(pace, now, 3.5);
      pace = step.pace;
      total += step.due;
    }
    expect(total).toBe(35);
  });

  it('catches up at most one second after a stall, not the whole pause', () => {
    expect(eventsDue(startPace(0), 60_000, 100).due).toBe(100);
  });

  it('sends nothing when time has not moved or went backwards', () => {
    expect(eventsDue(startPace(1000), 1000, 100).due).toBe(0);
    expect(eventsDue(startPace(1000), 900, 100).due).toBe(0);
  });
});
