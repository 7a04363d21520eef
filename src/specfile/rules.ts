import { DEFAULT_ACL, MAX_PORT } from './defaults.js';
import type { Spec } from './spec.js';
import { formatRange, portRanges } from './ports.js';

export interface Problem {
  path: string;
  message: string;
}

/** Rules that span several keys: checked after the shape is valid and defaults are filled. */
export function crossFieldProblems(spec: Spec): Problem[] {
  const problems: Problem[] = [];
  const s = spec.sentinel;
  if (s && s.quorum > s.sentinels) {
    problems.push({ path: 'sentinel.quorum', message: `${s.quorum} is more than sentinels (${s.sentinels})` });
  }
  if (s && s.minReplicasToWrite > s.replicas) {
    problems.push({
      path: 'sentinel.minReplicasToWrite',
      message: `${s.minReplicasToWrite} is more than replicas (${s.replicas}); the master would refuse every write`,
    });
  }

  const acl = spec.auth.acl;
  if (acl.enabled && !spec.auth.enabled) {
    problems.push({ path: 'auth.acl.enabled', message: 'an ACL user needs auth; set auth.enabled: true, or auth.acl.enabled: false' });
  }
  if (acl.enabled && acl.passwordFile === spec.auth.passwordFile) {
    problems.push({ path: 'auth.acl.passwordFile', message: `is the admin's password file too; give the ACL user its own, e.g. ${DEFAULT_ACL.passwordFile}` });
  }

  const ranges = portRanges(spec);
  for (const r of ranges) {
    if (r.last > MAX_PORT) {
      problems.push({ path: r.key, message: `${r.what} ${formatRange(r)} run past ${MAX_PORT}; choose a lower ${r.key.split('.')[1]}` });
    }
  }
  for (const [i, a] of ranges.entries()) {
    for (const b of ranges.slice(i + 1)) {
      if (a.first <= b.last && b.first <= a.last) {
        problems.push({ path: b.key, message: `${b.what} ${formatRange(b)} overlap ${a.what} ${formatRange(a)}` });
      }
    }
  }
  return problems;
}
