export type Severity = 'error' | 'warning' | 'info';

/** One doctor finding: what is wrong, why it matters for BullMQ, and how to fix it. */
export interface Finding {
  severity: Severity;
  /** Stable id, e.g. `maxmemory-policy`, for scripts that filter findings. */
  rule: string;
  /** The spec key (or live setting) it is about. */
  path: string;
  message: string;
  fix: string;
}

export interface DoctorReport {
  source: string;
  findings: Finding[];
  errors: number;
  warnings: number;
}

export function report(source: string, findings: Finding[]): DoctorReport {
  return {
    source,
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}
