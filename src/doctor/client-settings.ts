import type { ClientRole } from '../client/index.js';

/** ioredis' own defaults for the settings the client rules read (what an option left out means). */
export const IOREDIS_DEFAULTS = { maxRetriesPerRequest: 20, enableOfflineQueue: true, failoverDetector: false, maxRedirections: 16 } as const;

/** What a client module hands BullMQ for one role, as doctor reads it (nothing connects). */
export interface RoleSettings {
  /** The ioredis options of one connection: of the options returned, or of the instance (its `options`). */
  options: Record<string, unknown>;
  /** An ioredis Cluster instance: its cluster-level options. */
  cluster?: Record<string, unknown>;
  /** The connection follows +switch-master by means of its own, not an ioredis option (redis-arc's SwitchRedirects). */
  followsSwitch?: true;
}

export interface ClientSettings {
  /** The module as given (`./src/redis.mjs`) or a built-in profile's name. */
  client: string;
  kind: 'standalone' | 'sentinel' | 'cluster';
  roles: Record<ClientRole, RoleSettings>;
}

/**
 * The settings in what a module returned, without using it: an ioredis instance carries its
 * merged options (`options`; a Cluster its `redisOptions` inside); plain options are as given.
 */
export function settingsOf(returned: object): RoleSettings {
  const options = record(Reflect.get(returned, 'options'));
  const isInstance = typeof Reflect.get(returned, 'disconnect') === 'function' && options !== undefined;
  if (!isInstance) return { options: { ...returned } };
  const isCluster = typeof Reflect.get(returned, 'nodes') === 'function';
  return isCluster ? { options: record(options.redisOptions) ?? {}, cluster: options } : { options };
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? { ...v } : undefined;
}

/** A setting as ioredis will use it: the value given, else ioredis' default. */
export function effective<K extends keyof typeof IOREDIS_DEFAULTS>(s: Record<string, unknown> | undefined, key: K): unknown {
  return s && key in s && s[key] !== undefined ? s[key] : IOREDIS_DEFAULTS[key];
}

/** A setting's value as a finding shows it: as given, an object as its JSON rather than `[object Object]`. */
export function settingText(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
