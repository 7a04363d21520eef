import { resolveServer } from '../../src/servers/resolve.js';

/**
 * Whether a fetched server's tests can run: it must be in the cache (`scripts/test.sh` runs
 * `redis-arc servers add`). Under CI=true a missing one is a failure, not a skip; elsewhere the
 * file skips, saying why (a machine whose apt cannot reach Debian 13).
 */
export async function serverOrSkip(file: string, name: string): Promise<boolean> {
  try {
    await resolveServer(name, { sentinel: true });
    return true;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (process.env.CI === 'true') throw new Error(`${file}: CI=true and ${why}`, { cause: err });
    console.warn(`SKIPPED ${file} on ${name}: ${why}`);
    return false;
  }
}
