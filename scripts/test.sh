#!/usr/bin/env bash
# The README's test command: install what the tests need (Redis, Node packages, chromium, a
# container engine for the docker runtime), lint, run them all, and fail if any Redis process that the suite
# started is still running afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

# The servers axis (docs/servers.md): Valkey 8.1 and Redis 8.0 are Debian 13 packages that
# `redis-arc servers add` fetches through this machine's own apt mirror into the per-user cache
# (no root, nothing installed). Where apt cannot reach Debian 13 their tests skip, saying why;
# under CI=true that fails the run.
for server in valkey-8.1 redis-8.0; do
  if ! bin/redis-arc servers list --json | node -e 'const l = JSON.parse(require("fs").readFileSync(0, "utf8")); process.exit(l.servers.some((s) => s.name === process.argv[1] && s.ready) ? 0 : 1)' "$server"; then
    if ! bin/redis-arc servers add "$server"; then
      if [ "${CI:-}" = true ]; then
        echo "FAIL: CI=true and \`redis-arc servers add $server\` failed (above)" >&2
        exit 1
      fi
      echo "SKIPPING the $server tests: \`redis-arc servers add $server\` failed (above)" >&2
    fi
  fi
done

# The HTML report is tested in a real browser: Debian's chromium, headless, driven by
# playwright-core (which downloads no browser of its own).
if ! command -v chromium >/dev/null 2>&1; then
  . scripts/apt.sh
  apt_install "the HTML report's test renders it headless" chromium
fi

# The docker runtime's tests need a container engine: use the one that answers, else start
# podman's Docker API (scripts/engine.sh installs it when absent) and stop it again at the end.
# REDIS_ARC_NO_ENGINE=1 skips this (the docker tests then skip, saying why).
if [ "${REDIS_ARC_NO_ENGINE:-}" != 1 ]; then
  if ! bash scripts/engine.sh status >/dev/null 2>&1; then
    eval "$(bash scripts/engine.sh start)"
    trap 'bash scripts/engine.sh stop || true' EXIT
  else
    eval "$(bash scripts/engine.sh env)"
  fi
fi

# Live Redis and Valkey processes (zombies have exited already; only their reaping is pending).
# A fetched server runs under its own name (redis-server, valkey-server, ...: src/servers/wrappers.ts).
redis_pids() { ps -eo pid=,stat=,comm= | awk '$2 !~ /^Z/ && ($3 ~ /^(redis|valkey)-(server|sentinel)$/) { print $1 }'; }
before=" $(redis_pids | tr '\n' ' ') "
# Compose-labelled containers and volumes (the docker tests' projects), when an engine answers.
compose_objects() {
  timeout 10 docker version >/dev/null 2>&1 || return 0
  { docker ps -aq --filter label=com.docker.compose.project; docker volume ls -q --filter label=com.docker.compose.project; } 2>/dev/null | sort
}
objects_before="$(compose_objects)"
status=0
# Lint and formatting first (typescript-eslint with types, Prettier): a failure fails the run, the tests still run.
if [ $# -eq 0 ]; then
  npm run --silent lint || { echo "FAIL: npm run lint (npm run format fixes the formatting)" >&2; status=1; }
fi
npx vitest run "$@" || status=$?

objects_left="$(comm -13 <(echo "$objects_before") <(compose_objects) | grep . || true)"
if [ -n "$objects_left" ]; then
  echo "FAIL: the test run left containers or volumes behind:" >&2
  echo "$objects_left" >&2
  status=1
fi

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
