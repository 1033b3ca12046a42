#!/usr/bin/env bash
# Records the heap-limit captures in this folder: alloc.js (../lab/alloc.js) under --max-old-space-size,
# one file per run in the lab's capture format (header lines, then the run's stdout and stderr).
# usage: ./record.sh [NODE]   (default: node on PATH). Takes a few minutes; node's exit 134 is expected.
set -uo pipefail
cd "$(dirname "$0")"
node_bin=${1:-node}
versions=$("$node_bin" -p 'process.version + " " + process.versions.v8')

record() {   # record FILE LIMIT_MIB N K
  local file=$1 limit=$2 n=$3 k=$4
  local flags=(--trace-gc --no-turbo-escape --max-old-space-size="$limit")
  local out err start end rc
  out=$(mktemp); err=$(mktemp)
  start=$(date +%s%N)
  "$node_bin" "${flags[@]}" ../lab/alloc.js "$n" "$k" 10000 >"$out" 2>"$err"
  rc=$?
  end=$(date +%s%N)
  {
    echo "# memcourse node lab capture"
    echo "# command: node ${flags[*]} alloc.js $n $k 10000"
    echo "# node: ${versions% *}"
    echo "# v8: ${versions#* }"
    echo "# exit: $rc"
    echo "# wall-ms: $(( (end - start) / 1000000 ))"
    echo "--- stdout"
    cat "$out"
    echo "--- stderr"
    cat "$err"
  } >"$file"
  rm -f "$out" "$err"
  echo "$file: exit $rc"
}

# Runs that die: N far beyond what fits, so the last PROGRESS line is about the largest N that survives.
if [ "${ONLY:-}" != lives ]; then
  for limit in 32 64 128 256; do
    for k in 2 4 10; do
      record "old${limit}-k${k}-dies.txt" "$limit" 100000000 "$k"
    done
  done
fi
# Runs that live: N about 60% of the largest that survives.
record old32-k4-400k-lives.txt 32 400000 4
record old32-k10-1m-lives.txt 32 1000000 10
record old64-k2-400k-lives.txt 64 400000 2
record old64-k10-2m-lives.txt 64 2000000 10
