#!/usr/bin/env bash
# The floor under grading a class: starting N bare kernels (default 100), 2 at a time, each until it says it
# is ready and then stopped, with the fast kernel and with the plain tool; wall and CPU seconds (user +
# system, every kernel included) of each, median of RUNS (default 3). A class of N graded by bench.sh
# beside it shows what grading costs beyond one fresh kernel per submission (target: CPU <= 1.3x the fast
# kernel's line here).
# Usage: tests/MemoryCourse.Benchmarks/grading/bare-kernels.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-100}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MemoryCourse.Cli -v q -nologo >/dev/null
packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
plain="${packages}microsoft.dotnet-interactive/1.0.712001/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll"
# The fast kernel: prepared by running any notebook once (it says so when it does).
printf '#!csharp\n\n1\n' > "$work/one.dib"
dotnet src/MemoryCourse.Cli/bin/Debug/net10.0/memcourse.dll run "$work/one.dib" > "$work/prepare.txt" 2>&1 || { cat "$work/prepare.txt"; exit 1; }
cache=${MEMCOURSE_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/memcourse/kernels}
fast=$(ls -d "$cache"/dotnet-interactive-1.0.712001-r2r-netcore-*/Microsoft.DotNet.Interactive.App.dll 2>/dev/null | head -1)
[ -n "$fast" ] || { echo "no fast kernel in $cache:"; cat "$work/prepare.txt"; exit 1; }

one_kernel="$(pwd)/tests/MemoryCourse.Benchmarks/grading/one-kernel.sh"

for i in $(seq "$runs"); do
  for kind in fast plain; do
    dll=$([ $kind = fast ] && echo "$fast" || echo "$plain")
    /usr/bin/time -f "$kind %e %U %S" -a -o "$work/times" bash -c "seq $n | xargs -P 2 -I{} '$one_kernel' '$dll' '$work'"
  done
done
python3 - "$work/times" "$n" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    kind, wall, user, sys_ = line.split()
    rows[kind].append((float(wall), float(user) + float(sys_)))
print(f"{sys.argv[2]} bare kernels, 2 at a time, medians of {len(rows['fast'])} runs:")
for kind in ("fast", "plain"):
    print(f"  {kind:5} kernel: wall {statistics.median(r[0] for r in rows[kind]):7.1f} s   CPU {statistics.median(r[1] for r in rows[kind]):7.1f} s")
PY
