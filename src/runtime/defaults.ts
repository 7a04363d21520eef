/** How long `up` (and `demo`) wait for a booted topology to be healthy. Cheap to import: `up --help` shows it. */
export const DEFAULT_BOOT_TIMEOUT_MS = 60_000;

/** Lines of each node's log `logs` prints before it follows. */
export const DEFAULT_LOG_LINES = 40;

/** How long `down` waits after SIGTERM before SIGKILL (local processes and containers alike). */
export const DEFAULT_GRACE_MS = 5000;
