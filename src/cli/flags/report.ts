import { text } from './define.js';
import { forceFlag } from './shared.js';

export const REPORT_FLAGS = {
  out: text({ flags: '-o, --out <file.html>', help: 'the HTML file to write', required: true }),
  ...forceFlag('replace the --out file if it exists'),
};
