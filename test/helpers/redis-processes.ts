import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RedisProcess {
  port: number;
  dir: string;
  child: ChildProcess;
}

/**
 * Real redis-server / redis-sentinel processes on 127.0.0.1 for integration tests, each with its
 * own conf file and dir under one temp dir. Call `stopAll()` in afterAll: it SIGKILLs whatever is
 * still running and removes the dir. A process-exit hook does the same if the worker dies first.
 */
export class RedisProcesses {
  private readonly running = new Map<number, RedisProcess>();
  // A promise, so that servers started in parallel share one temp dir.
  private root: Promise<string> | undefined;
  private readonly killOnExit = () => {
    for (const p of this.running.values()) p.child.kill('SIGKILL');
  };

  constructor() {
    process.once('exit', this.killOnExit);
  }

  /** redis-server with `port`, loopback, no persistence, plus `conf` lines. */
  startServer(port: number, conf: string[] = []): Promise<RedisProcess> {
    return this.start('redis-server', port, ['save ""', 'appendonly no', ...conf]);
  }

  /** redis-sentinel; it rewrites its conf file, which therefore lives in the process dir. */
  startSentinel(port: number, conf: string[]): Promise<RedisProcess> {
    return this.start('redis-sentinel', port, conf);
  }

  /** Kill one process (SIGKILL by default, as a crash would) and wait until it has exited. */
  async kill(port: number, signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const p = this.running.get(port);
    if (!p) return;
    this.running.delete(port);
    await killAndWait(p.child, signal);
  }

  async stopAll(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(all.map((p) => killAndWait(p.child, 'SIGKILL')));
    process.removeListener('exit', this.killOnExit);
    if (this.root) await rm(await this.root, { recursive: true, force: true });
  }

  private async start(binary: string, port: number, conf: string[]): Promise<RedisProcess> {
    this.root ??= mkdtemp(join(tmpdir(), 'redis-arc-probe-'));
    const dir = join(await this.root, String(port));
    await mkdir(dir, { recursive: true });
    const confFile = join(dir, 'redis.conf');
    const log = join(dir, 'redis.log');
    await writeFile(confFile, [`port ${port}`, 'bind 127.0.0.1', 'daemonize no', `dir ${dir}`, `logfile ${log}`, ...conf, ''].join('\n'));
    const child = spawn(binary, [confFile], { stdio: 'ignore' });
    const p = { port, dir, child };
    this.running.set(port, p);
    let exited: string | undefined;
    child.once('exit', (code, signal) => (exited = `${code ?? signal}`));
    child.once('error', (err) => (exited = err.message));
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(port))) {
      if (exited !== undefined || Date.now() > deadline) {
        this.running.delete(port);
        child.kill('SIGKILL');
        const tail = await readFile(log, 'utf8').catch(() => '');
        throw new Error(`${binary} on port ${port} did not start (${exited ?? 'timeout'}):\n${tail.split('\n').slice(-5).join('\n')}`);
      }
      await sleep(20);
    }
    return p;
  }
}

/** True once the port answers PING, or refuses it for want of a password (it is serving either way). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
