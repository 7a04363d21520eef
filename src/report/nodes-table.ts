import Table from 'cli-table3';
import { colorWanted } from './color.js';

/** A plain table (no colour codes in non-TTY output, so CI logs stay readable). */
export function table(head: string[], rows: (string | number)[][]): string {
  const t = new Table({
    head,
    style: { head: colorWanted() ? ['cyan'] : [], border: [] },
    // No rule between rows: a 30-node cluster should fit on a screen.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const row of rows) t.push(row.map(String));
  return t.toString();
}
