import type { ConfPlacement } from '../view.js';
import type { NodePlan, Topology } from '../../topology/types.js';
import { TLS_FILES } from '../tls-files.js';

/** Where the pods mount what they read: confs and scripts (ConfigMaps), the auth include and TLS files (Secrets). */
export const KUBE_DIR = '/usr/local/etc/redis';
export const KUBE_PATHS = {
  conf: `${KUBE_DIR}/conf`,
  scripts: `${KUBE_DIR}/scripts`,
  secret: `${KUBE_DIR}/secret`,
  tls: `${KUBE_DIR}/tls`,
  data: '/data',
} as const;

/** The Secret keys (= file names under KUBE_PATHS.secret): the same files `render` writes for docker. */
export const AUTH_KEYS = { data: 'auth.conf', sentinel: 'sentinel-auth.conf', password: 'password' } as const;

/** A pod's placement: listens on its pod address, logs to stdout, includes the mounted auth file. */
export function kubePlacement(t: Topology, node: NodePlan): ConfPlacement {
  return {
    bind: '0.0.0.0',
    dir: KUBE_PATHS.data,
    logfile: '',
    authInclude: t.auth.enabled ? `${KUBE_PATHS.secret}/${node.role === 'sentinel' ? AUTH_KEYS.sentinel : AUTH_KEYS.data}` : undefined,
    tls: t.tls.enabled
      ? { certFile: `${KUBE_PATHS.tls}/${TLS_FILES.cert}`, keyFile: `${KUBE_PATHS.tls}/${TLS_FILES.key}`, caFile: `${KUBE_PATHS.tls}/${TLS_FILES.ca}` }
      : undefined,
  };
}

/** redis-cli as the pod's scripts run it (the password comes from REDISCLI_AUTH, never the command line). */
export function kubeCli(t: Topology, port: number): string {
  const tls = t.tls.enabled
    ? ` --tls --cacert ${KUBE_PATHS.tls}/${TLS_FILES.ca} --cert ${KUBE_PATHS.tls}/${TLS_FILES.cert} --key ${KUBE_PATHS.tls}/${TLS_FILES.key}`
    : '';
  return `redis-cli -p ${port}${tls}`;
}
