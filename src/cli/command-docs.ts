import type { Command } from 'commander';

/** Help is rendered at this width for the docs, whatever the terminal: the pages must not depend on who generated them. */
const DOC_HELP_WIDTH = 100;
export const GENERATED_START = '<!-- generated from `redis-arc <command> --help` by scripts/gen-command-docs.ts: edit src/cli/commands, then run it -->';
export const GENERATED_END = '<!-- end of generated reference -->';

/** What `--help` prints for a command (its examples included), as a user sees it. */
export function helpText(cmd: Command): string {
  let out = '';
  const saved = cmd.configureOutput();
  cmd.configureOutput({ ...saved, writeOut: (s) => (out += s), getOutHelpWidth: () => DOC_HELP_WIDTH, getOutHasColors: () => false });
  cmd.configureHelp({ ...cmd.configureHelp(), helpWidth: DOC_HELP_WIDTH });
  try {
    cmd.outputHelp();
  } finally {
    cmd.configureOutput(saved);
  }
  return out.trimEnd();
}

/** The generated part of docs/commands/<name>.md: the command's --help and each subcommand's. */
export function generatedReference(cmd: Command): string {
  const blocks = [cmd, ...cmd.commands].map((c) => `\`\`\`text\n$ ${fullName(c)} --help\n${helpText(c)}\n\`\`\``);
  return [GENERATED_START, `# \`redis-arc ${cmd.name()}\``, '', cmd.description(), '', ...blocks.flatMap((b) => [b, '']), GENERATED_END].join('\n');
}

function fullName(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * A page with its generated part replaced (or prepended when it has none): the prose written by
 * hand below the marker is kept.
 */
export function withReference(page: string | undefined, cmd: Command): string {
  const reference = generatedReference(cmd);
  if (!page) return `${reference}\n`;
  const start = page.indexOf(GENERATED_START);
  const end = page.indexOf(GENERATED_END);
  if (start === -1 || end === -1) return `${reference}\n\n${page}`;
  return page.slice(0, start) + reference + page.slice(end + GENERATED_END.length);
}
