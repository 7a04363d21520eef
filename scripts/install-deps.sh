#!/usr/bin/env bash
# Installs what redis-arc needs on Debian/Ubuntu: Redis' binaries (when absent), the Node
# packages (npm ci) and the build. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/apt.sh

need=()
for bin in redis-server redis-sentinel redis-cli; do
  command -v "$bin" >/dev/null 2>&1 || need+=("$bin")
done
if [ ${#need[@]} -gt 0 ]; then
  apt_install "missing: ${need[*]}" redis-server redis-sentinel redis-tools
  # Debian's packages start system daemons where systemd runs; redis-arc starts its own processes.
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo systemctl disable --now redis-server redis-sentinel >/dev/null 2>&1 || true
  fi
fi

# `redis-arc init --tls` generates its CA and certificates with the openssl command.
if ! command -v openssl >/dev/null 2>&1; then
  apt_install "redis-arc init --tls generates certificates with it" openssl
fi

# failover-test's network faults (partition, isolate, hang-clients) are nftables rules; nft is in
# /usr/sbin, which a non-root PATH may leave out.
if ! command -v nft >/dev/null 2>&1 && [ ! -x /usr/sbin/nft ]; then
  apt_install "failover-test --fault partition / isolate / hang-clients" nftables
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "==> npm run build"
npm run build --silent
