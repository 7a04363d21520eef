#!/bin/sh
# {{name}}: starts this pod's sentinel. Sentinel rewrites its config file (what it learnt: the
# current master, replicas, peers), so it runs from a writable copy on its volume, made once.
set -eu
[ -f /data/sentinel.conf ] || cp "{{confDir}}/$(hostname).conf" /data/sentinel.conf
exec redis-sentinel /data/sentinel.conf
