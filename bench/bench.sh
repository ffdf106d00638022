#!/bin/sh
# npm run bench / bench:quick — raise the open-file limit (10,000+ sockets per side), then run.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# --store=postgres runs the cluster benchmark (N nodes on one throwaway PostgreSQL) instead.
# --uplink runs the national day's benchmark (three venues forwarding to a central) instead.
case " $* " in
  *" --store=postgres "*) exec tsx bench/cluster.ts "$@" ;;
  *" --uplink "*) exec tsx bench/uplink.ts "$@" ;;
esac
exec tsx bench/run.ts "$@"
