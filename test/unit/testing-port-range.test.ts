import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT_RANGE, portRange } from '../../src/testing/ports.js';

describe('redis-arc/testing port range', () => {
  it('is the one given, else REDIS_ARC_TESTING_PORTS, else the default (cluster bus ports below 32768)', () => {
    expect(portRange({ from: 1, to: 2 }, { REDIS_ARC_TESTING_PORTS: '9000-9999' })).toEqual({ from: 1, to: 2 });
    expect(portRange(undefined, { REDIS_ARC_TESTING_PORTS: ' 9000-9999 ' })).toEqual({ from: 9000, to: 9999 });
    expect(portRange(undefined, {})).toEqual(DEFAULT_PORT_RANGE);
    expect(DEFAULT_PORT_RANGE.to + 10_000).toBeLessThan(32_768);
  });

  it('a malformed variable is one line saying what is expected', () => {
    expect(() => portRange(undefined, { REDIS_ARC_TESTING_PORTS: '9999-9000' })).toThrow(
      /^redis-arc: REDIS_ARC_TESTING_PORTS=9999-9000 is not a port range like 9000-9999$/,
    );
    expect(() => portRange(undefined, { REDIS_ARC_TESTING_PORTS: 'low' })).toThrow(/is not a port range/);
  });
});
