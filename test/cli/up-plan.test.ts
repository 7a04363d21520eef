/**
 * `up --dry-run` prints the effective plan and starts nothing; a 102-node cluster's nodes and
 * seeds are shown as a few and a count (all of them in --json). Ports 9120-9221 (bus 19120-19221),
 * never bound: nothing starts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatConnection } from '../../src/report/connection.js';
import { cli, tempDir } from '../helpers/cli.js';
import { redisProcessesUnder } from '../helpers/processes.js';

describe('up --dry-run', () => {
  it('prints nodes, ports and settings of a 51x1 cluster without starting or writing anything', async () => {
    using dir = tempDir('arc-plan-');
    expect((await cli(['init', 'cluster', '--masters', '51', '--replicas-per-master', '1', '--port-base', '9120', '--dir', dir.path])).exitCode).toBe(0);
    const spec = join(dir.path, 'redis-arc.yaml');
    const text = await cli(['up', '--dry-run', '--spec', spec]);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toContain('dry run: nothing started');
    expect(text.stdout).toContain('102 node(s)');
    expect(text.stdout).toContain('… and 90 more node(s): 39 masters, 51 replicas');
    expect(text.stdout).toMatch(/data ports: 9120-9221\n\s+clusterBus ports: 19120-19221/);
    expect(text.stdout).toMatch(/nodeTimeoutMs: \d+/);
    expect(text.stdout.split('\n').length).toBeLessThan(40);
    const json = await cli(['up', '--dry-run', '--json', '--spec', spec]);
    const plan = JSON.parse(json.stdout) as { dryRun: boolean; nodes: unknown[]; settings: { masters: number } };
    expect(plan.dryRun).toBe(true);
    expect(plan.nodes).toHaveLength(102);
    expect(plan.settings.masters).toBe(51);
    expect(redisProcessesUnder(dir.path)).toEqual([]);
    expect(existsSync(join(dir.path, '.redis-arc/local'))).toBe(false);
  });
});

describe('connection settings of a large cluster', () => {
  it('name a few seeds and the count, not all 102', () => {
    const seeds = Array.from({ length: 102 }, (_, i) => ({ host: '127.0.0.1', port: 7000 + i }));
    const line = formatConnection({ kind: 'cluster', clusterSeeds: seeds, passwordFile: null }).find((l) => l.startsWith('cluster seeds'))!;
    expect(line).toContain('127.0.0.1:7000,127.0.0.1:7001');
    expect(line).not.toContain('127.0.0.1:7006');
    expect(line).toContain('and 96 more; 102 in all');
  });
});
