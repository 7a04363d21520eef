import { nftUsable, readTable, removeTable } from '../network/nft.js';
import { projectTable } from '../network/table-name.js';
import type { Project } from '../project/open.js';

/** The project's network fault, if its nftables table exists (only where nft is usable: root, installed). */
export async function activeNetworkFault(project: Project): Promise<{ table: string; describe: string } | undefined> {
  if (!(await nftUsable())) return undefined;
  const table = projectTable(project.dir);
  const found = await readTable(table);
  return found && { table, ...found };
}

/**
 * Holding the project lock, no run of ours is injecting a fault: a table still there was left by
 * one that was killed (kill -9 skips every exit path). Remove it, and say so.
 */
export async function removeLeftoverNetworkFault(project: Project, say: (line: string) => void): Promise<void> {
  const active = await activeNetworkFault(project);
  if (!active) return;
  await removeTable(active.table);
  say(`removed a network fault an earlier run left in place (${active.describe}; nftables table ${active.table}): traffic between the nodes flows again`);
}
