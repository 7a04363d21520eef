import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The report's own chart script and style: files in templates/report, like every other text redis-arc writes. */
const OWN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../templates/report');

/**
 * What every report inlines, read when a report is written so the page needs no network:
 * uPlot (MIT, github.com/leeoniya/uPlot: ~50 KB, canvas time series, made for many points) from
 * node_modules, then our script that draws the charts from the page's JSON.
 */
export interface ReportAssets {
  css: string;
  scripts: string[];
}

let cached: ReportAssets | undefined;

export function reportAssets(): ReportAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const uplot = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
  const own = (file: string) => readFileSync(resolve(OWN, file), 'utf8');
  cached = {
    css: `${uplot('uPlot.min.css')}\n${own('report.css')}`,
    scripts: [uplot('uPlot.iife.min.js'), own('charts.js')],
  };
  return cached;
}

/** A CSP source for an inline script: only these exact scripts run, so an injected one would not. */
export const scriptHash = (script: string): string => `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
