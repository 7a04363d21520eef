import { reportAssets, scriptHash } from './assets.js';
import { html, jsonForScript, raw, type Safe } from './escape.js';

/** One chart the page's script draws with uPlot; `x` is seconds (time) or a category index. */
export interface ChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  /** Category names for x = 0, 1, …: the axis shows these instead of numbers. */
  xLabels?: string[];
  /** What x is, for the legend: default 'percentile' with category names, 's after the fault' without. */
  xName?: string;
  logY?: boolean;
  series: { label: string; values: (number | null)[]; color: string; width?: number; dash?: number[] }[];
  /** Vertical lines with a label at the top: fault, detection, promotion, heal. */
  markers?: { x: number; label: string; color: string }[];
}

export interface PageParts {
  title: string;
  body: Safe;
  charts: ChartSpec[];
}

/**
 * One self-contained HTML file. The Content-Security-Policy forbids every network request and
 * lets only the inlined scripts run (by hash): the report opens offline, and a value that came
 * from Redis or a user cannot load or run anything even if it slipped past the escaping.
 */
export function renderPage({ title, body, charts }: PageParts): string {
  const { css, scripts } = reportAssets();
  if (scripts.some((s) => /<\/script/i.test(s))) throw new Error('an inlined script contains </script>: it would end its element early');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${scripts.map(scriptHash).join(' ')}`;
  return `<!doctype html>
${
  html`<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="redis-arc">
<title>${title}</title>
<style>${raw(css)}</style>
</head>
<body>
<main>
${body}
<footer>Written by redis-arc. Charts: uPlot (MIT licence, © Leon Sorokin), inlined so this file needs no network.</footer>
</main>
<script type="application/json" id="report-data">${raw(jsonForScript({ charts }))}</script>
${scripts.map((s) => html`<script>${raw(s)}</script>\n`)}
</body>
</html>`.text
}
`;
}
