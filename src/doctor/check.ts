import type { Spec } from '../specfile/spec.js';
import type { ClientSettings } from './client-settings.js';
import type { Finding, Severity } from './finding.js';
import type { LiveState } from './live-read.js';
import { queuesInKeys, type QueueKeys } from './live-queues.js';
import { RULES } from './rules/index.js';
import type { LiveChecks, LiveDraft, SentinelView, Some } from './rules/rule.js';
import { majorityOf } from './rules/shared.js';

const all = <T>(some: Some<T>): T[] => (some === undefined ? [] : Array.isArray(some) ? some : [some]);

/** BullMQ production rules against a spec (no Redis needed), in catalogue order. */
export function checkSpec(spec: Spec): Finding[] {
  return RULES.flatMap((rule) =>
    all(rule.spec?.(spec)).map(({ severity, path, message, fix }): Finding => ({ source: 'spec', severity, rule: rule.id, path, message, fix })),
  );
}

/** A client module's settings against the client rules (`doctor --client`), in catalogue order. */
export function checkClient(settings: ClientSettings): Finding[] {
  return RULES.flatMap((rule) =>
    all(rule.client?.(settings)).map(({ severity, path, observed, message, fix }): Finding => ({
      source: 'client',
      severity,
      rule: rule.id,
      path: `${settings.client}: ${path}`,
      ...(observed !== undefined && { observed }),
      message,
      fix,
    })),
  );
}

export interface LiveCheckOptions {
  /** Checking a redis-arc project: fixes name the spec key too. */
  project: boolean;
}

type Drafted = LiveDraft & { rule: string };

/** Everything doctor concludes from one live reading. Same finding on several nodes = one finding listing them. */
export function checkLive(state: LiveState, opts: LiveCheckOptions): { findings: Finding[]; queues: QueueKeys[] } {
  const drafts: Drafted[] = [];
  const step = (run: (live: LiveChecks) => Some<LiveDraft>) => {
    for (const rule of RULES) if (rule.live) drafts.push(...all(run(rule.live)).map((d) => ({ ...d, rule: rule.id })));
  };
  for (const node of state.nodes) step((live) => live.node?.(node, state));
  step((live) => live.nodes?.(state, drafts));
  if (state.target.kind === 'sentinel') {
    const view = sentinelView(state, state.target.masterName);
    for (const s of state.sentinels) step((live) => live.sentinel?.(s, view));
    step((live) => live.sentinels?.(view));
  }
  let queues: QueueKeys[] = [];
  if (state.target.kind === 'cluster') {
    queues = queuesInKeys(state.nodes.flatMap((n) => (n.scan ? [{ node: n.name, keys: n.scan.keys }] : [])));
    step((live) => live.cluster?.(state, queues));
  }
  return { findings: merge(drafts).map((d) => toFinding(d, opts)), queues };
}

function sentinelView(state: LiveState, masterName: string): SentinelView {
  const reachable = state.sentinels.filter((s) => s.status.reachable);
  const total = Math.max(state.sentinels.length, ...reachable.map((s) => (s.status.otherSentinels ?? 0) + 1));
  return { masterName, reachable, total, majority: majorityOf(total) };
}

/** One key order for every finding, so `--json` prints them alike. */
function toFinding(d: Drafted, opts: LiveCheckOptions): Finding {
  return {
    source: 'live',
    severity: d.severity,
    rule: d.rule,
    path: d.path,
    ...(d.nodes && { nodes: d.nodes }),
    ...(d.observed !== undefined && { observed: d.observed }),
    message: d.message,
    fix: d.fix,
    ...(opts.project && d.specKey && { specKey: d.specKey }),
  };
}

/** Drafts that differ only in their node become one finding naming every node; then errors, warnings, infos. */
function merge(drafts: Drafted[]): Drafted[] {
  const byKey = new Map<string, Drafted>();
  for (const d of drafts) {
    const key = JSON.stringify([d.severity, d.rule, d.path, d.observed, d.message, d.fix]);
    const seen = byKey.get(key);
    if (seen) seen.nodes = [...(seen.nodes ?? []), ...(d.nodes ?? [])];
    else byKey.set(key, { ...d, ...(d.nodes && { nodes: [...d.nodes] }) });
  }
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...byKey.values()].sort((a, b) => order[a.severity] - order[b.severity]);
}
