import { createHash } from 'node:crypto';
import type { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { firingOf, schedulerApi, type SchedulerSpec } from '../../src/scenarios/workloads/scheduler-api.js';

const IDS = ['every-250ms', 'cron-1s'];
const EVERY: SchedulerSpec = { id: 'every-250ms', figure: 'every', repeat: { every: 250 } };
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** A BullMQ 4 repeatable job's id, as its repeat.js makes it: `repeat:<md5(name + jobId + md5(repeat key))>:<slot ms>`. */
const v4RepeatJobId = (name: string, every: number, slot: number) => `repeat:${md5(`${name}${md5(`${name}::::${every}`)}`)}:${slot}`;

describe('the scheduler workload across BullMQ versions', () => {
  it('reads the scheduler and slot of a job scheduler’s firing from its id (BullMQ ≥ 5.16)', () => {
    expect(firingOf({ id: 'repeat:every-250ms:1700000000250', name: 'every' }, IDS)).toEqual({ scheduler: 'every-250ms', slotEpochMs: 1700000000250 });
    expect(firingOf({ id: 'repeat:cron-1s:1700000001000', name: 'cron' }, IDS)).toEqual({ scheduler: 'cron-1s', slotEpochMs: 1700000001000 });
  });

  it('reads a repeatable job’s firing by its job name, its id carrying a hash (BullMQ 4)', () => {
    const id = v4RepeatJobId('every-250ms', 250, 1700000000500);
    expect(firingOf({ id, name: 'every-250ms' }, IDS)).toEqual({ scheduler: 'every-250ms', slotEpochMs: 1700000000500 });
  });

  it('ignores jobs no scheduler of the workload made', () => {
    expect(firingOf({ id: '42', name: 'every-250ms' }, IDS)).toBeUndefined();
    expect(firingOf({ id: 'repeat:other:1700000000000', name: 'other' }, IDS)).toBeUndefined();
    expect(firingOf({ id: undefined, name: 'every' }, IDS)).toBeUndefined();
  });

  it('falls back to a repeatable job under the scheduler’s id on a queue without job schedulers, and finds it by name in the repeat set', async () => {
    const calls: unknown[][] = [];
    // BullMQ 4's queue surface for repeatable jobs (repeat.js: keys `<name>:<jobId>:<endDate>:<tz>:<every>`, parsed name first).
    const v4Queue = {
      add: (...args: unknown[]) => Promise.resolve(calls.push(['add', ...args])),
      getRepeatableJobs: () =>
        Promise.resolve([{ key: 'every-250ms::::250', name: 'every-250ms', id: null, endDate: null, tz: null, pattern: '250', next: 1 }]),
      removeRepeatable: (...args: unknown[]) => Promise.resolve(calls.push(['remove', ...args]) > 0),
    };
    const api = schedulerApi(v4Queue as unknown as Queue);
    expect(api.kind).toBe('repeatable');
    await api.upsert(EVERY);
    await api.remove(EVERY);
    expect(calls).toEqual([
      ['add', 'every-250ms', {}, { repeat: { every: 250 } }],
      ['remove', 'every-250ms', { every: 250 }],
    ]);
    const cron: SchedulerSpec = { id: 'cron-1s', figure: 'cron', repeat: { pattern: '* * * * * *' } };
    expect(await api.existing([EVERY, cron])).toEqual(
      new Map([
        ['every-250ms', true],
        ['cron-1s', false],
      ]),
    );
  });

  it('refuses a queue with neither', () => {
    expect(() => schedulerApi({} as unknown as Queue)).toThrow(/neither job schedulers/);
  });
});
