import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

/** Every nftables table redis-arc creates starts with this; nothing else is ever touched. */
export const TABLE_PREFIX = 'redis-arc-';
/** One family for every table: inet sees IPv4 (all redis-arc traffic is on 127.0.0.0/8). */
export const TABLE_FAMILY = 'inet';

/**
 * The project's table: named after its folder, so two projects never share one and the next
 * `up` / `down` / `status` of the same project finds what a killed run left behind.
 */
export function projectTable(projectDir: string): string {
  return `${TABLE_PREFIX}${createHash('sha256').update(resolve(projectDir)).digest('hex').slice(0, 12)}`;
}

export const isProjectTable = (name: string): boolean => name.startsWith(TABLE_PREFIX) && /^[A-Za-z0-9_-]+$/.test(name);
