import { connect, type Connection } from '../../connect/connect.js';
import type { ConnectOptions } from '../../connect/options.js';
import type { ConnectionRole } from '../../connect/roles.js';
import type { ProbeTarget } from '../../probe/target.js';

/**
 * A scenario's BullMQ connection. Its 'error' events only repeat what failed adds and the
 * liveness watch report; unheard, ioredis prints each retry's error with a stack (BullMQ listens
 * only while a Queue or Worker holds the connection).
 */
export function scenarioConnection(target: ProbeTarget, role: ConnectionRole, opts?: ConnectOptions): Connection {
  const c = connect(target, role, opts);
  c.on('error', () => undefined);
  return c;
}
