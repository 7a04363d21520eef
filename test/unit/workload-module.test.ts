/** A user's workload module (`--workload FILE`): every way it can be wrong is one line naming the file, exit 2. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, UsageError } from '../../src/errors/index.js';
import { loadWorkloadModule } from '../../src/scenarios/workloads/user-module.js';

const cwd = resolve(import.meta.dirname, '../fixtures/workloads');

async function usageLine(file: string): Promise<string> {
  const err = await loadWorkloadModule(file, cwd).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as UsageError).exitCode).toBe(EXIT.usage);
  const message = (err as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe('--workload modules', () => {
  it('names a missing file', async () => {
    expect(await usageLine('./nope.mjs')).toBe(
      '--workload ./nope.mjs: no such file (give a module path such as ./my-workload.mjs, or a built-in workload name)',
    );
  });

  it('names a module without a default export', async () => {
    expect(await usageLine('./no-default.mjs')).toMatch(/^--workload \.\/no-default\.mjs: has no default export; export default defineWorkload\(/);
  });

  it('names every field of the wrong shape, typos included', async () => {
    const line = await usageLine('./wrong-shape.mjs');
    expect(line).toMatch(/^--workload \.\/wrong-shape\.mjs: its default export is not a workload \(/);
    expect(line).toContain('add: must be a function');
    expect(line).toContain('process: must be a function');
    expect(line).toContain('everyMs: Invalid input: expected number, received string');
    expect(line).toContain('unknown key proccess');
  });

  it('names a module that throws while loading, and a TypeScript module', async () => {
    expect(await usageLine('./throws.mjs')).toBe('--workload ./throws.mjs: loading it threw Error: ORDERS_QUEUE is not set');
    expect(await usageLine('./mine.ts')).toMatch(/^--workload \.\/mine\.ts: a TypeScript module cannot be loaded;/);
  });

  it('makes a well-formed module a workload named by its path', async () => {
    const w = await loadWorkloadModule('./orders.mjs', cwd);
    expect(w.name).toBe('./orders.mjs');
    expect(w.summary).toBe("orders: the module's own job every 100 ms: each acknowledged one completes exactly once; and its own check");
  });
});
