#!/usr/bin/env bash
# The notebook engine side by side with dotnet-repl 0.3.259 (the same kernel packages in their own host), in
# the same minutes, each measurement taken RUNS times (default 3) with the two alternating, and the median
# reported: wall and CPU seconds (user + system, every kernel process included).
#   course:    `memcourse run notebooks` (one command, 2 notebooks at a time, as the README says) against
#              dotnet-repl run on every chapter, 2 at a time;
#   one cell:  a notebook of one C# cell, through each;
#   first:     time from starting the command to the first cell's result (the cell writes the time down).
# The engine uses the fast kernel (prepared first if needed; the time that took is printed); with
# MEMCOURSE_FAST_KERNEL=off it uses the plain tool, and `--plain` adds the plain tool as a third column.
# On a shared machine the absolute numbers move; the ratios taken in the same run are the result.
# Usage: tests/MemoryCourse.Benchmarks/engine/bench.sh [--plain] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
plain=0
if [ "${1:-}" = --plain ]; then plain=1; shift; fi
runs=${1:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MemoryCourse.Cli -v q -nologo >/dev/null
dotnet tool restore >/dev/null
repl="$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')dotnet-repl/0.3.259/tools/net10.0/any/dotnet-repl.dll"
mc="$PWD/src/MemoryCourse.Cli/bin/Debug/net10.0/memcourse.dll"
plain_dll="$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')microsoft.dotnet-interactive/1.0.712001/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll"
mkdir -p "$work/one"
printf '#!csharp\n\nSystem.IO.File.WriteAllText(Environment.GetEnvironmentVariable("BENCH_STAMP")!, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString());\n1 + 1\n' > "$work/one/one.dib"

# The fast kernel is prepared once per machine; do it now, outside the measurements.
start=$(date +%s.%N)
BENCH_STAMP=$work/stamp dotnet "$mc" run "$work/one/one.dib" > "$work/prepare.txt" 2>&1 < /dev/null || { cat "$work/prepare.txt"; exit 1; }
BENCH_STAMP=$work/stamp dotnet "$mc" run "$work/one/one.dib" > /dev/null 2>&1
if grep -q "Preparing the fast kernel" "$work/prepare.txt"; then
  echo "fast kernel prepared first: $(echo "$(date +%s.%N) - $start" | bc | xargs printf '%.0f') s wall"; grep "ready" "$work/prepare.txt" || true
fi
grep "could not be prepared" "$work/prepare.txt" || true

# measure LABEL SCENARIO COMMAND...: one "label scenario wall cpu first" row (first = ms to the stamp, or -).
measure() {
  local label=$1 scenario=$2; shift 2
  rm -f "$work/stamp"
  local t0
  t0=$(date +%s%3N)
  BENCH_STAMP=$work/stamp /usr/bin/time -f "%e %U %S %x" -o "$work/time" "$@" > "$work/out-$label-$scenario.txt" 2>&1 < /dev/null || true
  local first=-
  [ -f "$work/stamp" ] && first=$(( $(cat "$work/stamp") - t0 ))
  tail -1 "$work/time" | awk -v l="$label" -v s="$scenario" -v f="$first" '{ printf "%s %s %s %.2f %s %s\n", l, s, $1, $2 + $3, f, $4 }' >> "$work/rows"
}

cd notebooks
chapters=$(ls [0-9]*.dib)
engine_course() { dotnet "$mc" run . --parallel 2; }
repl_course() { printf '%s\n' $chapters | xargs -P 2 -I{} dotnet "$repl" --run {} --exit-after-run --output-path "$work/{}.ipynb"; }
export -f engine_course repl_course
export mc repl work chapters
for i in $(seq "$runs"); do
  measure engine one-cell dotnet "$mc" run "$work/one/one.dib"
  measure dotnet-repl one-cell dotnet "$repl" --run "$work/one/one.dib" --exit-after-run --output-path "$work/one.ipynb"
  [ $plain = 1 ] && MEMCOURSE_KERNEL_DLL=$plain_dll measure plain-tool one-cell dotnet "$mc" run "$work/one/one.dib"
  measure engine course bash -c engine_course
  measure dotnet-repl course bash -c repl_course
  [ $plain = 1 ] && MEMCOURSE_KERNEL_DLL=$plain_dll measure plain-tool course bash -c engine_course
  echo "run $i of $runs done" >&2
done

python3 - "$work/rows" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, scenario, wall, cpu, first, status = line.split()
    rows[(label, scenario)].append((float(wall), float(cpu), None if first == "-" else int(first) / 1000, status))
labels = [l for l in ("engine", "plain-tool", "dotnet-repl") if any(k[0] == l for k in rows)]
def med(xs): xs = [x for x in xs if x is not None]; return statistics.median(xs) if xs else float("nan")
print(f"medians of {len(rows[('engine', 'course')])} runs (seconds)")
print("| what | " + " | ".join(f"{l} wall / CPU" for l in labels) + " | engine / dotnet-repl CPU | engine / dotnet-repl wall |")
print("|---|" + "---|" * (len(labels) + 2))
for scenario, name in (("course", "whole course (2 at a time)"), ("one-cell", "one-cell notebook")):
    m = {l: (med([r[0] for r in rows[(l, scenario)]]), med([r[1] for r in rows[(l, scenario)]])) for l in labels}
    print(f"| {name} | " + " | ".join(f"{m[l][0]:.1f} / {m[l][1]:.1f}" for l in labels)
          + f" | {m['engine'][1] / m['dotnet-repl'][1]:.2f} | {m['engine'][0] / m['dotnet-repl'][0]:.2f} |")
first = {l: med([r[2] for r in rows[(l, "one-cell")]]) for l in labels}
print("| first cell's result, one-cell notebook | " + " | ".join(f"{first[l]:.2f}" for l in labels) + f" | | {first['engine'] / first['dotnet-repl']:.2f} |")
for (l, s), rs in sorted(rows.items()):
    bad = [r[3] for r in rs if r[3] != "0"]
    if bad: print(f"note: {l} exited with {', '.join(bad)} on {s}")
PY
