#!/usr/bin/env bash
# The README's main-job command: install what is needed (Redis' binaries when absent, the Node
# packages, the build), then `redis-arc demo`: in a temporary folder it inits a sentinel topology
# (or `--kind cluster`) with short timeouts, boots it, smoke-tests all three event-layer modes,
# kills the master once under load with a stopwatch, and tears everything down.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh >&2
exec ./bin/redis-arc demo "$@"
