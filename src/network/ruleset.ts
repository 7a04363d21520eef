import { TABLE_FAMILY } from './table-name.js';

/** Packets leaving from one of `from` to one of `to` are dropped (and ports, when given); an absent side matches any address. */
export interface DropRule {
  from?: string[];
  to?: string[];
  fromPort?: number;
  toPort?: number;
}

/** A network fault: its drop rules, and a line naming it (kept as the table's comment, which `status` reads back). */
export interface Cut {
  rules: DropRule[];
  describe: string;
}

const ADDRESS = /^127(\.\d{1,3}){3}$/;

/**
 * The `nft -f -` input for a cut: (re)create the table with one chain on the output hook, so the
 * whole fault is applied in one transaction. `add` then `delete` first makes it idempotent.
 * Addresses must be on 127.0.0.0/8: test traffic never leaves the machine.
 */
export function rulesetText(table: string, cut: Cut): string {
  const set = (xs: string[]) => {
    for (const x of xs) if (!ADDRESS.test(x)) throw new Error(`not a loopback address: ${x}`);
    const [only, ...more] = xs;
    return only !== undefined && !more.length ? only : `{ ${[...new Set(xs)].join(', ')} }`;
  };
  const rules = cut.rules
    .filter((r) => (r.from === undefined || r.from.length) && (r.to === undefined || r.to.length) && (r.from || r.to))
    .map((r) => {
      const parts: string[] = [];
      if (r.from) parts.push(`ip saddr ${set(r.from)}`);
      if (r.to) parts.push(`ip daddr ${set(r.to)}`);
      if (r.fromPort !== undefined) parts.push(`tcp sport ${r.fromPort}`);
      if (r.toPort !== undefined) parts.push(`tcp dport ${r.toPort}`);
      return `    ${parts.join(' ')} drop`;
    });
  const comment = cut.describe.replace(/["\\\n]/g, ' ').slice(0, 120);
  return [
    `add table ${TABLE_FAMILY} ${table}`,
    `delete table ${TABLE_FAMILY} ${table}`,
    `table ${TABLE_FAMILY} ${table} {`,
    `  comment "${comment}"`,
    '  chain output {',
    '    type filter hook output priority 0; policy accept;',
    ...rules,
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Both directions between two groups of addresses: a partition. */
export const between = (a: string[], b: string[]): DropRule[] => [
  { from: a, to: b },
  { from: b, to: a },
];
