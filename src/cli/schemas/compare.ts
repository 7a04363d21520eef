import { z } from 'zod';
import { printableValue } from '../../errors/printable.js';
import { COMPARE_KINDS, DEFAULT_COMPARE as D, type CompareKind } from '../../scenarios/compare/defaults.js';
import { COMPARE_FLAGS } from '../flags/compare.js';
import { fieldsOf } from '../flags/field.js';

const isKind = (name: string): name is CompareKind => COMPARE_KINDS.some((k) => k === name);

/** `compare sentinel cluster`: known names, each once; none given means the default pair. */
const topologyList = z
  .array(z.string())
  .default([])
  .transform((names, ctx) => {
    const unknown = names.find((n) => !isKind(n));
    if (unknown !== undefined)
      ctx.addIssue({ code: 'custom', message: `unknown topology '${printableValue(unknown)}': expected some of ${COMPARE_KINDS.join(', ')}` });
    else if (new Set(names).size !== names.length)
      ctx.addIssue({ code: 'custom', message: `a topology is named twice: ${names.map(printableValue).join(' ')}` });
    const kinds = names.filter(isKind);
    return kinds.length ? kinds : D.topologies;
  });

/** compare's flags, with the [topologies...] argument as `topologies`. */
export const compareOptions = z.object({ ...fieldsOf(COMPARE_FLAGS), topologies: topologyList });
export type CompareCliOptions = z.output<typeof compareOptions>;
