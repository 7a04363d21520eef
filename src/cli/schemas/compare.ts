import { z } from 'zod';
import { printableValue } from '../../errors/printable.js';
import { COMPARE_KINDS, DEFAULT_COMPARE as D, type CompareKind } from '../../scenarios/compare/defaults.js';
import { count, jsonField } from './common.js';

/** `compare sentinel cluster`: known names, each once; none given means the default pair. */
const topologyList = z
  .array(z.string())
  .default([])
  .superRefine((names, ctx) => {
    const unknown = names.find((n) => !COMPARE_KINDS.includes(n as CompareKind));
    if (unknown !== undefined) ctx.addIssue({ code: 'custom', message: `unknown topology '${printableValue(unknown)}': expected some of ${COMPARE_KINDS.join(', ')}` });
    else if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: `a topology is named twice: ${names.map(printableValue).join(' ')}` });
  })
  .transform((names) => (names.length ? names : D.topologies) as CompareKind[]);

export const compareOptions = z.object({
  ...jsonField,
  topologies: topologyList,
  downAfter: count().default(D.downAfterMs),
  trials: count().default(D.trials),
  queues: count().default(D.queues),
  portBase: count().default(D.portBase),
  /** Also write the HTML report here. */
  report: z.string().optional(),
  /** Replace the --report file if it exists. */
  force: z.boolean().default(false),
});
export type CompareCliOptions = z.output<typeof compareOptions>;
