import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { CannotRunError } from '../errors/index.js';
import { rulesetText, type Cut } from './ruleset.js';
import { isProjectTable, TABLE_FAMILY } from './table-name.js';

const NFT = 'nft';
const HOW = 'network faults need root and nftables (scripts/install-deps.sh installs it; `sudo apt-get install -y nftables`)';

/** Can this process change nftables? One line saying why not, and what would make it work. */
export async function requireNft(): Promise<void> {
  if (process.platform !== 'linux') throw new CannotRunError(`network faults use nftables, which is Linux only (this is ${process.platform})`);
  if (process.getuid?.() !== 0) throw new CannotRunError(`not running as root: ${HOW}`);
  const probe = await execa(NFT, ['--version'], { reject: false });
  if (probe.failed) throw new CannotRunError(`nft not found or not runnable (${firstLine(probe.stderr || probe.message)}): ${HOW}`);
}

/** Is nft usable here (root, installed)? For cleanup paths, which must not fail where faults never ran. */
export async function nftUsable(): Promise<boolean> {
  return requireNft().then(
    () => true,
    () => false,
  );
}

/** Apply a cut as the project's table, in one transaction (replacing what the table held). */
export async function applyCut(table: string, cut: Cut): Promise<void> {
  guard(table);
  const r = await execa(NFT, ['-f', '-'], { input: rulesetText(table, cut), reject: false });
  if (r.failed) throw new CannotRunError(`nft refused the rules for ${table}: ${firstLine(r.stderr || r.message)}`);
  armExitCleanup(table);
}

/** Delete the project's table (heal). True when there was one to delete. */
export async function removeTable(table: string): Promise<boolean> {
  guard(table);
  const r = await execa(NFT, ['delete', 'table', TABLE_FAMILY, table], { reject: false });
  disarmExitCleanup(table);
  if (!r.failed) return true;
  if (/No such file or directory|does not exist/i.test(r.stderr)) return false;
  throw new CannotRunError(
    `could not delete nftables table ${table}: ${firstLine(r.stderr || r.message)}; delete it by hand: nft delete table ${TABLE_FAMILY} ${table}`,
  );
}

/** The project's table, if present: its comment names the fault (`partition redis-1 | ...`). */
export async function readTable(table: string): Promise<{ describe: string } | undefined> {
  guard(table);
  const r = await execa(NFT, ['list', 'table', TABLE_FAMILY, table], { reject: false });
  if (r.failed) return undefined;
  return { describe: /comment "([^"]*)"/.exec(r.stdout)?.[1] ?? 'network fault' };
}

/** Every redis-arc table on this host (tests: none may survive a run). Other tables are only listed, never touched. */
export async function listProjectTables(): Promise<string[]> {
  const r = await execa(NFT, ['list', 'tables'], { reject: false });
  if (r.failed) return [];
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .flatMap(([word, , table]) => (word === 'table' && table !== undefined && isProjectTable(table) ? [table] : []));
}

/** Never let a bad name reach nft: only redis-arc's own tables are ever created or deleted. */
function guard(table: string): void {
  if (!isProjectTable(table)) throw new Error(`refusing to touch nftables table '${table}': not a redis-arc table`);
}

const firstLine = (s: string | undefined) => (s ?? '').trim().split('\n')[0] ?? '';

// ---- the last resort: a process that exits (a second Ctrl-C, process.exit, a crash) deletes its tables ----

const armed = new Set<string>();
let hooked = false;

function armExitCleanup(table: string): void {
  armed.add(table);
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const t of armed) {
      try {
        execFileSync(NFT, ['delete', 'table', TABLE_FAMILY, t], { stdio: 'ignore' });
      } catch {
        // Already gone, or nft unusable: the next up / down / status reports or removes it.
      }
    }
  });
}

function disarmExitCleanup(table: string): void {
  armed.delete(table);
}
