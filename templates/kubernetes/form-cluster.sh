#!/bin/sh
# {{name}}: forms the cluster once every node answers (the Job's only task; as the charts do it).
# Nodes are reached by their stable names (the headless Service publishes pods before they are
# ready); `redis-cli --cluster create` needs addresses for CLUSTER MEET, so the names are resolved
# here. Clients are then sent names: every node sets cluster-announce-hostname.
set -eu
cli="{{cli}}"
nodes="{{#nodes}}{{host}} {{/nodes}}"
for h in $nodes; do
  until [ "$($cli -h "$h" ping 2>/dev/null)" = PONG ]; do echo "waiting for $h"; sleep 2; done
done
lonely=0
for h in $nodes; do
  if $cli -h "$h" cluster info | grep -q '^cluster_known_nodes:1\b'; then lonely=$((lonely + 1)); fi
done
if [ "$lonely" -eq 0 ]; then echo "every node already knows its peers: the cluster is formed"; exit 0; fi
if [ "$lonely" -ne {{count}} ]; then echo "half formed: $lonely of {{count}} nodes know no peer; fix it with redis-cli --cluster fix" >&2; exit 1; fi
addrs=""
for h in $nodes; do
  ip=$(getent hosts "$h" | awk '{print $1; exit}')
  addrs="$addrs $ip:{{port}}"
done
exec $cli --cluster create $addrs --cluster-replicas {{replicasPerMaster}} --cluster-yes
