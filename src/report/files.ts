import { dirname, relative } from 'node:path';
import { securityFiles } from '../security/project.js';
import chalk from 'chalk';
import type { Topology } from '../topology/types.js';
import { emit } from './emit.js';

export interface WrittenSummary {
  specFile: string;
  outDir: string;
  topology: Topology;
  passwordFile: string;
  passwordCreated: boolean;
  written: string[];
  unchanged: string[];
}

/** Names (never contents) of the ACL password file and the TLS folder, for --json. */
function securityJson(s: WrittenSummary): Record<string, unknown> {
  const sec = securityFiles({ dir: dirname(s.specFile), topology: s.topology });
  return {
    ...(sec.aclPasswordFile && { aclUser: s.topology.auth.acl.user, aclPasswordFile: sec.aclPasswordFile }),
    ...(sec.tls && { tlsDir: dirname(sec.tls.ca) }),
  };
}

/** What init/render wrote. The password file is named, its content never shown. */
export function printWritten(s: WrittenSummary, json: boolean, next: string[]): void {
  emit(s, { json, toJson: writtenJson, print: (w) => printWrittenText(w, next) });
}

function writtenJson(s: WrittenSummary): unknown {
  const t = s.topology;
  return {
    spec: s.specFile,
    outDir: s.outDir,
    kind: t.kind,
    name: t.name,
    nodes: t.nodes.map((n) => ({ id: n.id, role: n.role, host: n.host, port: n.port })),
    written: s.written,
    unchanged: s.unchanged,
    passwordFile: t.auth.enabled ? s.passwordFile : null,
    ...securityJson(s),
  };
}

function printWrittenText(s: WrittenSummary, next: string[]): void {
  const t = s.topology;
  const counts = t.nodes.reduce<Record<string, number>>((acc, n) => ({ ...acc, [n.role]: (acc[n.role] ?? 0) + 1 }), {});
  const shape = Object.entries(counts)
    .map(([role, n]) => `${n} ${role}${n === 1 ? '' : 's'}`)
    .join(', ');
  console.log(`${chalk.bold(t.name)}: ${t.kind} topology, ${shape}`);
  for (const file of s.written) console.log(`  ${chalk.green('wrote')}      ${relative(process.cwd(), `${s.outDir}/${file}`) || file}`);
  for (const file of s.unchanged) console.log(`  ${chalk.dim('unchanged')}  ${relative(process.cwd(), `${s.outDir}/${file}`) || file}`);
  if (t.auth.enabled) {
    console.log(`  password   ${relative(process.cwd(), s.passwordFile)} (0600${s.passwordCreated ? ', generated' : ''}; not printed)`);
  }
  const sec = securityFiles({ dir: dirname(s.specFile), topology: t });
  if (sec.aclPasswordFile) console.log(`  acl user   ${t.auth.acl.user}, password in ${relative(process.cwd(), sec.aclPasswordFile)} (0600; not printed)`);
  if (sec.tls) console.log(`  tls        CA and certificates in ${relative(process.cwd(), dirname(sec.tls.ca)) || '.'} (0700, keys 0600)`);
  if (next.length) console.log(`Next: ${next.map((c) => chalk.cyan(c)).join(', then ')}`);
}
