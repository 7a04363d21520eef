import type { TrialResult } from '../types.js';
import { drainAndAccount, heal } from './account.js';
import { injectAndRecover, warmUp } from './inject.js';
import type { Say, TrialOptions } from './options.js';
import { closeTrial, openTrial } from './parts.js';
import { planOnHealthy, prepare } from './prepare.js';
import { trialResult } from './result.js';

export type { TrialOptions } from './options.js';

/**
 * One trial: load, fault at t0, watch, recover, heal, read every id back. Each phase is a
 * function of its own, in the order they run; whatever ends the trial, `closeTrial` heals the
 * fault and stops what was started.
 */
export async function runTrial(n: number, o: TrialOptions): Promise<TrialResult> {
  const say: Say = (m) => o.onProgress?.(`trial ${n}${o.profileInProgress && o.profile ? ` (${o.profile.name})` : ''}: ${m}`);
  const plan = await planOnHealthy(o);
  const parts = openTrial(o);
  try {
    const running = await prepare(n, o, plan, parts);
    await warmUp(o, running, say);
    const hit = await injectAndRecover(o, plan, parts, running, say);
    const healed = await heal(o, plan, parts, running, hit, say);
    const measured = await drainAndAccount(o, plan, parts, running, hit, healed, say);
    return trialResult(n, o, plan, parts, running, hit, healed, measured);
  } finally {
    await closeTrial(o, parts);
  }
}
