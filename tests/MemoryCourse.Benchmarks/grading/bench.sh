#!/usr/bin/env bash
# Grading benchmark: a class of N submissions of chapter 00 (default 100): 10 hostile (endless loop, memory
# bomb, stack overflow, Environment.Exit, output flood), 10 cheating (their own Check class, a forged pass
# line, reading the source, reflection, a socket), the rest honest or with one wrong answer. Grades the
# class twice with the sandbox and once without it (MEMCOURSE_GRADING_SANDBOX=off), and prints for each the
# wall time and peak memory (GNU time), and whether the two sandboxed gradebooks are byte-identical.
# Usage: tests/MemoryCourse.Benchmarks/grading/bench.sh [N]
set -euo pipefail
cd "$(dirname "$0")/../../.."
n=${1:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MemoryCourse.Cli -c Debug -v q -nologo >/dev/null
mc="dotnet src/MemoryCourse.Cli/bin/Debug/net10.0/memcourse.dll"
$mc assign notebooks/00-start-here.dib --out "$work/student" >/dev/null
mkdir -p "$work/subs"

# Each submission is the student version with some exercise cells (found by their '// exercise: NAME'
# line) replaced by an answer: right, wrong, hostile or cheating.
python3 - "$work/student/00-start-here.dib" "$work/subs" "$n" <<'PY'
import sys, re
student, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
cells = re.split(r'(?m)^(?=#!csharp$|#!markdown$)', open(student).read())
right = {
  "pages-in-32-bit": "long pagesIn32Bits = 1L << 20;",
  "vpn-of-address": "ulong vpnOfStackAddress = 0x7FFF_F123 >> 12;",
  "offset-of": "ulong OffsetOf(ulong address, ulong pageSize) => address & (pageSize - 1);",
}
hostile = [
  ("loop", "pages-in-32-bit", "long pagesIn32Bits = 0;\nwhile (true) { pagesIn32Bits++; }"),
  ("bomb", "vpn-of-address", "ulong vpnOfStackAddress = 0;\nvar hoard = new List<byte[]>();\nwhile (true) { var b = new byte[32 << 20]; Array.Fill(b, (byte)1); hoard.Add(b); }"),
  ("overflow", "offset-of", "ulong OffsetOf(ulong address, ulong pageSize) => OffsetOf(address + 1, pageSize);"),
  ("exit", "vpn-of-address", "ulong vpnOfStackAddress = 0;\nEnvironment.Exit(1);"),
  ("flood", "pages-in-32-bit", "long pagesIn32Bits = 0;\nfor (int i = 0; i < 4000; i++) Console.Write(new string('x', 1 << 20));"),
]
cheating = [
  ("shadow", "offset-of", "static class Check { public static void Equal<T>(T a, T b, string w, string h = null) { } }\nulong OffsetOf(ulong address, ulong pageSize) => 0;"),
  ("forged", "pages-in-32-bit", "long pagesIn32Bits = 0;\nConsole.WriteLine(\"Passed: the number of 4 KiB pages in a 32-bit address space\");"),
  ("source", "pages-in-32-bit", "long pagesIn32Bits = System.IO.File.ReadAllText(\"../notebooks/00-start-here.dib\").Length;"),
  ("reflection", "vpn-of-address", "ulong vpnOfStackAddress = (ulong)typeof(object).Assembly.GetTypes().Length;"),
  ("socket", "vpn-of-address", "ulong vpnOfStackAddress = 0;\nnew System.Net.Sockets.TcpClient(\"10.0.0.1\", 80);"),
]
def fill(answers):
    result = []
    for cell in cells:
        m = re.match(r'#!csharp\n\n// exercise: (\S+)', cell)
        if m and m.group(1) in answers:
            cell = f"#!csharp\n\n// exercise: {m.group(1)}\n{answers[m.group(1)]}\n\n"
        result.append(cell)
    return "".join(result)
for i in range(n):
    answers = dict(right)
    if i < 10:
        kind, name, code = hostile[i % len(hostile)]
        answers[name] = code
        label = f"h{i:03d}-{kind}"
    elif i < 20:
        kind, name, code = cheating[i % len(cheating)]
        answers[name] = code
        label = f"c{i:03d}-{kind}"
    elif i % 3 == 0:
        answers["vpn-of-address"] = "ulong vpnOfStackAddress = 0x7FFF;"  # a wrong answer
        label = f"s{i:03d}"
    else:
        label = f"s{i:03d}"
    open(f"{out}/{label}.dib", "w").write(fill(answers))
PY

grade() { # label, gradebook, extra env
  local label=$1 out=$2; shift 2
  env "$@" /usr/bin/time -v $mc grade --source notebooks/00-start-here.dib "$work/subs" --out "$out" --timeout 20 --parallel 2 \
    2> "$work/time-$label.txt" >/dev/null || true
  local status
  status=$(grep "Exit status" "$work/time-$label.txt" | awk '{print $NF}')
  if [ "$status" != 0 ]; then echo "$label: memcourse grade exited with $status:"; grep -v "^\s" "$work/time-$label.txt" | head -5; fi
  local wall peak
  wall=$(grep "Elapsed (wall clock)" "$work/time-$label.txt" | awk '{print $NF}')
  peak=$(grep "Maximum resident set size" "$work/time-$label.txt" | awk '{print $NF}')
  printf "%-22s wall %-9s peak RSS of memcourse %6d MiB\n" "$label" "$wall" $((peak / 1024))
}
echo "$n submissions of chapter 00 (10 hostile, 10 cheating), 2 at a time:"
grade "sandboxed, run 1" "$work/gradebook-1.csv"
grade "sandboxed, run 2" "$work/gradebook-2.csv"
grade "without bubblewrap" "$work/gradebook-nobwrap.csv" MEMCOURSE_GRADING_SANDBOX=off
if cmp -s "$work/gradebook-1.csv" "$work/gradebook-2.csv"; then echo "gradebooks of run 1 and run 2: byte-identical"; else echo "gradebooks of run 1 and run 2 DIFFER"; diff "$work/gradebook-1.csv" "$work/gradebook-2.csv" | head; fi
rows=$(($(wc -l < "$work/gradebook-1.csv") - 1))
echo "gradebook rows: $rows (expected $((n * 4)): 3 checks + 1 total per submission)"
echo "hostile and cheating submissions (totals):"
grep -E "^[hc][0-9]{3}-" "$work/gradebook-1.csv" | grep ",TOTAL," | cut -d, -f1-4
honest_max=$(grep -E "^s[0-9]{3}," "$work/gradebook-1.csv" | grep ",TOTAL," | cut -d, -f3 | sort -n | tail -1)
echo "highest honest total: $honest_max of 4"
