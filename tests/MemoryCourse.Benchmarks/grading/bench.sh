#!/usr/bin/env bash
# Grading benchmark: a class of N submissions of chapter 00 (default 100), 10 of them hostile (endless
# loop, memory bomb, stack overflow, Environment.Exit), graded by `memcourse grade` on this machine.
# Prints wall time and peak memory (GNU time) and checks that no row was lost.
# Usage: tests/MemoryCourse.Benchmarks/grading/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MemoryCourse.Cli -c Debug -v q -nologo >/dev/null
mc="dotnet src/MemoryCourse.Cli/bin/Debug/net10.0/memcourse.dll"
$mc assign notebooks/00-start-here.dib --out "$work/student" >/dev/null
student="$work/student/00-start-here.dib"
mkdir -p "$work/subs"

# Answers: right, wrong, or hostile, written into the exercise cells of the student version (where each says "// your answer here").
python3 - "$student" "$work/subs" "$n" <<'PY'
import sys, re
student, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(student).read()
right = {
  "pages-in-32-bit": "pagesIn32Bits = 1L << 20;",
  "vpn-of-address": "vpnOfStackAddress = 0x7FFF_F123 >> 12;",
  "offset-of": "return address & (pageSize - 1);",
}
hostile = [
  ("loop", "pages-in-32-bit", "while (true) { pagesIn32Bits++; }"),
  ("bomb", "vpn-of-address", "var hoard = new List<byte[]>(); while (true) hoard.Add(new byte[32 << 20]);"),
  ("overflow", "offset-of", "return OffsetOf(address + 1, pageSize);"),
  ("exit", "vpn-of-address", "Environment.Exit(1);"),
]
def fill(answers):
    # Each answer goes where its exercise cell says "// your answer here".
    cells = text.split("#!csharp")
    for name, code in answers.items():
        cells = [c.replace("// your answer here", code, 1) if f"// exercise: {name}\n" in c else c for c in cells]
    return "#!csharp".join(cells)
for i in range(n):
    answers = dict(right)
    if i < 10:
        kind, name, code = hostile[i % len(hostile)]
        answers[name] = code
        label = f"s{i:03d}-{kind}"
    elif i % 3 == 0:
        answers["vpn-of-address"] = "vpnOfStackAddress = 0x7FFF;"  # a wrong answer
        label = f"s{i:03d}"
    else:
        label = f"s{i:03d}"
    open(f"{out}/{label}.dib", "w").write(fill(answers))
PY

/usr/bin/time -v $mc grade --source notebooks/00-start-here.dib "$work/subs" --out "$work/gradebook.csv" --timeout 20 2> "$work/time.txt" | tail -1
grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$work/time.txt"
rows=$(($(wc -l < "$work/gradebook.csv") - 1))
echo "gradebook rows: $rows (expected $((n * 4)): 3 checks + 1 total per submission)"
echo "hostile rows:"; grep -E "^s00[0-9]-" "$work/gradebook.csv" | grep -v ",TOTAL," | cut -c1-140
