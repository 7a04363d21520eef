import type { Target } from '../../../redis/target.js';
import type { Watcher } from '../../watch/raw-event.js';
import { watchCluster } from '../../watch/watch-cluster.js';
import { watchSentinels } from '../../watch/watch-sentinel.js';
import type { TrialPlan } from './plan.js';

/**
 * The watchers of a plan: every reachable sentinel's announcements, or the cluster's flags on
 * the node hit and its replicas' roles. The one set of failover-test (and compare) and
 * redis-arc/testing's fail(); `watchers` receives each as it starts, so the caller stops it.
 */
export async function startWatchers(plan: TrialPlan, target: Target, watchers: Watcher[]): Promise<void> {
  if (plan.sentinels.length) watchers.push(await watchSentinels(plan.sentinels, target.kind === 'sentinel' ? target.sentinelPassword : undefined, target.tls));
  if (target.kind === 'cluster') {
    watchers.push(
      watchCluster({
        targetId: plan.target.clusterId ?? '',
        targetName: plan.target.id,
        observers: plan.observers,
        replicas: plan.replicas,
        password: target.password,
        tls: target.tls,
      }),
    );
  }
}
