import { summarize } from './measure/metrics.js';
import type { MetricSummary, TrialResult } from './types.js';
import type { ProblemKind } from '../workloads/types.js';

/** One workload on one profile over the trials (METRICS.md "Workloads"). */
export interface WorkloadSummary {
  workload: string;
  profile: string;
  trials: number;
  /** min / median / max of each figure over the trials that observed it. */
  figures: Record<string, MetricSummary>;
  /** Trials with at least one problem of each kind. */
  trialsWith: Partial<Record<ProblemKind, number>>;
  /** Every problem line, as `trial N: line`. */
  problems: string[];
}

/** Group the trials' workload reports by workload and profile, in the order they first ran. */
export function summarizeWorkloads(trials: TrialResult[]): WorkloadSummary[] {
  const groups = new Map<string, { workload: string; profile: string; reports: { trial: number; report: NonNullable<TrialResult['workloads']>[number] }[] }>();
  for (const t of trials) {
    for (const report of t.workloads ?? []) {
      const profile = t.client?.profile ?? 'redis-arc';
      const key = `${report.workload}\u0000${profile}`;
      const group = groups.get(key) ?? { workload: report.workload, profile, reports: [] };
      group.reports.push({ trial: t.trial, report });
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ workload, profile, reports }) => {
    const names = [...new Set(reports.flatMap((r) => Object.keys(r.report.figures)))];
    const figures = Object.fromEntries(names.map((n) => [n, summarize(reports.map((r) => r.report.figures[n] ?? null))]));
    const trialsWith: Partial<Record<ProblemKind, number>> = {};
    for (const { report } of reports) for (const kind of new Set(report.problems.map((p) => p.kind))) trialsWith[kind] = (trialsWith[kind] ?? 0) + 1;
    const problems = reports.flatMap((r) => r.report.problems.map((p) => `trial ${r.trial}: ${p.line}`));
    return { workload, profile, trials: reports.length, figures, trialsWith, problems };
  });
}

/** A workload's breaches in a trial: what stopped (always), and acknowledged work lost beyond `maxLost`. */
export function workloadBreaches(t: TrialResult, name: string, maxLost: number | undefined): string[] {
  const out: string[] = [];
  for (const report of t.workloads ?? []) {
    for (const p of report.problems) {
      if (p.kind === 'stuck') out.push(`${name}: ${p.line}`);
      if (p.kind === 'lost' && maxLost !== undefined && p.count > maxLost) out.push(`${name}: ${p.line} > max ${maxLost}`);
    }
  }
  return out;
}
