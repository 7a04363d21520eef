import { z } from 'zod';
import { SCENARIOS, type Scenario } from '../../scenarios/bench/types.js';
import { BENCH_FLAGS } from '../flags/bench.js';
import { fieldsOf } from '../flags/field.js';
import { APP_DIR_NEEDS_CLIENT } from '../flags/shared.js';

const isScenario = (name: string): name is Scenario => SCENARIOS.some((s) => s === name);

/** `--scenario add,process`: a comma list, every name known. */
const scenarioList = z
  .string()
  .default(BENCH_FLAGS.scenario.default)
  .transform((text, ctx) => {
    const names = text.split(',').map((s) => s.trim());
    const unknown = names.filter((s) => !isScenario(s));
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `--scenario ${unknown.join(',')}: expected some of ${SCENARIOS.join(', ')}` });
    return names.filter(isScenario);
  });

export const benchOptions = z
  .object({ ...fieldsOf(BENCH_FLAGS), scenario: scenarioList })
  .refine((o) => !(o.appDir && !o.client), { message: APP_DIR_NEEDS_CLIENT });
export type BenchOptions = z.output<typeof benchOptions>;
