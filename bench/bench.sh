#!/bin/sh
# npm run bench / bench:quick — raise the open-file limit (10,000+ sockets per side), then run.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec tsx bench/run.ts "$@"
