#!/usr/bin/env bash
# The notebook engine side by side with dotnet-repl (the same kernel packages in their own host), and
# optionally with an older build of memcourse: every chapter run by each, 2 notebooks at a time, with the
# wall time and the CPU time (user + system, the kernel processes included) per notebook and in total.
# Usage: tests/MemoryCourse.Benchmarks/engine/bench.sh [OLD_MEMCOURSE_DLL]
#   OLD_MEMCOURSE_DLL: a memcourse.dll built from an earlier commit, e.g.
#     git worktree add /tmp/before COMMIT && dotnet build /tmp/before/src/MemoryCourse.Cli
#     tests/MemoryCourse.Benchmarks/engine/bench.sh /tmp/before/src/MemoryCourse.Cli/bin/Debug/net10.0/memcourse.dll
set -euo pipefail
cd "$(dirname "$0")/../../.."
old=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build MemoryCourse.sln -v q -nologo >/dev/null
dotnet tool restore >/dev/null
repl="$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')dotnet-repl/0.3.259/tools/net10.0/any/dotnet-repl.dll"
mc="$PWD/src/MemoryCourse.Cli/bin/Debug/net10.0/memcourse.dll"
cd notebooks
chapters=$(ls [0-9]*.dib)

# run LABEL COMMAND...: each chapter through COMMAND (with {} the notebook), 2 at a time; one "name wall cpu" line per chapter.
run() {
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  printf '%s\n' $chapters | xargs -P 2 -I{} sh -c 'w=$0 l=$1; shift; /usr/bin/time -f "{} %e %U %S %x" -o "$w/$l-{}.time" "$@" >/dev/null 2>&1 || true' "$work" "$label" "$@"
  end=$(date +%s.%N)
  echo "$label total-wall $(echo "$end - $start" | bc)" >> "$work/summary"
  # The last line is the measurement (GNU time puts "Command exited with non-zero status" before it).
  for c in $chapters; do tail -1 "$work/$label-$c.time" | awk -v l="$label" '{ printf "%s %s %s %.2f %s\n", l, $1, $2, $3 + $4, $5 }' >> "$work/rows"; done
}

run engine dotnet "$mc" run {}
run dotnet-repl dotnet "$repl" --run {} --exit-after-run --output-path "$work/{}.ipynb"
[ -n "$old" ] && run before dotnet "$old" run {}

python3 - "$work/rows" "$work/summary" <<'PY'
import sys, collections
rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    label, nb, wall, cpu, status = line.split()
    rows[nb][label] = (float(wall), float(cpu))
    if status != "0": print(f"note: {label} exited with {status} on {nb}")
totals = {l: float(w) for l, _, w in (x.split() for x in open(sys.argv[2]))}
labels = [l for l in ("engine", "before", "dotnet-repl") if l in totals]
print("| notebook | " + " | ".join(f"{l} wall s / CPU s" for l in labels) + " | engine CPU / dotnet-repl CPU |")
print("|---|" + "---|" * (len(labels) + 1))
cpu_sum = collections.Counter()
for nb in sorted(rows):
    cells = [f"{rows[nb][l][0]:.1f} / {rows[nb][l][1]:.1f}" if l in rows[nb] else "-" for l in labels]
    for l in labels:
        if l in rows[nb]: cpu_sum[l] += rows[nb][l][1]
    ratio = rows[nb]["engine"][1] / rows[nb]["dotnet-repl"][1]
    print(f"| {nb} | " + " | ".join(cells) + f" | {ratio:.2f} |")
print("| whole course (2 at a time) | " + " | ".join(f"{totals[l]:.1f} / {cpu_sum[l]:.1f}" for l in labels) + f" | {cpu_sum['engine'] / cpu_sum['dotnet-repl']:.2f} |")
PY
