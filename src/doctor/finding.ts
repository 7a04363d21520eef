export type Severity = 'error' | 'warning' | 'info';

/** One doctor finding: what is wrong, why it matters for BullMQ, and how to fix it. */
export interface Finding {
  /** `spec`: read from redis-arc.yaml; `live`: read from running nodes; `client`: read from a --client module's settings. */
  source: 'spec' | 'live' | 'client';
  severity: Severity;
  /** Stable id, e.g. `maxmemory-policy`, for scripts that filter findings. Spec and live checks of one rule share it. */
  rule: string;
  /** The spec key (spec findings) or the live setting or state it is about (`maxmemory-policy`, `SENTINEL CKQUORUM`). */
  path: string;
  /** Live: the nodes it was seen on (`redis-1 127.0.0.1:6380`, or the address when redis-arc did not plan it). */
  nodes?: string[];
  /** Live: the value seen. */
  observed?: string;
  /** Why it matters for BullMQ. */
  message: string;
  fix: string;
  /** Live, in a project folder: the spec key that sets it. */
  specKey?: string;
}

/** What the live part of doctor did. */
export type LiveSummary =
  | { checked: false; reason: string; target?: string }
  | {
      checked: true;
      /** Where it looked (`sentinel 'mymaster' via 127.0.0.1:26380`); never a password. */
      target: string;
      kind: 'standalone' | 'sentinel' | 'cluster';
      /** Data nodes reachable / found, sentinels reachable / found. */
      nodes: { reachable: number; total: number };
      sentinels?: { reachable: number; total: number };
      /** Cluster: the bounded SCAN for BullMQ keys. */
      scan?: {
        masters: number;
        keysScanned: number;
        capped: string[];
        queues: { prefix: string; name: string; tagged: boolean; keys: number; slots: number }[];
      };
    };

export interface DoctorReport {
  /** The spec file, or (attached) where the live checks looked. */
  source: string;
  /** The spec file checked; absent when attached (live checks only). */
  spec?: string;
  findings: Finding[];
  /** `doctor --client`: the client modules or profiles whose settings were read (no spec, no live checks). */
  clients?: string[];
  errors: number;
  warnings: number;
  live: LiveSummary;
}

export function report(source: string, findings: Finding[], live: LiveSummary, spec?: string): DoctorReport {
  return {
    source,
    ...(spec !== undefined && { spec }),
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    live,
  };
}
