#!/bin/sh
# {{name}}: starts this pod's sentinel. Sentinel rewrites its config file (what it learnt: the
# current master, replicas, peers), so it runs from a writable copy on its volume, made once.
set -eu
[ -f /data/sentinel.conf ] || cp "{{confDir}}/$(hostname).conf" /data/sentinel.conf
# Sentinel exits at start when the master it monitors does not resolve (a pod not yet scheduled
# has no DNS record even with publishNotReadyAddresses), and the kubelet's restart back-off then
# grows to minutes: wait for the name here instead, for up to two minutes.
master=$(awk '$1 == "sentinel" && $2 == "monitor" { print $4; exit }' /data/sentinel.conf)
i=0
until [ -z "$master" ] || getent hosts "$master" >/dev/null 2>&1 || [ "$i" -ge 120 ]; do
  i=$((i + 1))
  sleep 1
done
exec redis-sentinel /data/sentinel.conf
