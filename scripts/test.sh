#!/usr/bin/env bash
# The README's test command: install what the tests need, run them all, and fail if any Redis
# process that the suite started is still running afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

# Live Redis processes (zombies have exited already; only their reaping is pending).
redis_pids() { ps -eo pid=,stat=,comm= | awk '$2 !~ /^Z/ && ($3 == "redis-server" || $3 == "redis-sentinel") { print $1 }'; }
before=" $(redis_pids | tr '\n' ' ') "
status=0
npx vitest run "$@" || status=$?

left=()
for pid in $(redis_pids); do
  case "$before" in *" $pid "*) ;; *) left+=("$pid") ;; esac
done
if [ ${#left[@]} -gt 0 ]; then
  echo "FAIL: the test run left Redis processes behind:" >&2
  ps -o pid=,args= -p "$(IFS=,; echo "${left[*]}")" >&2 || true
  kill -9 "${left[@]}" 2>/dev/null || true
  status=1
fi
exit $status
