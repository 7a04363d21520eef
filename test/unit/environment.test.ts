/**
 * One environment reader for failover-test, bench and compare; each result keeps the fields it has
 * always written, in the same order, so a saved --json stays byte-identical; the server that ran comes last.
 */
import { describe, expect, it } from 'vitest';
import { benchEnvironment, compareEnvironment, failoverEnvironment, hostEnvironment, type Environment } from '../../src/scenarios/environment.js';

const e: Environment = {
  redisVersion: '7.2.4',
  server: { name: 'valkey', version: '8.1.1' },
  node: 'v20.0.0',
  bullmq: '6.7.0',
  ioredis: '6.0.0',
  cpus: 2,
  loadAvg1: 0.5,
  at: '2026-01-01T00:00:00.000Z',
};

describe('the environment of a result', () => {
  it('is each result’s own fields, in the order each has always written them', () => {
    expect(Object.keys(failoverEnvironment(e))).toEqual(['redisVersion', 'node', 'bullmq', 'cpus', 'at', 'server']);
    expect(Object.keys(benchEnvironment(e, 'sentinel'))).toEqual(['redisVersion', 'topology', 'node', 'bullmq', 'ioredis', 'cpus', 'at', 'server']);
    expect(Object.keys(compareEnvironment(e))).toEqual(['cpus', 'loadAvg1', 'redisVersion', 'node', 'bullmq', 'at', 'server']);
    expect(benchEnvironment(e, 'sentinel').topology).toBe('sentinel');
    // A result saved before servers were named has none, and writes none.
    expect(Object.keys(failoverEnvironment({ ...e, server: undefined }))).not.toContain('server');
  });

  it('reads this process and machine', () => {
    const h = hostEnvironment();
    expect(h.node).toBe(process.version);
    expect(h.bullmq).toMatch(/^\d+\.\d+\.\d+/);
    expect(h.ioredis).toMatch(/^\d+\.\d+\.\d+/);
    expect(h.cpus).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(h.at))).toBe(false);
  });
});
