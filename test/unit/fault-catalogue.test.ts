import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/errors/exit-codes.js';
import { FAULT_CATALOGUE, FAULTS, inject } from '../../src/scenarios/faults/index.js';

const FOLDER = resolve(import.meta.dirname, '../../src/scenarios/faults');
/** The folder's files that are not faults: the catalogue, its types and the helpers the faults share. */
const NOT_FAULTS = ['index', 'names', 'fault', 'fault-redis', 'fault-network', 'fault-command', 'placeholders', 'process-group', 'rejoin', 'cannot-run'];

describe('the fault catalogue', () => {
  const defs = Object.values(FAULT_CATALOGUE);

  it('holds one definition per file, named by its id, and every --fault choice plus command', () => {
    const files = readdirSync(FOLDER)
      .map((f) => f.replace(/\.ts$/, ''))
      .filter((f) => !NOT_FAULTS.includes(f));
    expect(defs.map((d) => d.id).sort()).toEqual(files.sort());
    expect(Object.entries(FAULT_CATALOGUE).every(([id, d]) => d.id === id)).toBe(true);
    expect(defs.map((d) => d.id).sort()).toEqual([...FAULTS, 'command'].sort());
  });

  it('says once which faults promote nobody, which last --fault-ms, which need a runtime, and which need one kind', () => {
    const ids = (pick: (d: (typeof defs)[number]) => boolean) =>
      defs
        .filter(pick)
        .map((d) => d.id)
        .sort();
    expect(ids((d) => !d.promotes)).toEqual(['connections', 'hang-clients']);
    expect(ids((d) => d.lastsFaultMs !== undefined)).toEqual(['debug-sleep', 'hang-clients', 'isolate', 'partition', 'pause']);
    expect(ids((d) => d.needsRuntime)).toEqual(['hang-clients', 'isolate', 'kill', 'partition', 'pause']);
    expect(ids((d) => d.kinds.length === 1 && d.kinds[0] === 'sentinel')).toEqual(['sentinel-failover']);
    expect(ids((d) => d.kinds.length === 1 && d.kinds[0] === 'cluster')).toEqual(['cluster-failover', 'cluster-failover-force', 'cluster-failover-takeover']);
  });

  it('refuses a fault that needs a runtime on a topology redis-arc did not start, saying what to use instead', async () => {
    const ctx = { target: { id: '10.0.0.1:6379', address: { host: '10.0.0.1', port: 6379 }, role: 'master' }, pauseMs: 1000 };
    await expect(inject('kill', ctx)).rejects.toMatchObject({
      exitCode: EXIT.cannotRun,
      message: expect.stringMatching(/^--fault kill needs a topology redis-arc started.*--fault-cmd/),
    });
    await expect(inject('isolate', ctx)).rejects.toMatchObject({
      exitCode: EXIT.cannotRun,
      message: expect.stringMatching(/^--fault isolate cuts the network.*local runtime/),
    });
  });

  it('names what each heal did', () => {
    expect(FAULT_CATALOGUE.kill.healed({ heal: async () => {} })).toBe('restarted');
    expect(FAULT_CATALOGUE['hang-clients'].healed({ heal: async () => {} })).toBe('network restored (nftables table deleted)');
    expect(FAULT_CATALOGUE.command.healed({ heal: async () => {} })).toBe('left as is (no --heal-cmd)');
    expect(FAULT_CATALOGUE.connections.healed({ heal: async () => {} })).toBe('left as is');
  });
});
