/** What `smoke` does when no flag says otherwise; `demo` runs exactly this. Cheap to import: --help shows it. */
export const DEFAULT_SMOKE = {
  mode: 'all' as const,
  /** Jobs enqueued and consumed per event-layer mode. */
  jobs: 200,
  /** Per mode. */
  timeoutMs: 60_000,
};
