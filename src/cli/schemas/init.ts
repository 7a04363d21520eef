import { z } from 'zod';
import { ADDRESS_MODES, ANNOUNCE_MODES, KINDS, NETWORK_MODES } from '../../specfile/defaults.js';
import { flag } from './parse.js';
import { count, jsonField } from './common.js';

// Flags that shape one kind of topology: given for another kind they are a mistake, not ignored.
const ONLY: Record<'sentinel' | 'cluster', readonly string[]> = {
  sentinel: ['replicas', 'sentinels', 'quorum', 'downAfter', 'sentinelPortBase'],
  cluster: ['masters', 'replicasPerMaster', 'nodeTimeout'],
};

/** init's flags, with the <kind> argument as `kind`. Defaults are left to initProject (src/specfile/defaults.ts). */
export const initOptions = z
  .object({
    ...jsonField,
    kind: z.enum(KINDS),
    dir: z.string().default('.'),
    name: z.string().optional(),
    image: z.string().optional(),
    network: z.enum(NETWORK_MODES).optional(),
    announce: z.enum(ANNOUNCE_MODES).optional(),
    addresses: z.enum(ADDRESS_MODES).optional(),
    portBase: count().optional(),
    sentinelPortBase: count().optional(),
    auth: z.boolean().default(true),
    acl: z.boolean().optional(),
    tls: z.boolean().optional(),
    replicas: count().optional(),
    sentinels: count().optional(),
    quorum: count().optional(),
    downAfter: count().optional(),
    masters: count().optional(),
    replicasPerMaster: count().optional(),
    nodeTimeout: count().optional(),
    templates: z.string().optional(),
    force: z.boolean().default(false),
  })
  .superRefine((o, ctx) => {
    for (const [owner, keys] of Object.entries(ONLY)) {
      const given = keys.find((k) => o[k as keyof typeof o] !== undefined);
      if (given && o.kind !== owner) ctx.addIssue({ code: 'custom', message: `${flag(given)} applies to ${owner} topologies, not ${o.kind}` });
    }
  });
export type InitCliOptions = z.output<typeof initOptions>;
