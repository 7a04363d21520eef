import { UsageError } from '../errors/index.js';
import { formatEndpoint } from '../redis/endpoint.js';
import { withClient } from '../probe/client.js';
import { infoString, parseInfo } from '../probe/info.js';
import { firstEndpoint, type Target } from '../redis/target.js';
import { probeClientOptions } from '../probe/client.js';

const NAME = { standalone: 'a standalone Redis', sentinel: 'a sentinel', cluster: 'a cluster node' } as const;
const FLAG = { standalone: '--url redis://', sentinel: '--sentinel ', cluster: '--cluster ' } as const;
/** A redis_mode redis-arc has an attach flag for. */
const isKind = (mode: string): mode is keyof typeof NAME => Object.hasOwn(NAME, mode);

/**
 * The attach flag must match what the first address is (INFO's redis_mode): a cluster node given
 * as a sentinel would otherwise look like "no sentinel answers". Unreachable or refused nodes are
 * left to the probe, which reports them.
 */
export async function checkAttachKind(target: Target): Promise<void> {
  const ep = firstEndpoint(target);
  if (!ep) return;
  const password = target.kind === 'sentinel' ? target.sentinelPassword : target.password;
  const mode = await withClient(
    ep,
    password,
    async (c) => infoString(parseInfo(String(await c.info('server'))), 'redis_mode'),
    probeClientOptions(target, { connectTimeoutMs: 1000 }),
  ).catch(() => undefined);
  if (!mode || mode === target.kind) return;
  const address = formatEndpoint(ep);
  if (!isKind(mode)) throw new UsageError(`${address} is redis_mode ${mode}, not ${NAME[target.kind]}`);
  throw new UsageError(`${address} is ${NAME[mode]}, not ${NAME[target.kind]}; use ${FLAG[mode]}${address}`);
}
