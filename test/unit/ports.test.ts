/**
 * The one port allocator (src/ports): redis-arc/testing's random free blocks and compare's fixed
 * block lock the same slot files, so neither hands out ports the other holds.
 */
import { describe, expect, it } from 'vitest';
import { holdComparePorts } from '../../src/scenarios/compare/ports.js';
import { blockPorts, holdPorts, reservePorts } from '../../src/ports/reserve.js';

describe('the port allocator', () => {
  it('lays a block out: data ports, sentinel ports, then cluster bus ports 10000 above the data ports', () => {
    expect(blockPorts({ portBase: 100 }, { data: 3, sentinels: 2, cluster: false })).toEqual([100, 101, 102, 103, 104]);
    expect(blockPorts({ portBase: 100, sentinelPortBase: 110 }, { data: 2, sentinels: 2, cluster: false })).toEqual([100, 101, 110, 111]);
    expect(blockPorts({ portBase: 100 }, { data: 2, sentinels: 0, cluster: true })).toEqual([100, 101, 10100, 10101]);
  });

  it('holds a fixed block once: a second hold names the holder, and a random block never lands on it', async () => {
    const ports = blockPorts({ portBase: 29_008 }, { data: 16, sentinels: 0, cluster: false });
    const held = holdPorts(ports);
    if ('heldBy' in held) throw new Error(`ports ${ports[0]} held by ${held.heldBy}`);
    try {
      expect(holdPorts([ports[3]!])).toEqual({ heldBy: process.pid });
      for (let i = 0; i < 5; i++) {
        const block = await reservePorts(3, 0, false, { from: 28_992, to: 29_039 });
        expect(block.ports.some((p) => ports.includes(p))).toBe(false);
        block.release();
      }
    } finally {
      held.release();
    }
    const again = holdPorts(ports);
    expect('release' in again).toBe(true);
    if ('release' in again) again.release();
  });

  it('compare refuses, in one line, a block another process holds', () => {
    const first = holdComparePorts('standalone', { portBase: 29_104 });
    try {
      expect(() => holdComparePorts('standalone', { portBase: 29_104 })).toThrow(
        /^compare: the standalone ports from 29104 are held by another redis-arc process \(pid \d+\); wait for it to end or give --port-base another block$/,
      );
    } finally {
      first[Symbol.dispose]();
    }
  });
});
