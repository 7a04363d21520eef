import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { cli, expectNoStackTrace, tempDir } from '../helpers/cli.js';

describe('init --name that YAML would read as a number', () => {
  it.each(['007', 'true', '1e3'])('init --name %s writes the name as text, and render reads it back', async (name) => {
    using dir = tempDir();
    const started = Date.now();
    const r = await cli(['init', 'standalone', '--dir', dir.path, '--name', name, '--port-base', '22610']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(join(dir.path, 'redis-arc.yaml'), 'utf8')).toMatch(new RegExp(`^name: "${name}"$`, 'm'));
    const render = await cli(['render', '--target', 'kubernetes', '--spec', join(dir.path, 'redis-arc.yaml')]);
    expect(render.exitCode, render.stderr).toBe(0);
    // A label value YAML would read as a number or boolean must come back as text (quoted).
    const objects = parseAllDocuments(readFileSync(join(dir.path, 'kubernetes', 'manifests.yaml'), 'utf8')).map(
      (d) => d.toJS() as { metadata: { labels: Record<string, unknown> } },
    );
    for (const o of objects) expect(o.metadata.labels['app.kubernetes.io/instance']).toBe(/^[a-z]/.test(name) ? name : `r${name}`);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a name invalid for another reason is refused in one line naming it, exit 2, nothing written', async () => {
    using dir = tempDir();
    const r = await cli(['init', 'standalone', '--dir', dir.path, '--name', '1.5']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      "redis-arc: name: '1.5': expected lowercase letters, digits, dash or underscore (a compose project name) (check the flags)",
    ]);
    expectNoStackTrace(r.stderr);
    expect(() => readFileSync(join(dir.path, 'redis-arc.yaml'))).toThrow();
  });
});
