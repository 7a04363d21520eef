import { readFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ArcError } from '../errors/index.js';
import { errnoCode } from '../errors/thrown.js';
import { retryUntil } from '../wait/retry.js';
import { parseJson } from '../system/json.js';
import { pidLive, procStart, programOf } from '../system/proc.js';

/** Who holds a project's lock: enough to tell a live holder from a dead one and to name it. */
const lockHolderSchema = z.object({
  pid: z.number().int(),
  /** /proc start time, so a reused pid does not pass for the holder. */
  procStart: z.string().optional(),
  /** The program and script it runs (`node /usr/bin/redis-arc`), so a live pid that is something else is not taken for a run. */
  program: z.string().optional(),
  command: z.string(),
  startedAt: z.string(),
});
export type LockHolder = z.infer<typeof lockHolderSchema>;

export class LockedError extends ArcError {
  constructor(
    readonly holder: LockHolder,
    name: string,
  ) {
    const since = Math.round((Date.now() - Date.parse(holder.startedAt)) / 1000);
    super(
      `another redis-arc is working on ${name}: \`${holder.command}\` (pid ${holder.pid}, started ${since} s ago); wait for it to finish, or stop it with \`kill ${holder.pid}\``,
    );
  }
}

export interface ProjectLock {
  /** A dead run's lock this one took over, to tell the user what that run may have left. */
  tookOverFrom?: LockHolder;
  release(): Promise<void>;
}

const STALE_GUARD_MS = 5000;
/** How long to keep trying to take a dead holder's lock while other runs race for it. */
const TAKE_TIMEOUT_MS = 250;

export const lockFile = (specDir: string) => join(specDir, '.redis-arc', 'lock');

/** The holder of a project's lock, and whether it is still alive; undefined when unlocked. */
export async function readLock(specDir: string): Promise<{ holder: LockHolder; alive: boolean } | undefined> {
  const holder = await readHolder(lockFile(specDir));
  return holder && { holder, alive: await isAlive(holder) };
}

/**
 * One `up` / `down` / `failover-test` at a time per project: the lock file is created with
 * O_EXCL, and a lock whose holder died (kill -9, a crash) is taken over. Released on return and on
 * process exit; a SIGKILLed holder leaves a stale file, which is why take-over exists.
 */
export async function acquireLock(specDir: string, command: string, name: string): Promise<ProjectLock> {
  const file = lockFile(specDir);
  await mkdir(join(specDir, '.redis-arc'), { recursive: true, mode: 0o700 });
  const program = await programOf(process.pid);
  const me: LockHolder = {
    pid: process.pid,
    procStart: await procStart(process.pid),
    ...(program && { program }),
    command,
    startedAt: new Date().toISOString(),
  };
  let tookOverFrom: LockHolder | undefined;
  const attempt = async (): Promise<boolean> => {
    if (await tryCreate(file, me)) return true;
    const holder = await readHolder(file);
    if (holder && (await isAlive(holder))) throw new LockedError(holder, name);
    if (holder) tookOverFrom = holder;
    // Dead holder, or unreadable (a holder between create and write, or a torn file from a crash).
    return (await takeOver(file, holder)) && (await tryCreate(file, me));
  };
  const r = await retryUntil(attempt, (taken) => taken, { timeoutMs: TAKE_TIMEOUT_MS, intervalMs: 50 });
  if (r.ok) return held(file, tookOverFrom);
  throw new ArcError(`could not take the lock ${file}; if no redis-arc is running, delete it`);
}

async function tryCreate(file: string, me: LockHolder): Promise<boolean> {
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(me)}\n`);
    } finally {
      await handle.close();
    }
    return true;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Remove a dead holder's (or an old unreadable) lock file. Only one run at a time may do this,
 * under a second O_EXCL file, and only after reading the file again there: otherwise a run could
 * delete the lock another run had just taken over and created. Returns false when it did not.
 */
async function takeOver(file: string, dead: LockHolder | undefined): Promise<boolean> {
  const guard = `${file}.takeover`;
  if (await olderThan(guard, STALE_GUARD_MS)) await rm(guard, { force: true });
  const me: LockHolder = { pid: process.pid, command: 'take-over', startedAt: new Date().toISOString() };
  if (!(await tryCreate(guard, me))) return false;
  try {
    const now = await readHolder(file);
    const same = dead ? now?.pid === dead.pid && now.startedAt === dead.startedAt : !now && (await olderThan(file, 2000));
    if (same) await rm(file, { force: true });
    return same;
  } finally {
    await rm(guard, { force: true });
  }
}

function held(file: string, tookOverFrom: LockHolder | undefined): ProjectLock {
  // process.exit() (a second Ctrl-C, the CLI's final exit) skips finally blocks: remove the file on exit too.
  const onExit = () => removeIfMine(file);
  process.once('exit', onExit);
  return {
    ...(tookOverFrom && { tookOverFrom }),
    release() {
      process.off('exit', onExit);
      removeIfMine(file);
      return Promise.resolve();
    },
  };
}

function removeIfMine(file: string): void {
  try {
    if (parseJson(readFileSync(file, 'utf8'), lockHolderSchema)?.pid === process.pid) unlinkSync(file);
  } catch {
    // Gone already, or not ours.
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseJson(text, lockHolderSchema);
}

/**
 * Is the holder still running? Its pid must be live (a zombie is dead for our purposes) and, where
 * /proc tells, be the same process: the same start time, and the program the holder recorded (or,
 * for a lock that recorded none, a redis-arc command line). A pid reused by another program, or a
 * lock file naming some unrelated live process, is not a redis-arc run.
 */
async function isAlive(holder: LockHolder): Promise<boolean> {
  if (!(await pidLive(holder.pid))) return false;
  const start = await procStart(holder.pid);
  if (holder.procStart && start && start !== holder.procStart) return false;
  const program = await programOf(holder.pid);
  if (program === undefined) return true;
  return holder.program ? program === holder.program : /redis-arc/.test(program);
}

async function olderThan(file: string, ms: number): Promise<boolean> {
  const s = await stat(file).catch(() => undefined);
  return !s || Date.now() - s.mtimeMs > ms;
}
