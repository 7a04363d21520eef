import { setTimeout as sleep } from 'node:timers/promises';
import { CannotRunError, EXIT } from '../../errors/index.js';
import { checkHealth } from '../../probe/health.js';
import type { HealthReport, Verdict } from '../../probe/health-report.js';
import { emit } from '../../report/emit.js';
import { healthJson, printHealth } from '../../report/status.js';
import { projectNotes, type ProjectNotes } from '../project-notes.js';
import { parseOptions } from '../schemas/parse.js';
import { statusOptions } from '../schemas/status.js';
import { openTopology } from '../target.js';
import { closeConnection, connect } from '../../connect/connect.js';
import { printable } from '../../errors/printable.js';
import type { Target } from '../../redis/target.js';
import { describeRuns, findLeftoverRuns, QUICK_SCANS, removeRuns, type LeftoverRun } from '../../scenarios/leftover-queues.js';
import { readLock } from '../../lock/project-lock.js';
import type { Project } from '../../project/open.js';

const VERDICT_EXIT: Record<Verdict, number> = { healthy: EXIT.ok, degraded: EXIT.failed, down: EXIT.unreachable };

interface Seen {
  report: HealthReport;
  notes: ProjectNotes | undefined;
  leftovers: LeftoverRun[];
}

export async function runStatus(raw: unknown): Promise<number> {
  const opts = parseOptions(statusOptions, raw);
  const { target, project } = await openTopology(opts);
  const health = { maxLagSeconds: opts.maxLag };
  const look = async (): Promise<Seen> => {
    const report = await checkHealth(target, health);
    return {
      report,
      notes: project && (await projectNotes(project, opts.runtime)),
      leftovers: report.verdict === 'down' ? [] : await leftoverRuns(target),
    };
  };
  if (opts.removeLeftovers) return removeLeftovers(target, project);
  if (opts.watch === undefined) return show(await look(), opts.json);
  for (;;) {
    const seen = await look();
    if (process.stdout.isTTY && !opts.json) process.stdout.write('\x1b[2J\x1b[H');
    show(seen, opts.json);
    await sleep(opts.watch);
  }
}

/** The queue keys of redis-arc runs that ended before their cleanup (kill -9): read only, never removed here. */
async function leftoverRuns(target: Target): Promise<LeftoverRun[]> {
  const conn = connect(target, 'producer');
  try {
    return await findLeftoverRuns(conn, QUICK_SCANS);
  } catch {
    return []; // a scan refused (ACL) or cut: status still shows the health it read
  } finally {
    await closeConnection(conn);
  }
}

/** `--remove-leftovers`: what the note named goes; refused while this project's lock says a run is in progress. */
async function removeLeftovers(target: Target, project: Project | undefined): Promise<number> {
  const lock = project && (await readLock(project.dir));
  if (lock?.alive)
    throw new CannotRunError(
      `\`${lock.holder.command}\` (pid ${lock.holder.pid}) is running on this topology: its queues are in use; run --remove-leftovers once it ended`,
    );
  const conn = connect(target, 'producer');
  try {
    const runs = await findLeftoverRuns(conn);
    const removed = runs.length ? await removeRuns(conn, runs) : 0;
    console.log(
      runs.length ? `removed ${removed} key(s) of ${runs.length} redis-arc run(s): ${printable(describeRuns(runs))}` : 'no queue keys of redis-arc runs found',
    );
    return EXIT.ok;
  } finally {
    await closeConnection(conn);
  }
}

function leftoverNotes(runs: LeftoverRun[]): string[] {
  if (!runs.length) return [];
  const keys = runs.reduce((n, r) => n + r.keys, 0);
  const failover = runs.some((r) => r.kind === 'failover');
  return [
    `${keys} queue key(s) left by ${runs.length} redis-arc run(s) that ended before their cleanup (killed?): ${describeRuns(runs)}; ` +
      '`redis-arc status --remove-leftovers` removes them' +
      (failover ? " (the next failover-test of a project removes its own failover-test runs' by itself)" : ''),
  ];
}

function show(seen: Seen, json: boolean): number {
  emit(seen, {
    json,
    toJson: ({ report, notes, leftovers }) => ({ ...healthJson(report), ...(notes && { runtime: notes }), leftoverQueues: leftovers }),
    print: ({ report, notes, leftovers }) => {
      printHealth(report);
      for (const note of [...(notes?.notes ?? []), ...leftoverNotes(leftovers)]) console.log(`  note: ${printable(note)}`);
    },
  });
  return VERDICT_EXIT[seen.report.verdict];
}
