/**
 * The demo writes the HTML report of its failover and prints its path; an existing --report file
 * is refused before anything starts. Cluster 3x1 on ports 9160-9165 (bus 19160-19165).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { expectOneLine } from '../helpers/file-state.js';

describe('demo', () => {
  it('writes the failover’s HTML report and prints where', async () => {
    using dir = tempDir('arc-demo-report-');
    const page = join(dir.path, 'demo.html');
    const r = await cli(['demo', '--kind', 'cluster', '--port-base', '9160', '--report', page]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`The failover as a page (charts, accounting; opens offline): ${page}`);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('failover-test: cluster, kill');
    expect(html).toContain('id="trial-1"');
  }, 180_000);

  it('refuses an existing --report file before starting anything', async () => {
    using dir = tempDir('arc-demo-report-');
    const page = join(dir.path, 'mine.html');
    writeFileSync(page, 'mine\n');
    expectOneLine(
      await cli(['demo', '--kind', 'cluster', '--port-base', '9160', '--report', page]),
      1,
      /refusing to overwrite .*mine\.html; pass --force to replace$/,
    );
    expect(readFileSync(page, 'utf8')).toBe('mine\n');
  });
});
