import chalk from 'chalk';
import type { Topology } from '../topology/types.js';
import { emit } from './emit.js';
import { nodesTable } from './up.js';

/** What `up --dry-run` would start, and with which settings: nothing is started or written. */
export interface UpPlan {
  dryRun: true;
  name: string;
  kind: Topology['kind'];
  specFile: string;
  runtime: 'local' | 'docker';
  /** docker: the image the containers would run. */
  image?: string;
  /** local: the server the nodes would run (src/servers: a catalogue name or a binary's path). */
  server?: string;
  nodes: { id: string; role: string; host: string; port: number; busPort?: number; replicaOf?: string; slots?: [number, number] }[];
  /** First and last port of each kind the nodes take (cluster bus ports included). */
  ports: Record<string, [number, number]>;
  settings: Record<string, string | number | boolean>;
}

const span = (ports: number[]): [number, number] | undefined => (ports.length ? [Math.min(...ports), Math.max(...ports)] : undefined);

export function upPlan(t: Topology, o: { specFile: string; docker: boolean; image?: string; server?: string }): UpPlan {
  const s = t.sentinel;
  const c = t.cluster;
  return {
    dryRun: true,
    name: t.name,
    kind: t.kind,
    specFile: o.specFile,
    runtime: o.docker ? 'docker' : 'local',
    ...(o.docker && { image: o.image ?? t.image }),
    ...(!o.docker && o.server !== undefined && { server: o.server }),
    nodes: t.nodes.map((n) => ({
      id: n.id,
      role: n.role,
      host: n.host,
      port: n.port,
      ...(n.busPort && { busPort: n.busPort }),
      ...(n.replicaOf && { replicaOf: n.replicaOf }),
      ...(n.slots && { slots: n.slots }),
    })),
    ports: Object.fromEntries(
      Object.entries({
        data: span(t.nodes.filter((n) => n.role !== 'sentinel').map((n) => n.port)),
        sentinel: span(t.nodes.filter((n) => n.role === 'sentinel').map((n) => n.port)),
        clusterBus: span(t.nodes.flatMap((n) => (n.busPort ? [n.busPort] : []))),
      }).filter((e): e is [string, [number, number]] => e[1] !== undefined),
    ),
    settings: {
      auth: t.auth.enabled,
      ...(t.auth.acl.enabled && { aclUser: t.auth.acl.user }),
      tls: t.tls.enabled,
      ...(o.docker && { network: t.network }),
      appendonly: t.persistence.appendonly,
      appendfsync: t.persistence.appendfsync,
      maxmemory: t.persistence.maxmemory,
      maxmemoryPolicy: t.persistence.maxmemoryPolicy,
      ...(s && {
        masterName: s.masterName,
        quorum: s.quorum,
        downAfterMs: s.downAfterMs,
        failoverTimeoutMs: s.failoverTimeoutMs,
        parallelSyncs: s.parallelSyncs,
        minReplicasToWrite: s.minReplicasToWrite,
      }),
      ...(c && { masters: c.masters, replicasPerMaster: c.replicasPerMaster, nodeTimeoutMs: c.nodeTimeoutMs }),
    },
  };
}

export function printPlan(p: UpPlan, json: boolean): void {
  emit(p, {
    json,
    print: () => {
      console.log(
        `${chalk.bold('Plan')} (dry run: nothing started): ${p.name}, ${p.kind}, ${p.nodes.length} node(s), ${p.runtime} runtime${p.image ? ` (image ${p.image})` : ''}${p.server ? ` (server ${p.server})` : ''}, from ${p.specFile}`,
      );
      console.log(nodesTable(p.nodes));
      console.log(
        Object.entries(p.ports)
          .map(([k, [a, b]]) => `  ${k} ports: ${a === b ? a : `${a}-${b}`}`)
          .join('\n'),
      );
      console.log(
        Object.entries(p.settings)
          .map(([k, v]) => `  ${k}: ${v}`)
          .join('\n'),
      );
    },
  });
}
