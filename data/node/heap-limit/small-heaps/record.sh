#!/usr/bin/env bash
# Records what node v20 does at small heap limits that --trace-gc alone does not show: when incremental
# marking starts and ends (--trace-incremental-marking), the spaces after every collection
# (--trace-gc-verbose), V8's own bookkeeping of each collection (--trace-gc-nvp) and what allocated in old
# space (--trace-allocations-origins). Nine short runs of the course's alloc.js (../../lab/alloc.js), one
# after another; each output file is the run's stdout after two header lines (command, node and V8 version,
# exit code and, in the files recorded since the verdict was added, V8's verdict). Runs that die end with V8's
# abort (exit 134).
# usage: ./record.sh [NODE]
set -uo pipefail
cd "$(dirname "$0")"
node_bin=${1:-node}
versions=$("$node_bin" -p 'process.version + " (V8 " + process.versions.v8 + ")"')

run() {   # run OUT FLAGS...
  local out=$1; shift
  local tmp err rc verdict
  tmp=$(mktemp); err=$(mktemp)
  "$node_bin" "$@" >"$tmp" 2>"$err"
  rc=$?
  verdict=$(grep -ao 'FATAL ERROR: .* Allocation failed' "$err" | head -n 1 | sed 's/^FATAL ERROR: //; s/ Allocation failed$//')
  { echo "# command: node $*"; echo "# node $versions; exit code $rc${verdict:+ ($verdict)}; stdout only"; cat "$tmp"; } >"$out"
  rm -f "$tmp" "$err"
  echo "$out: exit $rc" >&2
}

run old16-k4-incremental-marking.txt --trace-gc --trace-incremental-marking --no-turbo-escape --max-old-space-size=16 ../../lab/alloc.js 100000000 4 10000
run old32-k4-incremental-marking.txt --trace-gc --trace-incremental-marking --no-turbo-escape --max-old-space-size=32 ../../lab/alloc.js 100000000 4 10000
run old32-k4-verbose.txt --trace-gc --trace-gc-verbose --no-turbo-escape --max-old-space-size=32 ../../lab/alloc.js 100000000 4 10000
run old16-k10-nvp-verbose.txt --trace-gc-nvp --trace-gc-verbose --no-turbo-escape --max-old-space-size=16 ../../lab/alloc.js 100000000 10 10000
run old24-k3-nvp-incremental-marking.txt --trace-gc-nvp --trace-incremental-marking --no-turbo-escape --max-old-space-size=24 ../../lab/alloc.js 100000000 3 10000
run old16-k4-allocation-origins.txt --trace-gc --trace-incremental-marking --trace-allocations-origins --no-turbo-escape --max-old-space-size=16 ../../lab/alloc.js 100000000 4 10000
run old16-k4-no-progress.txt --trace-gc --trace-incremental-marking --trace-allocations-origins --no-turbo-escape --max-old-space-size=16 ../../lab/alloc.js 100000000 4 0
run old32-k4-allocation-origins.txt --trace-gc --trace-incremental-marking --trace-allocations-origins --no-turbo-escape --max-old-space-size=32 ../../lab/alloc.js 100000000 4 10000
run old16-k4-eager-feedback.txt --trace-gc --trace-allocations-origins --no-lazy-feedback-allocation --no-turbo-escape --max-old-space-size=16 ../../lab/alloc.js 100000000 4 10000
