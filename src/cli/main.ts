// First: signals are handled from the start (see early-interrupt.ts).
import './early-interrupt.js';
import { exitProcess } from '../system/user-code.js';
import { honourNoColor } from '../report/color.js';
import { buildProgram } from './program.js';
import { handleError } from './handle-error.js';
import { guardStdout, stdoutExit } from './stdout-guard.js';
import { commandFinished, guardEarlyExit } from './exit-guard.js';
import { printableValue } from '../errors/printable.js';

export async function main(argv = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    return handleError(err, argv.includes('--verbose'));
  }
}

honourNoColor();
guardStdout();
guardEarlyExit(() => printableValue(process.argv.slice(2).find((a) => !a.startsWith('-')) ?? 'redis-arc'));
const code = await main();
commandFinished();
// Exit once output is flushed, even if a library left a timer or socket behind: a CLI must not hang.
process.stdout.write('', (err) => {
  const exit = stdoutExit(code, err ?? process.stdout.errored);
  process.stderr.write('', () => exitProcess(exit));
});
