#!/bin/sh
# {{name}}: starts this pod's Redis node from its own conf (key <pod>.conf of the {{confMap}} ConfigMap,
# rendered by redis-arc from the same templates the local runtime uses).
set -eu
conf="{{confDir}}/$(hostname).conf"
{{#sentinelKind}}
# A restarted pod first asks the sentinels which node is master now: a former master then comes
# back as a replica of the promoted one instead of as a second master, and a promoted replica
# stays master, whatever its rendered conf says. No sentinel answering (first start): the conf decides.
self="$(hostname).{{dataService}}"
if answer=$(timeout 5 {{sentinelCli}} sentinel get-master-addr-by-name {{masterName}} 2>/dev/null) && [ -n "$answer" ]; then
  host=$(echo "$answer" | sed -n 1p)
  port=$(echo "$answer" | sed -n 2p)
  case "$host" in
    "$self") exec redis-server "$conf" --replicaof no one ;;
    ?*) exec redis-server "$conf" --replicaof "$host" "$port" ;;
  esac
fi
{{/sentinelKind}}
exec redis-server "$conf"
