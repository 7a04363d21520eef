import { UnreachableError } from '../errors/index.js';
import { formatEndpoint } from '../redis/endpoint.js';
import { ProbeError } from '../probe/probe-error.js';
import type { Target } from '../redis/target.js';
import type { Finding, LiveSummary } from './finding.js';
import { DEFAULT_SCAN_OPTIONS, type ScanOptions } from './live-options.js';
import { readLive } from './live-read.js';
import { checkLive } from './check.js';

export type LiveResult = { reached: false; reason: string } | { reached: true; findings: Finding[]; summary: LiveSummary };

/** Where a target points, for messages: never its password. */
export function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'standalone':
      return `standalone ${formatEndpoint(t.node)}`;
    case 'sentinel':
      return `sentinel '${t.masterName}' via ${t.sentinels.map(formatEndpoint).join(',')}`;
    case 'cluster':
      return `cluster via ${t.seeds.map(formatEndpoint).join(',')}`;
  }
}

/**
 * Live doctor: read the topology and turn what it shows into findings. Nothing answering is a
 * result (`reached: false`), so a project that is not running can say so; a wrong password is
 * an UnreachableError (exit 3: no check could run).
 */
export async function doctorLive(target: Target, opts: { project: boolean; scan?: Partial<ScanOptions> }): Promise<LiveResult> {
  let state;
  try {
    state = await readLive(target, { ...DEFAULT_SCAN_OPTIONS, ...opts.scan });
  } catch (err) {
    // The ProbeError's message already says where the password comes from.
    if (err instanceof ProbeError && err.reason === 'auth') throw new UnreachableError(`cannot check ${describeTarget(target)}: ${err.message}`);
    throw err;
  }
  const reachableNodes = state.nodes.filter((n) => n.status.reachable).length;
  const reachableSentinels = state.sentinels.filter((s) => s.status.reachable).length;
  if (reachableNodes === 0 && reachableSentinels === 0) {
    const [first, ...rest] = state.health.problems;
    const last = rest.at(-1);
    return { reached: false, reason: last ? `${last} (${first})` : (first ?? 'nothing answers') };
  }

  const { findings, queues } = checkLive(state, { project: opts.project });
  const scanned = state.nodes.filter((n) => n.scan);
  return {
    reached: true,
    findings,
    summary: {
      checked: true,
      target: describeTarget(target),
      kind: target.kind,
      nodes: { reachable: reachableNodes, total: state.nodes.length },
      ...(target.kind === 'sentinel' && { sentinels: { reachable: reachableSentinels, total: state.sentinels.length } }),
      ...(target.kind === 'cluster' && {
        scan: {
          masters: scanned.length,
          keysScanned: scanned.reduce((n, s) => n + (s.scan?.keys.length ?? 0), 0),
          capped: scanned.filter((s) => s.scan?.capped).map((s) => s.name),
          queues: queues.map(({ prefix, name, tagged, keys, slots }) => ({ prefix, name, tagged, keys, slots })),
        },
      }),
    },
  };
}
