/**
 * How long a start waits for the topology to be healthy before it gives up and stops what it
 * started. Two values on purpose: the commands a user runs (`up`, `demo`, `compare`) give a slow
 * or loaded machine a minute, and say so in `up --help`; an in-process start (`startTopology`,
 * `redis-arc/testing`) is a test's, where local nodes are healthy in under a second and a broken
 * start should fail the test in half that (its docs say 30 s; docker: 120 s, for an image pull and
 * container starts). Cheap to import: `up --help` shows it.
 */
export const DEFAULT_BOOT_TIMEOUT_MS = 60_000;
/** An in-process start's (`startTopology`, `redis-arc/testing` on local processes): see above. */
export const IN_PROCESS_BOOT_TIMEOUT_MS = 30_000;
/** `redis-arc/testing` on docker: an image pull and container starts on top. */
export const DOCKER_TEST_BOOT_TIMEOUT_MS = 120_000;

/** Lines of each node's log `logs` prints before it follows. */
export const DEFAULT_LOG_LINES = 40;

/** How long `down` waits after SIGTERM before SIGKILL (local processes and containers alike). */
export const DEFAULT_GRACE_MS = 5000;
