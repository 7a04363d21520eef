/**
 * `redis-arc report result.json -o run.html`: the HTML of a saved result, written like every
 * output file (refused over an existing one without --force), and a file that is not a result
 * is one line, exit 1. No Redis needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { expectOneLine } from '../helpers/file-state.js';

const FIXTURE = join(import.meta.dirname, '../fixtures/failover-result.json');

describe('redis-arc report', () => {
  it('writes the failover report of a saved --json and names the file', async () => {
    using dir = tempDir('arc-report-');
    const out = join(dir.path, 'run.html');
    const r = await cli(['report', FIXTURE, '-o', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(out);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('failover-test: sentinel, kill');
  });

  it('writes the compare report of a saved compare --json', async () => {
    using dir = tempDir('arc-report-');
    const out = join(dir.path, 'compare.html');
    const r = await cli(['report', join(import.meta.dirname, '../fixtures/compare-result.json'), '-o', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('<title>compare: sentinel, cluster, standalone</title>');
    expect(page).toContain('data-json="measurements.1.throughput.spread.jobsPerSec">18602<');
  });

  it('refuses to replace an existing file without --force, and replaces it with', async () => {
    using dir = tempDir('arc-report-');
    const out = join(dir.path, 'mine.html');
    writeFileSync(out, 'mine\n');
    expectOneLine(await cli(['report', FIXTURE, '-o', out]), 1, /^redis-arc: refusing to overwrite .*mine\.html; pass --force to replace$/);
    expect(readFileSync(out, 'utf8')).toBe('mine\n');
    expect((await cli(['report', FIXTURE, '-o', out, '--force'])).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('says in one line when the file is not JSON or not a result', async () => {
    using dir = tempDir('arc-report-');
    const notJson = join(dir.path, 'x.json');
    writeFileSync(notJson, 'hello');
    expectOneLine(await cli(['report', notJson, '-o', join(dir.path, 'a.html')]), 1, /x\.json: not JSON/);
    writeFileSync(notJson, '{"schemaVersion": 1}');
    expectOneLine(await cli(['report', notJson, '-o', join(dir.path, 'a.html')]), 1, /x\.json: not a redis-arc failover-test, bench or compare result/);
    expectOneLine(await cli(['report', join(dir.path, 'none.json'), '-o', join(dir.path, 'a.html')]), 1, /none\.json: cannot read it/);
  });
});
