import { printableValue } from '../../errors/printable.js';
import type { AckedJob, WorkloadDefinition } from './define.js';
import { Opened } from './opened.js';
import { factOf, problemOf } from './problems.js';
import { nothingLeftToRun, settleUntil } from './settle.js';
import { counts } from './stats.js';
import type { RunningWorkload, Workload, WorkloadProblem, WorkloadSetup } from './types.js';
import { namedErrorLine } from '../../errors/thrown.js';

const EVERY_MS = 50;
const CONCURRENCY = 10;

/**
 * A user's module as a Workload named `name` (its path as given): its jobs added at its rate, its
 * processor on a worker, and every acknowledged job accounted by id: completed exactly once (a
 * run is the processor returning without throwing: an attempt that threw is the module's retry,
 * not a run), never, or twice; then the module's own check.
 */
export function userWorkload(name: string, definition: WorkloadDefinition): Workload {
  const everyMs = definition.everyMs ?? EVERY_MS;
  const own = definition.check ? '; and its own check' : '';
  return {
    name,
    summary: `${definition.name ?? name}: the module's own job every ${everyMs} ms: each acknowledged one completes exactly once${own}`,
    start: (setup) => start(name, definition, setup),
  };
}

async function start(name: string, definition: WorkloadDefinition, setup: WorkloadSetup): Promise<RunningWorkload> {
  const opened = new Opened(setup);
  try {
    const queueName = opened.name(queuePart(definition.name));
    /** Runs (processor returned) by job id, of every job this workload's worker took. */
    const ran = new Map<string, number>();
    let attemptsFailed = 0;
    await opened.worker(
      queueName,
      async (job) => {
        let result: unknown;
        try {
          result = await definition.process(job);
        } catch (err) {
          attemptsFailed++;
          throw err;
        }
        const id = String(job.id);
        ran.set(id, (ran.get(id) ?? 0) + 1);
        return result;
      },
      { concurrency: definition.concurrency ?? CONCURRENCY },
    );
    const queue = await opened.queue(queueName);
    let addError: string | undefined;
    const ticker = opened.ticker(definition.everyMs ?? EVERY_MS, (i) =>
      definition.add({ queue, i }).then(idOf, (err: unknown) => {
        addError ??= firstLine(err);
        throw err;
      }),
    );
    ticker.start();
    const acked = (): AckedJob[] => [...ticker.acked].sort(([a], [b]) => a - b).map(([i, a]) => ({ i, id: a.value, atEpochMs: a.atEpochMs }));
    /** How many times each acknowledged id was acknowledged: more than once when BullMQ's id counter went back (a demoted master's ids issued again). */
    const expected = () => counts(acked().map((a) => a.id));
    const missing = () => [...expected()].filter(([id, n]) => (ran.get(id) ?? 0) < n);
    return {
      stopAdding: () => ticker.stop(),
      settle: (timeoutMs, signal) =>
        settleUntil(async () => missing().length === 0 || (await nothingLeftToRun([queue])), timeoutMs, signal).then(() => undefined),
      async check() {
        const byId = expected();
        const neverRan = missing().map(([id]) => id);
        const ranTwice = [...byId].filter(([id, n]) => (ran.get(id) ?? 0) > n).map(([id]) => id);
        const reissued = [...byId].filter(([, n]) => n > 1).length;
        const ownProblems = await ownCheck(name, definition, { acked: acked(), ran, queue });
        return {
          workload: name,
          figures: {
            added: ticker.issued,
            acked: ticker.acked.size,
            ran: [...byId].reduce((sum, [id, n]) => sum + Math.min(n, ran.get(id) ?? 0), 0),
            never_ran: neverRan.length,
            ran_twice: ranTwice.length,
            attempts_failed: attemptsFailed,
            own_problems: ownProblems.length,
          },
          problems: [
            ...factOf(name, 'stuck', ticker.acked.size === 0, `no job was acknowledged: nothing was measured${addError ? ` (add: ${addError})` : ''}`),
            ...problemOf(name, 'lost', neverRan, 'acknowledged jobs never completed'),
            ...problemOf(name, 'duplicated', ranTwice, 'jobs completed more than once'),
            ...ownProblems,
          ],
          notes: reissued ? [`${name}: ${reissued} job ids were acknowledged twice (BullMQ's id counter went back); each is expected to run as often`] : [],
        };
      },
      close: () => opened.close(),
    };
  } catch (err) {
    await opened.close();
    throw err;
  }
}

/** The module's own problems (kind `error`); a check that throws or returns something else measured nothing: `stuck`. */
async function ownCheck(
  name: string,
  definition: WorkloadDefinition,
  input: Parameters<NonNullable<WorkloadDefinition['check']>>[0],
): Promise<WorkloadProblem[]> {
  if (!definition.check) return [];
  let lines: unknown;
  try {
    lines = await definition.check(input);
  } catch (err) {
    return [{ kind: 'stuck', count: 1, line: `${name}: its check threw ${firstLine(err)}` }];
  }
  if (!Array.isArray(lines) || !lines.every((l): l is string => typeof l === 'string'))
    return [{ kind: 'stuck', count: 1, line: `${name}: its check returned something other than an array of strings` }];
  return lines.map((line) => ({ kind: 'error', count: 1, line: `${name}: ${printableValue(line)}` }));
}

/** The id of what `add` resolved with; anything that is not a BullMQ Job with an id is a failed add. */
function idOf(job: unknown): string {
  const id: unknown = typeof job === 'object' && job !== null && 'id' in job ? job.id : undefined;
  if (typeof id !== 'string' && typeof id !== 'number') throw new Error('add did not resolve with a Job (no id): return queue.add(...)');
  return String(id);
}

/** The module's name as a queue-name part: letters, digits and dashes. */
const queuePart = (name = 'user') => name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 24) || 'user';

const firstLine = (err: unknown) => printableValue(namedErrorLine(err));
