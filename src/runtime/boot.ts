import { ArcError, InterruptedError } from '../errors/index.js';
import { targetFromTopology } from '../probe/target.js';
import { waitUntilHealthy } from '../probe/wait.js';
import { clusterNeedsForming, formCluster } from './form-cluster.js';
import type { Runtime, StartStep } from './runtime.js';

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
  opts: { timeoutMs: number; onStep?: (s: StartStep) => void; signal?: AbortSignal },
): Promise<BootResult> {
  const t0 = performance.now();
  const t = runtime.topology;
  const onStep = opts.onStep ?? (() => {});
  const started = await runtime.start(onStep);
  try {
    if (opts.signal?.aborted) throw new InterruptedError();
    // Fresh nodes, or nodes a killed run left half-formed; a restarted node of a formed (maybe failed-over) cluster rejoins by its nodes.conf.
    if (t.kind === 'cluster' && (await clusterNeedsForming(t, (n) => runtime.endpoint(n), password, runtime.tls))) {
      await formCluster(t, (n) => runtime.endpoint(n), password, { timeoutMs: opts.timeoutMs, onStep, tls: runtime.tls, startedAt: t0 });
    }
    const remaining = Math.max(1000, opts.timeoutMs - (performance.now() - t0));
    await waitUntilHealthy(targetFromTopology(t, password, { tls: runtime.tls }), {
      timeoutMs: remaining,
      onWaiting: (what) => onStep({ message: `waiting for ${what}` }),
      ...(opts.signal && { signal: opts.signal }),
    });
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
