/** Bounds of the cluster key scan (cheap to import: `doctor --help` shows the default). */
export interface ScanOptions {
  /** Stop scanning a master after this many keys, so a huge keyspace does not hang doctor. */
  limitPerMaster: number;
  /** SCAN's COUNT hint. */
  count: number;
}

export const DEFAULT_SCAN_OPTIONS: ScanOptions = { limitPerMaster: 10_000, count: 1000 };
