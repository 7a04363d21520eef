import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { tryListen } from '../../ports/listen.js';
import { delimiter, join } from 'node:path';
import { ArcError } from '../../errors/index.js';
import type { NodePlan } from '../../topology/types.js';

const INSTALL_HINT =
  'install it: sudo apt-get install -y redis-server redis-sentinel redis-tools (Debian/Ubuntu), brew install redis (macOS), or use --runtime docker';

/** Resolve a binary on PATH, or fail naming the package that provides it. */
export async function requireBinary(name: string): Promise<string> {
  // Every PATH entry asked at once (one after the other cost a start ~1 ms); the first in PATH order wins.
  const paths = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name));
  const runnable = await Promise.all(
    paths.map((path) =>
      access(path, constants.X_OK).then(
        () => true,
        () => false,
      ),
    ),
  );
  const found = paths.find((_, i) => runnable[i]);
  if (!found) throw new ArcError(`${name} not found on PATH; ${INSTALL_HINT}`);
  return found;
}

/** Every port a node would listen on (data + cluster bus). */
export function portsOf(node: NodePlan): number[] {
  return node.busPort ? [node.port, node.busPort] : [node.port];
}

/** Fail before starting anything if one of the ports is taken, naming the first such port (plan order) and its node. */
export async function requireFreePorts(nodes: NodePlan[], host?: string): Promise<void> {
  // Every port tried at once: one after the other, twelve listens held the cluster's first spawn back.
  const tries = nodes.flatMap((node) => portsOf(node).map((port) => ({ node, port, problem: tryListen(host ?? node.host, port) })));
  for (const { node, port, problem } of tries) {
    const why = await problem;
    if (why) {
      await Promise.all(tries.map((t) => t.problem));
      throw new ArcError(`port ${port} (${node.id}${port === node.busPort ? ' cluster bus' : ''}) ${why}; stop what uses it or change ports in redis-arc.yaml`);
    }
  }
}
