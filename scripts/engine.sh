#!/usr/bin/env bash
# A container engine for `redis-arc --runtime docker` on a machine that has none (Debian/Ubuntu):
# podman's Docker-compatible API on a unix socket, plus docker-compose v1. The recipe is the one
# verified in ../shared/notes/container-engine-here.md.
#
#   scripts/engine.sh start   install podman + docker-compose when absent, start the API service,
#                             print `export DOCKER_HOST=...` (use: eval "$(scripts/engine.sh start)")
#   scripts/engine.sh env     print `export DOCKER_HOST=...` when our service answers (else nothing)
#   scripts/engine.sh stop    stop the service this script started (by its recorded pid)
#   scripts/engine.sh status  say whether an engine answers
#
# A Docker engine that already answers (DOCKER_HOST or /var/run/docker.sock) is used as it is.
# Messages go to stderr; stdout carries only the export line.
set -euo pipefail

SOCK="${REDIS_ARC_ENGINE_SOCK:-/run/redis-arc-podman.sock}"
PIDFILE="${SOCK%.sock}.pid"
LOGFILE="${SOCK%.sock}.log"
CONF=/etc/containers/containers.conf

say() { echo "engine: $*" >&2; }
answers() { DOCKER_HOST="$1" timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ours_running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

install_engine() {
  local need=()
  command -v podman >/dev/null 2>&1 || need+=(podman)
  command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || need+=(docker-compose)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]} (apt-get)"
    sudo_ apt-get update -qq
    sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if ! command -v docker >/dev/null 2>&1; then
    say "no docker client on PATH: redis-arc drives the engine through \`docker\`; install Docker's CLI (docs.docker.com/engine/install, or Debian's docker.io)"
    exit 1
  fi
  # Without this, container start fails with "error setting rlimit type 7: operation not permitted".
  if ! grep -qs '^default_ulimits *= *\[\]' "$CONF"; then
    say "setting default_ulimits = [] in $CONF"
    sudo_ mkdir -p "$(dirname "$CONF")"
    if grep -qs '^\[containers\]' "$CONF"; then
      sudo_ sed -i '/^\[containers\]/a default_ulimits = []' "$CONF"
    else
      printf '[containers]\ndefault_ulimits = []\n' | sudo_ tee -a "$CONF" >/dev/null
    fi
  fi
  # crun refuses hybrid cgroups (v1 controllers + an unused v2 mount, as on this CI machine):
  # "crun: cgroups in hybrid mode not supported". runc (a podman dependency) handles them.
  if [ -d /sys/fs/cgroup/unified ] && ! grep -qs '^runtime *= *"runc"' "$CONF"; then
    command -v runc >/dev/null 2>&1 || sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq runc >/dev/null
    say "hybrid cgroups: setting runtime = \"runc\" under [engine] in $CONF"
    if grep -qs '^\[engine\]' "$CONF"; then
      sudo_ sed -i '/^\[engine\]/a runtime = "runc"' "$CONF"
    else
      printf '\n[engine]\nruntime = "runc"\n' | sudo_ tee -a "$CONF" >/dev/null
    fi
  fi
}

start() {
  if [ -n "${DOCKER_HOST:-}" ] && [ "$DOCKER_HOST" != "unix://$SOCK" ] && answers "$DOCKER_HOST"; then
    say "an engine already answers at $DOCKER_HOST"; echo "export DOCKER_HOST=$DOCKER_HOST"; return
  fi
  if [ -z "${DOCKER_HOST:-}" ] && [ -S /var/run/docker.sock ] && answers unix:///var/run/docker.sock; then
    say "a Docker engine already answers at /var/run/docker.sock"; echo "export DOCKER_HOST=unix:///var/run/docker.sock"; return
  fi
  if ours_running && answers "unix://$SOCK"; then
    say "podman service already running (pid $(cat "$PIDFILE"), unix://$SOCK)"; echo "export DOCKER_HOST=unix://$SOCK"; return
  fi
  install_engine
  sudo_ rm -f "$SOCK"
  say "starting podman system service on unix://$SOCK (log: $LOGFILE)"
  # setsid + nohup: the service outlives this script; its pid is recorded for `stop`.
  setsid nohup podman system service --time=0 "unix://$SOCK" >"$LOGFILE" 2>&1 </dev/null &
  echo $! >"$PIDFILE"
  for _ in $(seq 1 100); do
    if answers "unix://$SOCK"; then
      say "podman $(DOCKER_HOST="unix://$SOCK" docker version --format '{{.Server.Version}}') answers; compose: $(compose_version)"
      echo "export DOCKER_HOST=unix://$SOCK"
      return
    fi
    ours_running || break
    sleep 0.1
  done
  say "podman system service did not answer on unix://$SOCK; last lines of $LOGFILE:"
  tail -n 20 "$LOGFILE" >&2 || true
  exit 1
}

compose_version() {
  if docker compose version --short >/dev/null 2>&1; then echo "docker compose $(docker compose version --short)"
  elif command -v docker-compose >/dev/null 2>&1; then docker-compose version --short 2>/dev/null | sed 's/^/docker-compose /'
  else echo "none"; fi
}

stop() {
  if ! [ -f "$PIDFILE" ]; then say "no podman service recorded in $PIDFILE; nothing to stop"; return; fi
  local pid; pid="$(cat "$PIDFILE")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    say "stopped podman service (pid $pid)"
  else
    say "podman service (pid $pid) was not running"
  fi
  rm -f "$PIDFILE" "$SOCK"
}

env_() {
  if [ -n "${DOCKER_HOST:-}" ] && answers "$DOCKER_HOST"; then echo "export DOCKER_HOST=$DOCKER_HOST"
  elif ours_running && answers "unix://$SOCK"; then echo "export DOCKER_HOST=unix://$SOCK"
  elif [ -S /var/run/docker.sock ] && answers unix:///var/run/docker.sock; then echo "export DOCKER_HOST=unix:///var/run/docker.sock"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) env_ ;;
  status)
    e="$(env_)"
    if [ -n "$e" ]; then say "answering: ${e#export }; compose: $(compose_version)"; else say "no engine answers; start one with scripts/engine.sh start"; exit 1; fi
    ;;
  *) echo "usage: $0 start|stop|env|status" >&2; exit 2 ;;
esac
