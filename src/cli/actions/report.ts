import { ArcError } from '../../errors/index.js';
import { fsReason, isFsError, readUserFile } from '../../errors/fs-error.js';
import { printable } from '../../errors/printable.js';
import { reportHtml } from '../../report/html/index.js';
import { claimOutputFile, writeOutputFile } from '../../report/output-file.js';
import { parseOptions } from '../schemas/parse.js';
import { reportOptions } from '../schemas/report.js';
import { errorLine } from '../../errors/thrown.js';

export async function runReport(file: string, raw: unknown): Promise<void> {
  const opts = parseOptions(reportOptions, raw);
  await claimOutputFile(opts.out, '--out', opts.force);
  let value: unknown;
  try {
    value = JSON.parse((await readUserFile(file)).toString('utf8'));
  } catch (err) {
    if (isFsError(err)) throw new ArcError(`${printable(file)}: cannot read it: ${fsReason(err.code, file)}`);
    throw new ArcError(`${printable(file)}: not JSON (${printable(errorLine(err))})`);
  }
  await writeOutputFile(opts.out, reportHtml(value, printable(file)), '--out', opts.force);
  console.log(`wrote ${printable(opts.out)}`);
}
