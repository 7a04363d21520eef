#!/usr/bin/env bash
# Installs what redis-arc needs on Debian/Ubuntu: Redis' binaries (when absent), the Node
# packages (npm ci) and the build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for bin in redis-server redis-sentinel redis-cli; do
  command -v "$bin" >/dev/null 2>&1 || need+=("$bin")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing redis-server redis-sentinel redis-tools (missing: ${need[*]})"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server redis-sentinel redis-tools >/dev/null
  # Debian's packages start system daemons where systemd runs; redis-arc starts its own processes.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    $sudo systemctl disable --now redis-server redis-sentinel >/dev/null 2>&1 || true
  fi
fi

# `redis-arc init --tls` generates its CA and certificates with the openssl command.
if ! command -v openssl >/dev/null 2>&1; then
  echo "==> installing openssl (redis-arc init --tls generates certificates with it)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq openssl >/dev/null
fi

# failover-test's network faults (partition, isolate, hang-clients) are nftables rules; nft is in
# /usr/sbin, which a non-root PATH may leave out.
if ! command -v nft >/dev/null 2>&1 && [ ! -x /usr/sbin/nft ]; then
  echo "==> installing nftables (failover-test --fault partition / isolate / hang-clients)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nftables >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "==> npm run build"
npm run build --silent
