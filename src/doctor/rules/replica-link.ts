import type { Rule } from './rule.js';

export const replicaLink: Rule = {
  id: 'replica-link',
  live: {
    node: ({ name, replication: r }) =>
      r?.role === 'replica' && r.linkStatus !== 'up'
        ? {
            severity: 'error',
            path: 'master_link_status',
            nodes: [name],
            observed: `down (master_last_io_seconds_ago ${r.lastIoSecondsAgo ?? '-'})`,
            message: 'this replica receives no new jobs: a failover to it loses them, and it does not count for min-replicas-to-write',
            fix: "read the replica's log: masterauth, the master's address, or a full sync that keeps failing (repl-backlog-size, client-output-buffer-limit replica)",
          }
        : undefined,
  },
};
