#!/bin/sh
# {{name}}: readiness means the node does its part, not that its port is open.
#   standalone: answers PING (not loading)      data: master, or a replica whose link to the master is up
#   sentinel:   its quorum and a failover majority are reachable (SENTINEL CKQUORUM)
#   cluster:    cluster_state:ok (every slot covered by a reachable master)
cli="{{cli}}"
case "${1:-}" in
  standalone) [ "$($cli ping 2>/dev/null)" = PONG ] ;;
  data)
    info=$($cli info replication 2>/dev/null) || exit 1
    case "$info" in
      *role:master*) exit 0 ;;
      *master_link_status:up*) exit 0 ;;
      *) exit 1 ;;
    esac ;;
  sentinel) {{sentinelLocalCli}} sentinel ckquorum {{masterName}} 2>/dev/null | grep -q '^OK' ;;
  cluster) $cli cluster info 2>/dev/null | grep -q '^cluster_state:ok' ;;
  *) echo "usage: ready.sh standalone|data|sentinel|cluster" >&2; exit 2 ;;
esac
