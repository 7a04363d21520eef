/**
 * Each flag is declared once (src/cli/flags): the commander Options and the zod fields are made from
 * the same table. Its keys are the attribute names commander gives the flags, a flag in ms says so
 * in its name, and an old name is an alias that sets the same value.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { MODES } from '../../src/events/producer.js';
import { BENCH_FLAGS } from '../../src/cli/flags/bench.js';
import { COMPARE_FLAGS } from '../../src/cli/flags/compare.js';
import { DEMO_FLAGS } from '../../src/cli/flags/demo.js';
import { DOCTOR_FLAGS } from '../../src/cli/flags/doctor.js';
import { DOWN_FLAGS } from '../../src/cli/flags/down.js';
import { FAILOVER_TEST_FLAGS } from '../../src/cli/flags/failover-test.js';
import { IMAGE_BUILD_LOCAL_FLAGS } from '../../src/cli/flags/image.js';
import { INIT_FLAGS } from '../../src/cli/flags/init.js';
import { LOGS_FLAGS } from '../../src/cli/flags/logs.js';
import { addFlags, optionsOf } from '../../src/cli/flags/option.js';
import { RENDER_FLAGS } from '../../src/cli/flags/render.js';
import { REPORT_FLAGS } from '../../src/cli/flags/report.js';
import { SMOKE_FLAGS } from '../../src/cli/flags/smoke.js';
import { STATUS_FLAGS } from '../../src/cli/flags/status.js';
import { UP_FLAGS } from '../../src/cli/flags/up.js';
import type { Flags } from '../../src/cli/flags/define.js';
import { buildProgram } from '../../src/cli/program.js';
import { failoverTestOptions } from '../../src/cli/schemas/failover-test.js';
import { parseOptions } from '../../src/cli/schemas/parse.js';
import { DEFAULT_FAILOVER } from '../../src/scenarios/failover/defaults.js';

const TABLES: [string, Flags][] = Object.entries({
  BENCH_FLAGS,
  COMPARE_FLAGS,
  DEMO_FLAGS,
  DOCTOR_FLAGS,
  DOWN_FLAGS,
  FAILOVER_TEST_FLAGS,
  IMAGE_BUILD_LOCAL_FLAGS,
  INIT_FLAGS,
  LOGS_FLAGS,
  RENDER_FLAGS,
  REPORT_FLAGS,
  SMOKE_FLAGS,
  STATUS_FLAGS,
  UP_FLAGS,
});
const declarations = TABLES.flatMap(([table, flags]) => Object.entries(flags).map(([key, f]) => ({ table, key, f })));

/** Parse flags the way the CLI does, on a fresh command holding one table. */
function commanderParse(flags: Flags, argv: string[]): Record<string, unknown> {
  const cmd = addFlags(new Command('x').exitOverride().configureOutput({ writeErr: () => {} }), flags);
  return cmd.parse(argv, { from: 'user' }).opts();
}

describe('flag tables', () => {
  it('key each declaration by the attribute commander gives its flag', () => {
    const wrong = declarations.filter(({ key, f }) => optionsOf(key, f).some((o) => o.attributeName() !== key)).map(({ table, key }) => `${table}.${key}`);
    expect(wrong).toEqual([]);
  });

  it('name a flag in milliseconds …-ms, with an <ms> value', () => {
    const ms = declarations.filter(({ f }) => f.kind === 'int' && f.unit === 'ms');
    expect(ms.length).toBeGreaterThan(5);
    for (const { key, f } of ms) expect(optionsOf(key, f)[0]!.flags, key).toMatch(/^--[\w-]+-ms <ms>$/);
    // No duration in ms without its unit: every `<ms>` value belongs to a declaration with unit 'ms'.
    const untyped = declarations.filter(({ f }) => f.flags.includes('<ms>')).map(({ key }) => key);
    expect(untyped).toEqual([]);
  });

  it('make every command of the CLI from a table: its --mode offers the modes of src/events', () => {
    const failover = buildProgram().commands.find((c) => c.name() === 'failover-test')!;
    expect(failover.options.find((o) => o.long === '--mode')!.argChoices).toEqual([...MODES]);
    const smoke = buildProgram().commands.find((c) => c.name() === 'smoke')!;
    expect(smoke.options.find((o) => o.long === '--mode')!.argChoices).toEqual([...MODES, 'all']);
  });
});

describe('old flag names are aliases', () => {
  it('set the same value as the new name, and the last one given wins', () => {
    expect(commanderParse(FAILOVER_TEST_FLAGS, ['--warmup', '300', '--settle', '400'])).toMatchObject({ warmupMs: 300, settleMs: 400 });
    expect(commanderParse(FAILOVER_TEST_FLAGS, ['--pause-ms', '4000'])).toMatchObject({ faultMs: 4000 });
    expect(commanderParse(FAILOVER_TEST_FLAGS, ['--pause-ms', '4000', '--fault-ms', '8000'])).toMatchObject({ faultMs: 8000 });
    expect(commanderParse(COMPARE_FLAGS, ['--down-after', '1000'])).toMatchObject({ downAfterMs: 1000 });
    expect(commanderParse(INIT_FLAGS, ['--down-after', '1000', '--node-timeout', '2000'])).toMatchObject({ downAfterMs: 1000, nodeTimeoutMs: 2000 });
  });

  it('keep the default when not given, and reach the action as the one typed option', () => {
    const raw = commanderParse(FAILOVER_TEST_FLAGS, ['--max-recovery', '5000', '--max-write-gap', '100']);
    const o = parseOptions(failoverTestOptions, raw);
    expect(o).toMatchObject({ maxRecoveryMs: 5000, maxWriteGapMs: 100, warmupMs: DEFAULT_FAILOVER.warmupMs, faultMs: DEFAULT_FAILOVER.pauseMs });
    expect(Object.keys(raw).filter((k) => !(k in failoverTestOptions.shape))).toEqual([]);
  });

  it('check the value like the new name, and say which name was typed', () => {
    expect(() => commanderParse(FAILOVER_TEST_FLAGS, ['--warmup', '5s'])).toThrow(
      "option '--warmup <ms>' argument '5s' is invalid. expected a whole number, got '5s'",
    );
    expect(() => commanderParse(FAILOVER_TEST_FLAGS, ['--pause-ms', '0'])).toThrow('0 is out of range (1-600000)');
  });

  it('are hidden from the options list and named in the help of the new name', () => {
    const help = addFlags(new Command('x'), FAILOVER_TEST_FLAGS).helpInformation();
    expect(help).not.toMatch(/^ {2}--warmup </m);
    expect(help).toMatch(/^ {2}--warmup-ms <ms> +load before the fault \(alias: --warmup\)/m);
  });
});
