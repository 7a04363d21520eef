import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { ArcError } from '../../errors/index.js';
import { bootId, procStart } from '../../system/proc.js';
import type { ServerBinaries } from '../../servers/resolve.js';
import type { NodePlan } from '../../topology/types.js';
import { withOwnHosts } from './hosts.js';
import type { LocalPaths } from './paths.js';
import { writeState, type LocalState } from './state.js';

/**
 * Starts node processes that outlive the CLI and puts each pid on record as soon as it runs; the
 * node's folder and conf are written before (LocalRuntime's prepare). One per LocalRuntime: it
 * remembers how each process it spawned ended, which the wait for PING asks about.
 */
export class NodeLauncher {
  /** The state file writes, one at a time, in spawn order. */
  private saving: Promise<void> = Promise.resolve();
  /** How each process this launcher spawned ended, as soon as it does (a bad config exits at once). */
  private readonly exits = new Map<string, { exited?: number | string }>();

  constructor(
    private readonly paths: LocalPaths,
    /** Hostname mode: each node resolves the announced names through its own /etc/hosts. */
    private readonly hostnames: boolean,
  ) {}

  /** The exit code, signal or spawn error of a node this launcher started and that has ended; else undefined. */
  exited(nodeId: string): number | string | undefined {
    return this.exits.get(nodeId)?.exited;
  }

  /** Spawn the prepared node (synchronously, before the first await) and put its pid on record. */
  async launch(node: NodePlan, state: LocalState, server: ServerBinaries): Promise<void> {
    const dir = this.paths.nodeDir(node.id);
    const sentinel = node.role === 'sentinel';
    const binary = sentinel ? server.sentinel : server.server;
    const args = [this.paths.conf(node.id), ...(sentinel ? server.sentinelArgs : [])];
    // Detached, with output into its log (config errors come before Redis opens its logfile):
    // the node outlives this CLI, which only remembers its pid.
    const out = openSync(this.paths.log(node.id), 'a', 0o600);
    let child: ChildProcess;
    try {
      const run = this.hostnames ? withOwnHosts(this.paths.hostsFile, binary, args) : { command: binary, args };
      child = spawn(run.command, run.args, { cwd: dir, detached: true, stdio: ['ignore', out, out] });
    } finally {
      closeSync(out);
    }
    child.unref();
    // Listen at once: a node with a bad config exits before the awaits below are done.
    const exit: { exited?: number | string } = {};
    this.exits.set(node.id, exit);
    child.once('exit', (code, sig) => (exit.exited = code ?? sig ?? 'unknown'));
    // A spawn that fails (EACCES, EAGAIN) reports here, not by throwing: unheard, it would crash the CLI.
    child.once('error', (err) => (exit.exited ??= err.message));
    const pid = child.pid;
    if (!pid) throw new ArcError(`${node.id}: could not start ${binary}`);
    // The node is this process, whatever binary PATH gave: its pid and start time in this boot (process.ts).
    const [start, boot] = await Promise.all([procStart(pid), bootId()]);
    state.server = server;
    state.nodes[node.id] = { pid, port: node.port, procStart: start, bootId: boot, startedAt: new Date().toISOString() };
    // Written after every spawn (one write at a time, each with every pid so far), so a crash
    // of the CLI mid-up still leaves every pid on record.
    const snapshot = structuredClone(state);
    this.saving = this.saving.then(() => writeState(this.paths, snapshot));
    await this.saving;
  }
}
