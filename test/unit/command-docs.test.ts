/**
 * The docs cannot drift from the CLI: each docs/commands/<name>.md holds exactly what
 * scripts/gen-command-docs.ts generates from the commander definitions (its --help), and every
 * `redis-arc …` invocation written in README.md or docs/ names a command and flags that exist,
 * and their links lead to files that exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { GENERATED_END, GENERATED_START, generatedReference } from '../../src/cli/command-docs.js';
import { buildProgram } from '../../src/cli/program.js';

const ROOT = resolve(import.meta.dirname, '../..');
const COMMANDS_DIR = join(ROOT, 'docs/commands');
const program = buildProgram();

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : [],
  );
}

/** The code in a markdown page: fenced blocks and inline `spans`, one entry per line of code. */
function codeOf(page: string): string[] {
  const out: string[] = [];
  let fenced = false;
  for (const line of page.split('\n')) {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    else if (fenced) out.push(line);
    else for (const m of line.matchAll(/`([^`]+)`/g)) out.push(m[1]!);
  }
  return out;
}

/** Shell words of a line: a quoted string is one word (its contents are an argument, not our flags). */
function words(code: string): string[] {
  return [...code.matchAll(/'[^']*'|"[^"]*"|\S+/g)].map((m) => m[0]);
}

/**
 * `redis-arc <command> [sub] …flags` where the line runs redis-arc: at the start of the code (after
 * `$`, `npx`) or after `&&`, `|`, `;`; prose such as "a redis-arc it did not start" is not a command.
 */
function invocations(code: string): string[][] {
  const w = words(code);
  const found: string[][] = [];
  w.forEach((word, at) => {
    if (word !== 'redis-arc') return;
    const before = w.slice(0, at).filter((x) => x !== '$' && x !== 'npx');
    if (before.length && !['&&', '||', '|', ';', '('].includes(before.at(-1)!)) return;
    const tokens: string[] = [];
    for (let i = at + 1; i < w.length; i++) {
      const t = w[i]!;
      if (['&&', '||', ';', '>', '\\'].includes(t) || t.startsWith('#') || t.startsWith('2>')) break;
      // `--spec F | --sentinel H:P` in a synopsis is a choice; `| jq …` a pipe.
      if (t === '|' && !/^[-[]/.test(w[i + 1] ?? '')) break;
      tokens.push(t);
    }
    found.push(tokens);
  });
  return found;
}

const flagsOf = (cmd: Command): Set<string> => new Set(cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)).concat(['-h', '--help']));
const GLOBAL = new Set([...flagsOf(program), '-V', '--version']);

/** What is wrong with one documented invocation, or nothing. */
function problemsOf(tokens: string[]): string[] {
  const [name, ...rest] = tokens;
  if (name === undefined || /^[<[.]/.test(name) || name.startsWith('--')) return [];
  if (!/^[a-z][a-z-]*$/.test(name)) return [];
  let cmd = program.commands.find((c) => c.name() === name);
  if (!cmd) return [`no command '${name}'`];
  const sub = cmd.commands.find((c) => c.name() === rest[0]);
  if (sub) cmd = sub;
  const known = flagsOf(cmd);
  const problems: string[] = [];
  for (const t of rest) {
    if (/^['"]/.test(t)) continue;
    for (const flag of t.match(/(?<![\w-])--?[a-zA-Z][\w-]*/g) ?? []) {
      if (!known.has(flag) && !GLOBAL.has(flag)) problems.push(`${cmd.name()}: no flag ${flag}`);
    }
  }
  return problems;
}

describe('docs/commands', () => {
  it('holds, for every command, exactly the reference generated from its --help (run scripts/gen-command-docs.ts)', () => {
    for (const cmd of program.commands) {
      const page = readFileSync(join(COMMANDS_DIR, `${cmd.name()}.md`), 'utf8');
      const start = page.indexOf(GENERATED_START);
      const end = page.indexOf(GENERATED_END);
      expect(start, `${cmd.name()}.md has no generated part`).toBeGreaterThanOrEqual(0);
      expect(page.slice(start, end + GENERATED_END.length), `docs/commands/${cmd.name()}.md differs from --help: run npx tsx scripts/gen-command-docs.ts`).toBe(
        generatedReference(cmd),
      );
    }
  });

  it('has no page for a command that does not exist', () => {
    const pages = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');
    expect(pages.sort()).toEqual(program.commands.map((c) => `${c.name()}.md`).sort());
  });
});

describe('every redis-arc invocation written in README.md and docs/', () => {
  const files = [join(ROOT, 'README.md'), ...markdownFiles(join(ROOT, 'docs'))];

  it('names a command and flags that exist', () => {
    const problems = files.flatMap((file) =>
      codeOf(readFileSync(file, 'utf8')).flatMap((code) =>
        invocations(code)
          .flatMap(problemsOf)
          .map((p) => `${relative(ROOT, file)}: \`${code.trim()}\`: ${p}`),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('links only to files that exist', () => {
    const broken = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
        .map((m) => m[1]!)
        .filter((link) => !/^[a-z]+:/.test(link) && !existsSync(resolve(dirname(file), link)))
        .map((link) => `${relative(ROOT, file)}: ${link}`),
    );
    expect(broken).toEqual([]);
  });

  it('is checked: a flag or command that is gone is found', () => {
    expect(invocations('redis-arc up --spec x.yaml && redis-arc status --json | jq .').map(problemsOf)).toEqual([[], []]);
    expect(problemsOf(invocations('redis-arc failover-test --no-such-flag 3')[0]!)).toEqual(['failover-test: no flag --no-such-flag']);
    expect(problemsOf(invocations('redis-arc frobnicate')[0]!)).toEqual(["no command 'frobnicate'"]);
    expect(problemsOf(invocations('redis-arc image build-local --tag x')[0]!)).toEqual([]);
  });
});
