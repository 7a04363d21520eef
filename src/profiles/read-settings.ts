import type { ClientRole } from '../client/index.js';
import { isConnection } from '../connect/bullmq.js';
import { settingsOf, type ClientSettings } from '../doctor/client-settings.js';
import type { Target } from '../redis/target.js';
import type { ClientProfile } from './types.js';

/** Port 1 on the loopback: nothing redis-arc knows, so an instance a module builds eagerly reaches nothing. */
const NOWHERE = { host: '127.0.0.1', port: 1 };

function placeholder(kind: ClientSettings['kind']): Target {
  if (kind === 'standalone') return { kind, node: NOWHERE, password: 'placeholder' };
  if (kind === 'cluster') return { kind, seeds: [NOWHERE], password: 'placeholder' };
  return { kind, sentinels: [NOWHERE], masterName: 'mymaster', password: 'placeholder', sentinelPassword: 'placeholder' };
}

/**
 * What a profile would hand BullMQ per role on a topology of `kind`, for `doctor --client`:
 * it is given placeholder addresses, and an instance it returns is disconnected at once.
 */
export async function readSettings(profile: ClientProfile, kind: ClientSettings['kind']): Promise<ClientSettings> {
  const target = placeholder(kind);
  const read = async (role: ClientRole) => {
    const returned = await profile.connection(role, target);
    const settings = settingsOf(returned);
    if (isConnection(returned)) returned.disconnect();
    // redis-arc's connections follow +switch-master with a subscriber of their own (src/connect/switch-redirects.ts).
    return profile.followsSwitch && kind === 'sentinel' ? { ...settings, followsSwitch: true as const } : settings;
  };
  return { client: profile.name, kind, roles: { producer: await read('producer'), worker: await read('worker') } };
}
