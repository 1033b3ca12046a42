#!/usr/bin/env bash
# Records how alloc.js's array literal is compiled and how V8 judges its allocation site, with every array
# kept (K = 1) at 128 MiB: six runs one after another, each with --trace-gc (collections), --trace-osr
# and --trace-deopt (when the loop enters and leaves optimised code) and --trace-pretenuring with its statistics (the site's
# mementos created and found at each collection, and the decision). Each run's stdout is kept up to its
# 24th collection (the site is decided by then), after a header line; lines about other functions dropped.
# usage: ./record-tiering.sh [NODE] > old128-k1-tiering.txt 2>/dev/null   (each run ends in V8's abort)
set -uo pipefail
cd "$(dirname "$0")"
node_bin=${1:-node}
versions=$("$node_bin" -p 'process.version + " (V8 " + process.versions.v8 + ")"')
flags=(--trace-gc --trace-osr --trace-deopt --trace-pretenuring --trace-pretenuring-statistics --no-turbo-escape --max-old-space-size=128)
echo "# command: node ${flags[*]} ../../lab/alloc.js 100000000 1 10000  (six runs)"
echo "# node $versions"
for run in 1 2 3 4 5 6; do
  echo "## run $run"
  "$node_bin" "${flags[@]}" ../../lab/alloc.js 100000000 1 10000 2>/dev/null \
    | grep -E 'Scavenge|Mark-Compact|pretenuring: AllocationSite|OSR - (compilation started|entry)|bailout|marking dependent code' \
    | awk '/Scavenge|Mark-Compact/ { if (++gc > 24) exit } { print }'
done
