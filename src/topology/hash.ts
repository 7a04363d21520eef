import { createHash } from 'node:crypto';
import type { Topology } from './types.js';

/**
 * What a topology's node data (local folders, docker volumes) depends on: everything but the
 * image. Redis rewrites its own configs as it runs, so a changed hash needs `down --purge`.
 */
export function topologyHash(t: Topology): string {
  const { image: _image, ...relevant } = t;
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex').slice(0, 16);
}
