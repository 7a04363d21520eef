#!/usr/bin/env node
// Re-derives the --acl grant from node_modules/bullmq and prints what differs from the committed
// one (src/render/acl-grant.ts). Run after `npm run build`, e.g. when upgrading BullMQ:
//   node scripts/acl-derive.mjs            # exit 1 and one line per drift if they differ
//   node scripts/acl-derive.mjs --list     # also print every derived command
import { deriveBullmqGrant, grantDrift } from '../dist/security/acl-derive.js';
import { bullmqGrant, CONNECTION_COMMANDS } from '../dist/render/acl-grant.js';

const d = deriveBullmqGrant();
if (process.argv.includes('--list')) {
  console.log(`BullMQ ${d.version}`);
  console.log(`lua:        ${[...d.lua].sort().join(' ')}`);
  console.log(`client:     ${[...d.client].sort().join(' ')}`);
  console.log(`connection: ${Object.keys(CONNECTION_COMMANDS).join(' ')}`);
  console.log(`granted:    ${bullmqGrant().length} commands`);
}
const drift = grantDrift(d);
for (const line of drift) console.log(`drift: ${line}`);
if (drift.length === 0) console.log(`the grant matches BullMQ ${d.version}`);
process.exit(drift.length ? 1 : 0);
