import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { cli, tempDir } from './cli.js';
import { killRedisUnder } from './processes.js';

export interface CliProject {
  dir: string;
  spec: string;
  /** The generated admin password, read once `init` ran (in beforeAll). */
  password: string;
}

/**
 * One local project for a test file, made as a user makes it: `redis-arc init <kind>` into a
 * folder of its own before the tests, and after them `down --purge`, a kill of whatever a failed
 * test left running there, and removal of the folder. The local twin of `dockerProject`.
 */
export function cliProject(kind: 'standalone' | 'sentinel' | 'cluster', args: string[]): CliProject {
  const dir = tempDir();
  const project: CliProject = { dir: dir.path, spec: join(dir.path, 'redis-arc.yaml'), password: '' };
  beforeAll(async () => {
    const init = await cli(['init', kind, '--dir', dir.path, ...args]);
    expect(init.exitCode, init.stderr).toBe(0);
    project.password = readFileSync(join(dir.path, '.redis-arc.secret'), 'utf8').trim();
  });
  afterAll(async () => {
    await cli(['down', '--purge', '--spec', project.spec]);
    killRedisUnder(dir.path);
    dir[Symbol.dispose]();
  });
  return project;
}
