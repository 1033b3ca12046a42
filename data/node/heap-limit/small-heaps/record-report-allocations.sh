#!/usr/bin/env bash
# Counts the objects node's runtime allocates in old space while alloc.js writes its progress reports
# (fs.writeSync(2, 'PROGRESS ' + i + '\n') every P arrays). For each R from 0 to 40 it runs
# report-allocations.js (alloc.js's loop) with N = R x P + 1, so that the run stops right after report R
# (the (R+1)-th, reports counted from 0), three times, and writes the median of the "Runtime" count for old space that --trace-allocations-origins
# prints after the final gc(). Under a 4096 MiB limit no mark-compact runs in the loop. Several P, K and S
# show what the counts follow: the number of reports, not the number of arrays or what is kept; the last
# workload adds --no-lazy-feedback-allocation (feedback vectors made at a function's first call).
# usage: ./record-report-allocations.sh [NODE] > report-allocations.tsv
set -euo pipefail
cd "$(dirname "$0")"
node_bin=${1:-node}
echo "# report-allocations.js under node $("$node_bin" -p 'process.version + " (V8 " + process.versions.v8 + ")"'), recorded by record-report-allocations.sh"
echo "# command: node --expose-gc --trace-allocations-origins --no-turbo-escape --max-old-space-size=4096 [FLAGS] report-allocations.js R*P+1 K P S"
echo "# runtime_old: the median over three runs of old space's Runtime allocation count after the loop"
printf 'p\tk\ts\tflags\tlast_report\truntime_old\n'
count() {   # count FLAGS N K P S
  local flags=$1; shift
  [ "$flags" = - ] && flags=
  # shellcheck disable=SC2086  # FLAGS is one flag or none
  "$node_bin" --expose-gc --trace-allocations-origins --no-turbo-escape --max-old-space-size=4096 $flags report-allocations.js "$@" 2>/dev/null |
    grep 'Allocations Origins for old_space' | tail -n 1 | sed 's/.*Runtime:\([0-9]*\).*/\1/'
}
for workload in "10000 4 16 -" "5000 4 16 -" "20000 4 16 -" "10000 0 16 -" "10000 10 16 -" "10000 3 36 -" \
                "10000 4 16 --no-lazy-feedback-allocation"; do
  read -r p k s flags <<<"$workload"
  for r in $(seq 0 40); do
    median=$(for _ in 1 2 3; do count "$flags" $((r * p + 1)) "$k" "$p" "$s"; done | sort -n | sed -n 2p)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$p" "$k" "$s" "$flags" "$r" "$median"
  done
done
