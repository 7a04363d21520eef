/** Client profiles: loading the application's module (every failure one line naming the file), and the side-by-side assembly. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, UsageError } from '../../src/errors/index.js';
import { tempDir } from '../helpers/cli.js';
import { summarizeByProfile } from '../../src/scenarios/failover/profile-summaries.js';
import { within } from '../../src/connect/bullmq.js';
import { resolveProfiles } from '../../src/profiles/resolve.js';
import type { Target } from '../../src/redis/target.js';
import type { TrialResult } from '../../src/scenarios/failover/types.js';

const cwd = resolve(import.meta.dirname, '../fixtures/clients');
const load = (list: string) => resolveProfiles(list, { cwd });
const sentinel: Target = { kind: 'sentinel', sentinels: [{ host: '127.0.0.1', port: 26379 }], masterName: 'mymaster', password: 'pw', sentinelPassword: 'spw' };

async function usageLine(list: string): Promise<string> {
  const err = await load(list).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).exitCode).toBe(EXIT.usage);
  const message = (err as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('--client modules', () => {
  it('loads built-ins and a module, in the order given, with the versions that run', async () => {
    const profiles = await load('defaults,bullmq-docs,./tuned.mjs,redis-arc');
    expect(profiles.map((p) => [p.name, p.jobIds])).toEqual([
      ['defaults', 'bullmq'],
      ['bullmq-docs', 'bullmq'],
      ['./tuned.mjs', 'bullmq'],
      ['redis-arc', 'unique'],
    ]);
    expect(profiles[0]!.libs.versions.bullmq).toMatch(/^\d+\.\d+\.\d+/);
    expect((await load('./unique-ids.mjs'))[0]!.jobIds).toBe('unique');
  });

  it('hands a module the addresses and login, and returns what it made', async () => {
    const [tuned] = await load('./tuned.mjs');
    expect(await tuned!.connection('worker', sentinel)).toMatchObject({
      sentinels: [{ host: '127.0.0.1', port: 26379 }],
      name: 'mymaster',
      password: 'pw',
      sentinelPassword: 'spw',
      maxRetriesPerRequest: null,
    });
    expect(await tuned!.connection('producer', sentinel)).toMatchObject({ enableOfflineQueue: false });
  });

  it('gives the built-ins what BullMQ prescribes per role', async () => {
    const [defaults, docs] = await load('defaults,bullmq-docs');
    expect(await defaults!.connection('producer', sentinel)).toEqual({
      sentinels: [{ host: '127.0.0.1', port: 26379 }],
      name: 'mymaster',
      sentinelPassword: 'spw',
      password: 'pw',
    });
    expect(await defaults!.connection('worker', sentinel)).toMatchObject({ maxRetriesPerRequest: null });
    expect(await docs!.connection('producer', sentinel)).toMatchObject({ enableOfflineQueue: false });
    expect(await docs!.connection('worker', sentinel)).toMatchObject({ maxRetriesPerRequest: null });
  });

  it('refuses a missing file, a module that throws, one that exports nothing usable: one line naming the file', async () => {
    expect(await usageLine('./nope.mjs')).toMatch(/^--client \.\/nope\.mjs: no such file/);
    expect(await usageLine('./throws.mjs')).toBe('--client ./throws.mjs: loading it threw Error: REDIS_URL is not set');
    expect(await usageLine('./empty.mjs')).toMatch(/^--client \.\/empty\.mjs: exports no client; export default defineClient/);
    expect(await usageLine('./bad-job-ids.mjs')).toMatch(/^--client \.\/bad-job-ids\.mjs: jobIds must be 'bullmq' or 'unique', not sometimes$/);
    expect(await usageLine('defualts')).toMatch(/^--client defualts: not a profile/);
    expect(await usageLine('./redis.ts')).toMatch(/^--client \.\/redis\.ts: a TypeScript module cannot be loaded/);
    expect(await usageLine('defaults,defaults')).toMatch(/named twice/);
  });

  it('names the file when its connection function throws', async () => {
    const [p] = await load('./connection-throws.mjs');
    await expect(p!.connection('worker', sentinel)).rejects.toThrow(
      /^--client \.\/connection-throws\.mjs: connection\('worker'\) threw TypeError: no settings for worker$/,
    );
  });

  it('runs the BullMQ and ioredis --app-dir resolves, and refuses a folder without them in one line', async () => {
    const root = resolve(import.meta.dirname, '../..');
    const [app] = await resolveProfiles('defaults', { appDir: root });
    expect(app!.libs.from).toBe(root);
    expect(app!.libs.versions).toEqual({ bullmq: expect.stringMatching(/^\d/), ioredis: expect.stringMatching(/^\d/) });
    expect(typeof app!.libs.bullmq.Queue).toBe('function');
    using empty = tempDir();
    const err = await resolveProfiles('defaults', { appDir: empty.path }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/^--app-dir .*: cannot load bullmq from it/);
  });
});

describe('summarizeByProfile', () => {
  const trial = (
    n: number,
    profile: string,
    over: { gap: number; lost: number; reissued?: number; verdict?: TrialResult['verdict']; notes?: string[] },
  ): TrialResult =>
    ({
      trial: n,
      client: { profile, bullmq: '6.7.0', ioredis: '5.8.0', jobIds: profile === 'redis-arc' ? 'tool' : 'bullmq' },
      metrics: {
        detect_ms: 1000,
        promote_ms: 2000,
        write_gap_ms: over.gap,
        write_outage_ms: over.gap,
        consume_gap_ms: over.gap + 10,
        consume_outage_ms: 0,
        outage: { detection_ms: 900, election_ms: 1100, follow_ms: over.gap - 2000 },
      },
      adds: { lost: over.lost, recovered: 0, duplicated: 0, reissued: over.reissued ?? 0, overwritten: 0 },
      verdict: over.verdict ?? 'ok',
      notes: over.notes ?? [],
    }) as unknown as TrialResult;

  it('groups interleaved trials per profile, in the order they ran, with the stuck connection named', () => {
    const stuck = 'writes recovered at 2100 ms but the worker completed nothing afterwards: defaults worker connection reconnecting (running: true)';
    const rows = summarizeByProfile([
      trial(1, 'defaults', { gap: 3000, lost: 2, reissued: 5, verdict: 'consumer-stuck', notes: [stuck] }),
      trial(1, 'redis-arc', { gap: 2100, lost: 0 }),
      trial(2, 'defaults', { gap: 3100, lost: 0 }),
      trial(2, 'redis-arc', { gap: 2200, lost: 0 }),
    ]);
    expect(rows.map((r) => r.client.profile)).toEqual(['defaults', 'redis-arc']);
    expect(rows[0]).toMatchObject({
      trials: 2,
      write_gap_ms: { min: 3000, median: 3050, max: 3100 },
      lost: { max: 2 },
      reissued: { max: 5 },
      notOk: ['trial 1: consumer-stuck'],
    });
    expect(rows[0]!.stuck).toEqual([`trial 1: ${stuck}`]);
    expect(rows[0]!.outage.follow_ms).toEqual({ min: 1000, median: 1050, max: 1100 });
    expect(rows[1]).toMatchObject({ trials: 2, lost: { max: 0 }, notOk: [], stuck: [] });
  });
});

describe('within', () => {
  it('bounds a close that never settles; a failed close counts as over', async () => {
    expect(await within(20, new Promise(() => {}))).toBe(false);
    expect(await within(1000, Promise.resolve())).toBe(true);
    expect(await within(1000, Promise.reject(new Error('Connection is closed.')))).toBe(true);
  });
});
