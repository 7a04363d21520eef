import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/** Debian's chromium (scripts/install-deps.sh installs it); playwright-core drives it, downloading nothing. */
export const CHROMIUM = process.env.REDIS_ARC_CHROMIUM ?? '/usr/bin/chromium';

/** Whether a browser test file can run: in CI a missing browser is a failure, not a skip. */
export function chromiumOrSkip(file: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `${CHROMIUM} is not installed (scripts/install-deps.sh installs Debian's chromium)`;
  if (process.env.CI === 'true') throw new Error(`${file}: CI=true and ${reason}`);
  console.warn(`SKIPPED ${file}: ${reason}`);
  return false;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // --no-sandbox: tests run as root, where Chromium refuses its sandbox.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

/** What a page did while it loaded: console errors, uncaught exceptions, requests it tried. */
export interface PageRecord {
  errors: string[];
  requests: string[];
}

/** Load HTML into a fresh page with every request refused and recorded: the report must need none. */
export async function openOffline(browser: Browser, htmlText: string): Promise<{ page: Page; record: PageRecord }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
  const record: PageRecord = { errors: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') record.errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => record.errors.push(`pageerror: ${e.message}`));
  await page.route('**/*', (route) => {
    record.requests.push(route.request().url());
    return route.abort();
  });
  await page.setContent(htmlText, { waitUntil: 'load' });
  return { page, record };
}

/** Per canvas of the page: how many pixels are not blank (painted and not transparent). */
export function paintedPixels(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('canvas')].map((c) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    }),
  );
}

/** Every `[data-json]` element: the JSON path it shows and its text. */
export function jsonCells(page: Page): Promise<[string, string][]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-json]')].map((e) => [e.getAttribute('data-json')!, e.textContent.trim()] as [string, string]),
  );
}
