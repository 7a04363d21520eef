import { setTimeout as sleep } from 'node:timers/promises';
import { checkHealth } from '../../probe/health.js';
import type { HealthReport } from '../../probe/health-report.js';
import { printHealth } from '../../report/status.js';
import { commandTarget } from '../target.js';

export const VERDICT_EXIT = { healthy: 0, degraded: 1, down: 2 } as const;

export async function runStatus(opts: Record<string, unknown>): Promise<number> {
  const target = await commandTarget(opts);
  const health = { maxLagSeconds: opts.maxLag as number };
  const look = () => checkHealth(target, health);
  if (!opts.watch) return show(await look(), Boolean(opts.json));
  const everyMs = (opts.watch === true ? 1 : Number(opts.watch)) * 1000;
  for (;;) {
    const report = await look();
    if (process.stdout.isTTY && !opts.json) process.stdout.write('\x1b[2J\x1b[H');
    show(report, Boolean(opts.json));
    await sleep(Number.isFinite(everyMs) && everyMs > 0 ? everyMs : 1000);
  }
}

function show(report: HealthReport, json: boolean): number {
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printHealth(report);
  return VERDICT_EXIT[report.verdict];
}
