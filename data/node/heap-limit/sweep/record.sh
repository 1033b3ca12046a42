#!/usr/bin/env bash
# Records the heap-limit sweep: alloc.js (../../lab/alloc.js) under --max-old-space-size from 16 to 512 MiB,
# every workload of a plan file run REPEATS times, one after another (never in parallel: the runs measure
# node's own GC timing, and the machine may be shared). Each run becomes one line of PLAN.tsv in a compact
# form: the run's settings, exit code, wall time, the last PROGRESS line, V8's verdict and its collections
# in order, each as a letter (s scavenge, m mark-compact, r memory-reducing mark-compact) and the heap's
# object MiB after it, exactly as --trace-gc printed them (GC lines after alloc.js's RESULT are left out).
# usage: ./record.sh PLAN [REPEATS] [NODE]   PLAN: calibration or holdout (PLAN.plan lists: LIMIT N K S)
#   e.g. ./record.sh calibration 3   (about 10 minutes of CPU; node's exit 134 is expected for runs that die)
set -uo pipefail
cd "$(dirname "$0")"
plan=${1:?usage: ./record.sh PLAN [REPEATS] [NODE]}
repeats=${2:-3}
node_bin=${3:-node}
[ -f "$plan.plan" ] || { echo "no plan file $plan.plan" >&2; exit 2; }
versions=$("$node_bin" -p 'process.version + " " + process.versions.v8')
out_file=$plan.tsv
tmp_tsv=$(mktemp)
{
  echo "# alloc.js under --max-old-space-size, recorded by record.sh $plan $repeats with node ${versions% *} (V8 ${versions#* })"
  echo "# command: node --trace-gc --no-turbo-escape --max-old-space-size=LIMIT alloc.js N K 10000 S"
  echo "# gc: s = Scavenge, m = Mark-Compact, r = Mark-Compact (reduce), each with the MiB after it"
  printf 'limit\tn\tk\ts\trepeat\texit\twall_ms\tprogress\tverdict\tgc\n'
} >"$tmp_tsv"

run() {   # run LIMIT N K S REPEAT
  local limit=$1 n=$2 k=$3 s=$4 rep=$5 out err start end rc progress verdict gc
  out=$(mktemp); err=$(mktemp)
  start=$(date +%s%N)
  "$node_bin" --trace-gc --no-turbo-escape --max-old-space-size="$limit" ../../lab/alloc.js "$n" "$k" 10000 "$s" >"$out" 2>"$err"
  rc=$?
  end=$(date +%s%N)
  progress=$(grep -a '^PROGRESS ' "$err" | tail -n 1 | cut -d' ' -f2)
  verdict=$(grep -ao 'FATAL ERROR: .* Allocation failed' "$err" | head -n 1 | sed 's/^FATAL ERROR: //; s/ Allocation failed$//')
  # GC lines come from stdout only (stderr's "Last few GCs" block glues them together).
  gc=$(awk '/^RESULT /{exit} /^\[/ && / ms: / {
      kind = /Mark-Compact \(reduce\)/ ? "r" : /Mark-Compact/ ? "m" : /Scavenge/ ? "s" : "";
      if (kind == "") next;
      if (match($0, /-> [0-9.]+ /)) { after = substr($0, RSTART + 3, RLENGTH - 4); printf "%s%s%s", sep, kind, after; sep = " " }
    }' "$out")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$limit" "$n" "$k" "$s" "$rep" "$rc" "$(( (end - start) / 1000000 ))" \
    "${progress:-0}" "${verdict:-finished}" "$gc" >>"$tmp_tsv"
  rm -f "$out" "$err"
  echo "$plan: limit $limit N $n K $k S $s #$rep: exit $rc, ${verdict:-finished} at ${progress:-0}" >&2
}

while read -r limit n k s; do
  case "$limit" in ''|'#'*) continue ;; esac
  for rep in $(seq 1 "$repeats"); do run "$limit" "$n" "$k" "$s" "$rep"; done
done <"$plan.plan"
mv "$tmp_tsv" "$out_file"
echo "wrote $out_file" >&2
