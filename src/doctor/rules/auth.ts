import type { Rule } from './rule.js';

/** Spec only: the live checks do not try whether a node lets clients in without a password. */
export const auth: Rule = {
  id: 'auth',
  spec: ({ auth }) =>
    auth.enabled
      ? undefined
      : {
          severity: 'warning',
          path: 'auth.enabled',
          message: 'auth is off: any client that reaches a port can read or delete every queue',
          fix: 'set auth.enabled: true (redis-arc generates the password and keeps it in a 0600 file)',
        },
};
