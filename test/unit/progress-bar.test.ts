import { describe, expect, it } from 'vitest';
import { barLine, duration } from '../../src/report/progress-bar.js';

describe('the progress bar of long runs', () => {
  it('estimates the time left from the mean time of the units done', () => {
    // 2 of 5 trials in 40 s: 20 s each, 3 left.
    expect(barLine({ done: 2, total: 5, unit: 'trials', startedMs: 0 }, 40_000)).toBe('[██████░░░░░░░░░░] 2/5 trials, ~1:00 left');
  });

  it('says nothing of time before a unit is done, nor once all are', () => {
    expect(barLine({ done: 0, total: 4, unit: 'runs', startedMs: 0 }, 9_000)).toBe('[░░░░░░░░░░░░░░░░] 0/4 runs');
    expect(barLine({ done: 4, total: 4, unit: 'runs', startedMs: 0 }, 9_000)).toBe('[████████████████] 4/4 runs');
  });

  it('writes durations as m:ss, and h:mm:ss past an hour', () => {
    expect(duration(59_400)).toBe('0:59');
    expect(duration(61_000)).toBe('1:01');
    expect(duration(3_723_000)).toBe('1:02:03');
  });
});
