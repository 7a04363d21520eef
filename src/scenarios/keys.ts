import type { Connection } from '../connect/connect.js';

/** Count keys matching `pattern` on every master (a cluster spreads them; a hash tag keeps one queue on one node). */
export async function countKeys(connection: Connection, pattern: string): Promise<number> {
  const nodes = 'nodes' in connection && typeof connection.nodes === 'function' && connection.isCluster ? connection.nodes('master') : [connection];
  let count = 0;
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
  }
  return count;
}

/** Escape glob characters of a literal key prefix (hash tags bring `{` and `}`, which SCAN treats literally, but `[`/`*`/`?` would not be). */
export const globEscape = (s: string): string => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
