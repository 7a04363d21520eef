import { setTimeout as sleep } from 'node:timers/promises';
import { EXIT } from '../../errors/index.js';
import { checkHealth } from '../../probe/health.js';
import type { HealthReport, Verdict } from '../../probe/health-report.js';
import { emit } from '../../report/emit.js';
import { healthJson, printHealth } from '../../report/status.js';
import { projectNotes, type ProjectNotes } from '../project-notes.js';
import { parseOptions } from '../schemas/parse.js';
import { statusOptions } from '../schemas/status.js';
import { openTopology } from '../target.js';

const VERDICT_EXIT: Record<Verdict, number> = { healthy: EXIT.ok, degraded: EXIT.failed, down: EXIT.unreachable };

interface Seen {
  report: HealthReport;
  notes: ProjectNotes | undefined;
}

export async function runStatus(raw: unknown): Promise<number> {
  const opts = parseOptions(statusOptions, raw);
  const { target, project } = await openTopology(opts);
  const health = { maxLagSeconds: opts.maxLag };
  const look = async (): Promise<Seen> => ({
    report: await checkHealth(target, health),
    notes: project && (await projectNotes(project, opts.runtime)),
  });
  if (opts.watch === undefined) return show(await look(), opts.json);
  for (;;) {
    const seen = await look();
    if (process.stdout.isTTY && !opts.json) process.stdout.write('\x1b[2J\x1b[H');
    show(seen, opts.json);
    await sleep(opts.watch);
  }
}

function show(seen: Seen, json: boolean): number {
  emit(seen, {
    json,
    toJson: ({ report, notes }) => ({ ...healthJson(report), ...(notes && { runtime: notes }) }),
    print: ({ report, notes }) => {
      printHealth(report);
      for (const note of notes?.notes ?? []) console.log(`  note: ${note}`);
    },
  });
  return VERDICT_EXIT[seen.report.verdict];
}
