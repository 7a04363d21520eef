import { describe, expect, it } from 'vitest';
import { toProbeError } from '../../src/probe/probe-error.js';

const ep = { host: '127.0.0.1', port: 19001 };

describe('toProbeError names what answered', () => {
  it('a server that is not Redis, without ioredis\' "Please report this"', () => {
    const e = toProbeError(new Error('Unknown RESP type 72 "H". Please report this.'), ep);
    expect(e.reason).toBe('not-redis');
    expect(e.message).toBe('127.0.0.1:19001: answered but is not Redis (its reply began with "H", which no Redis sends)');
  });

  it('a TLS record to a plain-text client is a TLS hint, not "not Redis"', () => {
    const e = toProbeError(new Error('Unknown RESP type 21 "\u0015". Please report this.'), ep);
    expect(e.reason).toBe('other');
    expect(e.message).toContain('it answered in TLS; pass --tls-ca');
  });

  it('a server that accepts and never replies', () => {
    const e = toProbeError(new Error('Command timed out'), ep);
    expect(e.reason).toBe('unreachable');
    expect(e.message).toBe('127.0.0.1:19001: unreachable (Command timed out: it accepted the connection but sent no reply; a paused or overloaded node, or a server that is not Redis)');
  });
});
