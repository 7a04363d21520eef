import { ArcError, InterruptedError } from '../errors/index.js';
import { targetFromTopology } from '../redis/target.js';
import { ProbePool } from '../probe/pool.js';
import { waitUntilHealthy } from '../probe/wait.js';
import type { NodePlan } from '../topology/types.js';
import { clusterNeedsForming, formCluster, waitClusterStateOk, WRITABLE_DELAY_MS } from './form-cluster.js';
import type { Runtime, StartStep } from './runtime.js';

const START_WAIT_INTERVAL_MS = 10;
/**
 * Any PING to a peer still waiting for its answer means "not yet": a sentinel just restarted marks
 * a peer connected as soon as it starts connecting and sends its PING at once, so one cut off from
 * its peers looked healthy for its first 250 ms under the 250 ms this was (up exited once in CI).
 * A healthy peer answers within a millisecond; catching that, the wait polls again.
 */
const PEER_PING_MS = 0;

export interface BootResult {
  /** Nodes this call started; empty when everything was already running. */
  started: string[];
  elapsedMs: number;
}

/**
 * `up` as phases: start processes, form the cluster (cluster kind), wait until the topology is
 * healthy by Redis' own account. If it never gets there, what this call started is stopped again.
 */
export async function boot(
  runtime: Runtime,
  password: string | undefined,
  opts: { timeoutMs: number; onStep?: (s: StartStep) => void; signal?: AbortSignal; fresh?: boolean },
): Promise<BootResult> {
  const t0 = performance.now();
  const t = runtime.topology;
  const onStep = opts.onStep ?? (() => {});
  const started = await runtime.start(onStep, { fresh: opts.fresh });
  try {
    if (opts.signal?.aborted) throw new InterruptedError();
    // Fresh nodes, or nodes a killed run left half-formed; a restarted node of a formed (maybe failed-over) cluster rejoins by its nodes.conf.
    const forming = t.kind === 'cluster' && (opts.fresh || (await clusterNeedsForming(t, (n) => runtime.endpoint(n), password, runtime.tls)));
    if (forming) await formCluster(t, (n) => runtime.endpoint(n), password, { timeoutMs: opts.timeoutMs, onStep, tls: runtime.tls });
    const target = targetFromTopology(t, password, { tls: runtime.tls });
    // A master of a cluster formed here says cluster_state:ok no sooner than 2 s after its process
    // started (after t0), whoever forms the cluster: the wait asks nothing until then, then has
    // each master re-check its state every millisecond (waitClusterStateOk), and the health check
    // that follows reuses its connections, so the start ends a few milliseconds after the 2 s.
    const pool = new ProbePool();
    try {
      if (forming) {
        onStep({ message: 'waiting for every node to report cluster_state:ok (a fresh master waits 2 s)' });
        const endpoint = (n: NodePlan) => runtime.endpoint(n);
        const timeoutMs = Math.min(WRITABLE_DELAY_MS + 1000, opts.timeoutMs) - (performance.now() - t0);
        const extra = { ...(runtime.tls && { tls: runtime.tls }), ...(opts.signal && { signal: opts.signal }) };
        await waitClusterStateOk(t, endpoint, password, { pool, notBefore: t0 + WRITABLE_DELAY_MS, timeoutMs, ...extra });
      }
      await waitUntilHealthy(target, {
        timeoutMs: Math.max(1000, opts.timeoutMs - (performance.now() - t0)),
        // A cluster formed here is checked every 10 ms once its masters said ok (a check over held
        // connections costs ~2 ms). Others keep the 100 ms poll: checked every 10 ms, a Sentinel
        // topology was called healthy sooner after its start, and tests acting at once failed now
        // and then (a key written just before a forced failover missing on the promoted replica).
        ...(forming && { intervalMs: START_WAIT_INTERVAL_MS }),
        pool,
        // Healthy means each sentinel can reach its peers (a failover needs their votes), not only CKQUORUM now.
        health: { peerPingMs: PEER_PING_MS },
        onWaiting: (what) => onStep({ message: `waiting for ${what}` }),
        ...(opts.signal && { signal: opts.signal }),
      });
    } finally {
      pool.close();
    }
  } catch (err) {
    if (started.length) await runtime.stop({ graceMs: 2000, nodes: started }).catch(() => undefined);
    if (err instanceof InterruptedError) {
      throw new InterruptedError(`interrupted: stopped the ${started.length} node(s) this run had started; the topology is as it was before \`up\``);
    }
    if (err instanceof ArcError && started.length) {
      throw new ArcError(`${err.message}\nstopped the ${started.length} node(s) this run had started; see \`redis-arc logs\``, err.exitCode);
    }
    throw err;
  }
  return { started, elapsedMs: Math.round(performance.now() - t0) };
}
