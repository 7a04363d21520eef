import { ArcError, EXIT } from '../errors/index.js';
import { printable } from '../errors/printable.js';
import { safeLine } from '../errors/redact.js';
import { errorLine } from '../errors/thrown.js';
import { writeOutputFile } from '../report/output-file.js';

/** A file a flag asked for, its text made only when it is written (an HTML report is large). */
export interface OutputFile {
  flag: string;
  file: string;
  content: () => string;
  /** Say `report: <file>` on stderr once written. */
  announce?: boolean;
}

/**
 * Write the files a run's flags asked for, after its result was printed: a file that cannot be
 * written (its folder removed during the run, a full disk) costs that file, never the measurement
 * the terminal or --json already shows. Each failure is one line; the others are still written.
 * Returns the exit code the files leave: ok, or failed (1: "a file stopped the command").
 */
export async function writeOutputFiles(outputs: OutputFile[], force: boolean): Promise<number> {
  let code: number = EXIT.ok;
  for (const out of outputs) {
    try {
      await writeOutputFile(out.file, out.content(), out.flag, force);
      if (out.announce) process.stderr.write(`report: ${printable(out.file)}\n`);
    } catch (err) {
      const why = err instanceof ArcError ? err.message : errorLine(err);
      process.stderr.write(`redis-arc: ${out.flag} was not written (the result is printed in full): ${safeLine(why.split('\n')[0] ?? '')}\n`);
      code = EXIT.failed;
    }
  }
  return code;
}
