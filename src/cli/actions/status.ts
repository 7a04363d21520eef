import { setTimeout as sleep } from 'node:timers/promises';
import { checkHealth } from '../../probe/health.js';
import type { HealthReport } from '../../probe/health-report.js';
import { healthJson, printHealth } from '../../report/status.js';
import { projectNotes, type ProjectNotes } from '../project-notes.js';
import { openTopology, runtimeChoice } from '../target.js';

export const VERDICT_EXIT = { healthy: 0, degraded: 1, down: 2 } as const;

export async function runStatus(opts: Record<string, unknown>): Promise<number> {
  const { target, project } = await openTopology(opts);
  const health = { maxLagSeconds: opts.maxLag as number };
  const look = async () => ({
    report: await checkHealth(target, health),
    notes: project && (await projectNotes(project, runtimeChoice(opts))),
  });
  if (!opts.watch) return show(await look(), Boolean(opts.json));
  const everyMs = (opts.watch === true ? 1 : Number(opts.watch)) * 1000;
  for (;;) {
    const seen = await look();
    if (process.stdout.isTTY && !opts.json) process.stdout.write('\x1b[2J\x1b[H');
    show(seen, Boolean(opts.json));
    await sleep(Number.isFinite(everyMs) && everyMs > 0 ? everyMs : 1000);
  }
}

function show({ report, notes }: { report: HealthReport; notes: ProjectNotes | undefined }, json: boolean): number {
  if (json) process.stdout.write(`${JSON.stringify({ ...healthJson(report), ...(notes && { runtime: notes }) }, null, 2)}\n`);
  else {
    printHealth(report);
    for (const note of notes?.notes ?? []) console.log(`  note: ${note}`);
  }
  return VERDICT_EXIT[report.verdict];
}
