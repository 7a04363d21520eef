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
    expect(e.message).toBe(
      '127.0.0.1:19001: unreachable (Command timed out: it accepted the connection but sent no reply; a paused or overloaded node, or a server that is not Redis)',
    );
  });

  it('a server that accepts and closes at once is not called plainly unreachable', () => {
    const e = toProbeError(new Error('Connection is closed.'), ep);
    expect(e.message).toBe(
      '127.0.0.1:19001: unreachable (Connection is closed: it accepted the connection and closed it without a reply; a TLS-only node (pass --tls-ca), a proxy turning us away, or a server that is not Redis)',
    );
  });

  it("Redis' protected mode refusal in one clause with its fix, not its paragraph", () => {
    const denied =
      "DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user. In this mode connections are only accepted from the loopback interface. If you want to connect from external computers to Redis you may adopt one of the following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from the same host the server is running, however MAKE SURE Redis is not publicly accessible from internet if you do so.";
    const e = toProbeError(new Error(denied), ep);
    expect(e.message).toBe(
      '127.0.0.1:19001: probe failed (protected mode: it has no password, so it only accepts clients on its own loopback interface; set requirepass there, or probe it from that host)',
    );
  });

  it('a Redis at maxclients says what to change', () => {
    const e = toProbeError(new Error('ERR max number of clients reached'), ep);
    expect(e.message).toContain('ERR max number of clients reached: it takes no new client; raise maxclients there');
  });
});
