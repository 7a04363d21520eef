import type { Target } from '../../../redis/target.js';
import type { FaultContext } from '../../faults/fault.js';
import type { TrialTopology } from './options.js';
import type { TrialPlan } from './plan.js';

/**
 * What a fault is given, built from the trial plan: the one builder of failover-test (and so
 * compare) and redis-arc/testing's fail().
 */
export function faultContext(
  plan: TrialPlan,
  { target, runtime, project }: TrialTopology,
  o: { faultMs: number; partition?: string; commands?: FaultContext['commands'] },
): FaultContext {
  return {
    runtime,
    ...(project && { projectDir: project.dir }),
    ...(o.commands && { commands: o.commands }),
    target: plan.target,
    pauseMs: o.faultMs,
    ...(o.partition !== undefined && { partition: o.partition }),
    password: target.password,
    tls: target.tls,
    replica: plan.replicas[0]?.ep,
    sentinel:
      target.kind === 'sentinel' && plan.sentinels[0]
        ? { endpoint: plan.sentinels[0].ep, masterName: target.masterName, password: target.sentinelPassword }
        : undefined,
  };
}

/** `--fault-cmd` / `--heal-cmd`, each run for at most `timeoutMs`, their output scrubbed of the topology's passwords. */
export function userCommands(target: Target, o: { faultCmd?: string; healCmd?: string; timeoutMs: number; signal?: AbortSignal }): FaultContext['commands'] {
  if (!o.faultCmd) return undefined;
  return {
    fault: o.faultCmd,
    ...(o.healCmd && { heal: o.healCmd }),
    timeoutMs: o.timeoutMs,
    secrets: secretsOf(target),
    ...(o.signal && { signal: o.signal }),
  };
}

/** What the user's commands must never print: the topology's passwords. */
function secretsOf(t: Target): string[] {
  return [t.password, t.kind === 'sentinel' ? t.sentinelPassword : undefined, t.app?.password].filter((s): s is string => Boolean(s));
}
