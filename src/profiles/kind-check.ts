import { checkClient } from '../doctor/check.js';
import { CannotRunError } from '../errors/index.js';
import { printableValue } from '../errors/printable.js';
import type { Target } from '../redis/target.js';
import { readSettings } from './read-settings.js';
import type { ClientProfile } from './types.js';

/**
 * Refuse a client profile whose connections cannot work on this kind of topology (an ioredis
 * Cluster on a sentinel topology, one node on a cluster), before any load starts: the run would
 * stick, then blame the failover. The line is doctor's client-kind finding (`doctor --client`).
 * The settings are read as doctor reads them, connecting nowhere.
 */
export async function refuseMismatchedKinds(profiles: readonly ClientProfile[], kind: Target['kind']): Promise<void> {
  for (const profile of profiles) {
    const settings = await readSettings(profile, kind);
    const finding = checkClient(settings).find((f) => f.rule === 'client-kind' && f.severity === 'error');
    if (finding)
      throw new CannotRunError(
        `--client ${printableValue(profile.name)}: its ${finding.path.split(': ').pop() ?? 'connection'} is ${finding.observed ?? 'of another kind'}: ${finding.message}; ${finding.fix}`,
      );
  }
}
