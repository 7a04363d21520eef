import { EXIT } from '../../errors/index.js';
import { printCompare } from '../../report/compare.js';
import { emit } from '../../report/emit.js';
import { claimOutputFile } from '../../report/output-file.js';
import { createProgress } from '../../report/progress.js';
import { comparePorts, DEFAULT_COMPARE } from '../../scenarios/compare/defaults.js';
import { runCompare } from '../../scenarios/compare/index.js';
import { onInterrupt } from '../interrupt.js';
import { startReaped } from '../compare-start.js';
import { compareOptions } from '../schemas/compare.js';
import { parseOptions } from '../schemas/parse.js';
import { writeOutputFiles } from '../outputs.js';

/** `redis-arc compare`: measure each topology in turn, print the analysis' table with verdicts. */
export async function runCompareCommand(raw: unknown): Promise<number> {
  const opts = parseOptions(compareOptions, raw);
  // Before anything boots: a refusal after minutes of measuring would waste them.
  if (opts.report) await claimOutputFile(opts.report, '--report', opts.force);
  const progress = await createProgress({ quiet: opts.json });
  // First Ctrl-C / SIGTERM: stop the step in progress, then stop and remove the topology being measured. Second: exit now.
  const interrupt = onInterrupt('stopping compare and removing the topology it started', opts.json ? undefined : (m) => progress.step(m), {
    // The reaper (compare-start.ts) sees this process end and kills the nodes, then deletes their folder.
    exitNow: 'exiting at once: the nodes compare started are killed and their temporary folder removed as it exits',
  });
  try {
    const result = await runCompare({
      settings: {
        topologies: opts.topologies,
        downAfterMs: opts.downAfterMs,
        trials: opts.trials,
        queues: opts.queues,
        failover: DEFAULT_COMPARE.failover,
        latency: DEFAULT_COMPARE.latency,
        throughput: DEFAULT_COMPARE.throughput,
      },
      ports: comparePorts(opts.portBase),
      signal: interrupt.signal,
      onProgress: (m) => progress.step(m),
      start: startReaped,
    });
    progress.succeed(`measured ${opts.topologies.join(', ')}; every topology stopped and its folder removed`);
    // The result first: a report that cannot be written must not lose the measurement.
    emit(result, { json: opts.json, print: printCompare });
    if (!opts.report) return EXIT.ok;
    const { compareHtml } = await import('../../report/html/index.js');
    return await writeOutputFiles([{ flag: '--report', file: opts.report, content: () => compareHtml(result), announce: true }], opts.force);
  } catch (err) {
    if (!interrupt.signal.aborted) {
      progress.fail();
      throw err;
    }
    progress.fail('interrupted: the topology being measured was stopped and its folder removed');
    return EXIT.interrupted;
  } finally {
    interrupt.dispose();
  }
}
