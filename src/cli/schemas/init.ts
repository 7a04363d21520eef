import { z } from 'zod';
import { KINDS } from '../../specfile/defaults.js';
import { fieldsOf } from '../flags/field.js';
import { INIT_FLAGS } from '../flags/init.js';
import { flag } from './parse.js';

// Flags that shape one kind of topology: given for another kind they are a mistake, not ignored.
const ONLY: Record<'sentinel' | 'cluster', readonly (keyof typeof INIT_FLAGS)[]> = {
  sentinel: ['replicas', 'sentinels', 'quorum', 'downAfterMs', 'sentinelPortBase'],
  cluster: ['masters', 'replicasPerMaster', 'nodeTimeoutMs'],
};

/** init's flags, with the <kind> argument as `kind`. Defaults are left to initProject (src/specfile/defaults.ts). */
export const initOptions = z.object({ ...fieldsOf(INIT_FLAGS), kind: z.enum(KINDS) }).superRefine((o, ctx) => {
  for (const [owner, keys] of Object.entries(ONLY)) {
    const given = keys.find((k) => o[k] !== undefined);
    if (given && o.kind !== owner) ctx.addIssue({ code: 'custom', message: `${flag(given)} applies to ${owner} topologies, not ${o.kind}` });
  }
});
export type InitCliOptions = z.output<typeof initOptions>;
