#!/usr/bin/env bash
# The README's main-job command: install what is needed, then walk a sentinel topology (or
# `--kind cluster`) through init, doctor, up, status, a redis-cli check and down, in a
# temporary folder, leaving nothing running.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=sentinel
[ "${1:-}" = "--kind" ] && kind="${2:?--kind needs standalone, sentinel or cluster}"
bash scripts/install-deps.sh >&2

arc="$PWD/bin/redis-arc"
dir=$(mktemp -d -t redis-arc-demo-XXXXXX)
cleanup() { "$arc" down --purge --spec "$dir/redis-arc.yaml" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT INT TERM

run() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
cd "$dir"
case "$kind" in
  sentinel) run "$arc" init sentinel --down-after 1000 ;;
  cluster) run "$arc" init cluster --node-timeout 1000 ;;
  *) run "$arc" init "$kind" ;;
esac
run "$arc" doctor || true
run "$arc" up
run "$arc" status
run "$arc" smoke
export REDISCLI_AUTH; REDISCLI_AUTH=$(cat .redis-arc.secret)
case "$kind" in
  sentinel) run redis-cli -p 26380 SENTINEL get-master-addr-by-name mymaster ;;
  cluster) run redis-cli -c -p 7000 CLUSTER INFO ;;
  *) run redis-cli -p 6380 PING ;;
esac
run "$arc" down --purge
# Anything still running from this folder would be a bug in `down`.
left=$(for p in $(pgrep -x 'redis-server|redis-sentinel' || true); do
  case "$(readlink "/proc/$p/cwd" 2>/dev/null)" in "$dir"/*) echo "$p" ;; esac
done)
if [ -n "$left" ]; then echo "still running after down: pids $left" >&2; exit 1; fi
printf '\nnothing left running.\n'
