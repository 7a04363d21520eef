import chalk from 'chalk';

/**
 * NO_COLOR (no-color.org: present and not empty) turns colour off everywhere. chalk 5 reads only
 * FORCE_COLOR and the terminal, and cli-table3 styles table heads itself, so both ask here.
 * FORCE_COLOR, when set, still wins, as it does for Node's own output.
 */
export function colorWanted(stream: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.NO_COLOR) return false;
  return !!stream.isTTY;
}

/** Called once at start: chalk's shared instance (ora's too) goes colourless under NO_COLOR. */
export function honourNoColor(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NO_COLOR && env.FORCE_COLOR === undefined) chalk.level = 0;
}
