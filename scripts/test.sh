#!/usr/bin/env bash
# The README's test command: install what the tests need, run them all, and fail if any Redis
# process that the suite started is still running afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

redis_pids() { pgrep -x 'redis-server|redis-sentinel' || true; }
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
