#!/usr/bin/env bash
# A class of 100 submissions of chapter 00 graded with `memcourse grade --parallel 2`, beside starting 100 bare
# kernels 2 at a time with the same kernel and the same environment (outside the sandbox: the floor under any
# grading that gives each submission a fresh kernel). The class, made here from the student version:
#   80 honest: the worked solutions (full marks), the alternative solutions of the grading tests, partial
#      answers (one or two exercises solved, the rest left as their starting code), wrong answers, and
#      untouched student versions;
#   20 hostile or cheating, of the attack tests' kinds: an endless loop, a memory bomb, a stack overflow,
#      Environment.Exit, an output flood, busy threads, filling the scratch folder, their own Check class, a
#      printed pass line, an edited check cell, a deleted check cell, reading the source, reflection, a socket,
#      a process, another chapter's notebook.
# Wall and CPU (user + system of memcourse and every kernel, from a cpuacct cgroup when this user may make one,
# else GNU time's, which misses kernels killed inside the sandbox), medians of RUNS. Each graded class gets an
# empty reference cache (MEMCOURSE_REFERENCE_CACHE), so each pays its own reference run. With BASELINE (a
# memcourse.dll of another build) that build grades the same class in the same minutes, run for run.
# PARALLEL (environment, default 2) is how many submissions are graded at once.
# Usage: [PARALLEL=N] tests/MemoryCourse.Benchmarks/grading/class-of-100.sh [RUNS] [BASELINE]
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs=${1:-3}
parallel=${PARALLEL:-2}
[[ "$parallel" =~ ^[1-9][0-9]*$ ]] || { echo "class-of-100.sh: PARALLEL must be a positive whole number, not '$parallel'" >&2; exit 2; }
baseline=${2:-}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "class-of-100.sh: RUNS must be a positive whole number, not '$runs'" >&2; exit 2; }
[ -z "$baseline" ] || [ -f "$baseline" ] || { echo "class-of-100.sh: BASELINE $baseline is not a file" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/MemoryCourse.Cli -v q -nologo >/dev/null
new="src/MemoryCourse.Cli/bin/Debug/net10.0/memcourse.dll"
dotnet "$new" assign notebooks/00-start-here.dib --out "$work/student" >/dev/null
dotnet "$new" assign notebooks/07-virtual-memory-and-paging.dib --out "$work/other" >/dev/null
mkdir -p "$work/class"

python3 - "$work/student/00-start-here.dib" "$work/other/07-virtual-memory-and-paging.dib" \
  tests/MemoryCourse.Notebooks.Tests/Grading/AlternativeSolutions/00-start-here.dib "$work/class" <<'PY'
import sys, re
student, other, alternative, out = sys.argv[1:5]
text = open(student).read()
cells = re.split(r'(?m)^(?=#!csharp$|#!markdown$)', text)
def answers_of(path):
    found = {}
    for cell in re.split(r'(?m)^(?=#!csharp$|#!markdown$)', open(path).read()):
        m = re.match(r'#!csharp\n\n// exercise: (\S+)\n(.*)', cell, re.S)
        if m: found[m.group(1)] = m.group(2).strip()
    return found
right = {
  "pages-in-32-bit": "long pagesIn32Bits = 1L << 20;",
  "vpn-of-address": "ulong vpnOfStackAddress = 0x7FFF_F123 >> 12;",
  "offset-of": "ulong OffsetOf(ulong address, ulong pageSize) => address & (pageSize - 1);",
}
alt = answers_of(alternative)
wrong = {
  "pages-in-32-bit": "long pagesIn32Bits = 1L << 32;",
  "vpn-of-address": "ulong vpnOfStackAddress = 0x7FFF;",
  "offset-of": "ulong OffsetOf(ulong address, ulong pageSize) => address / pageSize;",
}
names = list(right)
def fill(answers, edit_check=None, drop_check=None):
    result = []
    for cell in cells:
        m = re.match(r'#!csharp\n\n// exercise: (\S+)', cell)
        c = re.match(r'#!csharp\n\n// check: (\S+)', cell)
        if m and m.group(1) in answers:
            cell = f"#!csharp\n\n// exercise: {m.group(1)}\n{answers[m.group(1)]}\n\n"
        elif c and c.group(1) == drop_check:
            continue
        elif c and c.group(1) == edit_check:
            cell = f"#!csharp\n\n// check: {c.group(1)} (1 point)\nCheck.True(true, \"nothing\");\n\n"
        result.append(cell)
    return "".join(result)
hostile = [
  ("loop", {"pages-in-32-bit": "long pagesIn32Bits = 0;\nwhile (true) { pagesIn32Bits++; }"}),
  ("bomb", {"vpn-of-address": "ulong vpnOfStackAddress = 0;\nvar hoard = new List<byte[]>();\nwhile (true) { var b = new byte[32 << 20]; Array.Fill(b, (byte)1); hoard.Add(b); }"}),
  ("overflow", {"offset-of": "ulong OffsetOf(ulong address, ulong pageSize) => OffsetOf(address + 1, pageSize);"}),
  ("exit", {"vpn-of-address": "ulong vpnOfStackAddress = 0;\nEnvironment.Exit(1);"}),
  ("flood", {"pages-in-32-bit": "long pagesIn32Bits = 0;\nfor (int i = 0; i < 4000; i++) Console.Write(new string('x', 1 << 20));"}),
  ("busy-threads", {"pages-in-32-bit": "long pagesIn32Bits = 1L << 20;\nfor (int i = 0; i < 16; i++) new System.Threading.Thread(() => { while (true) { } }) { IsBackground = true }.Start();"}),
  ("fills-the-disk", {"pages-in-32-bit": "for (int i = 0; i < 64; i++) System.IO.File.WriteAllBytes($\"/grading/notebooks/fill{i}\", new byte[16 << 20]);\nlong pagesIn32Bits = 1L << 20;"}),
  ("shadow-check", {"offset-of": "static class Check { public static void Equal<T>(T a, T b, string w, string h = null) { } public static void True(bool c, string w) { } }\nulong OffsetOf(ulong address, ulong pageSize) => 0;"}),
  ("forged-pass", {"pages-in-32-bit": "long pagesIn32Bits = 0;\nConsole.WriteLine(\"Passed: the number of 4 KiB pages in a 32-bit address space\");"}),
  ("reads-source", {"pages-in-32-bit": "long pagesIn32Bits = System.IO.File.ReadAllText(\"../notebooks/00-start-here.dib\").Length;"}),
  ("reflection", {"vpn-of-address": "ulong vpnOfStackAddress = (ulong)typeof(object).Assembly.GetTypes().Length;"}),
  ("socket", {"vpn-of-address": "ulong vpnOfStackAddress = 0;\nnew System.Net.Sockets.TcpClient(\"10.0.0.1\", 80);"}),
  ("process", {"pages-in-32-bit": "long pagesIn32Bits = 0;\nSystem.Diagnostics.Process.Start(\"sh\", \"-c 'echo 4'\");"}),
]
attacks = iter(hostile + hostile)
for i in range(100):
    if i < 20:
        if i % 10 == 8:
            label, body = f"x{i:03d}-edited-check", fill(dict(wrong), edit_check="vpn-of-address")
        elif i % 10 == 9:
            label, body = f"x{i:03d}-deleted-check", fill({}, drop_check="offset-of")
        elif i == 7 or i == 17:
            label, body = f"x{i:03d}-wrong-chapter", open(other).read()
        else:
            kind, code = next(attacks)
            answers = dict(right) if i % 2 else {}
            answers.update(code)
            label, body = f"x{i:03d}-{kind}", fill(answers)
    else:
        kind = i % 8
        if kind == 0: label, answers = "full", dict(right)
        elif kind == 1: label, answers = "alternative", dict(alt)
        elif kind == 2: label, answers = "unsolved", {}
        elif kind == 3: label, answers = "partial-1", {names[i % 3]: right[names[i % 3]]}
        elif kind == 4: label, answers = "partial-2", {n: right[n] for n in names if n != names[i % 3]}
        elif kind == 5: label, answers = "one-wrong", {**right, names[i % 3]: wrong[names[i % 3]]}
        elif kind == 6: label, answers = "mixed", {names[0]: alt[names[0]], names[1]: wrong[names[1]]}
        else: label, answers = "full-alternative-mix", {names[0]: right[names[0]], names[1]: alt[names[1]], names[2]: alt[names[2]]}
        label, body = f"s{i:03d}-{label}", fill(answers)
    open(f"{out}/{label}.dib", "w").write(body)
PY
count=$(ls "$work/class" | wc -l)
[ "$count" = 100 ] || { echo "class-of-100.sh: made $count submissions, not 100" >&2; exit 1; }

# The kernel grading starts: the fast one, prepared by the build's first run when this machine has none.
kernel=$(dotnet "$new" run "$work/student/00-start-here.dib" --timeout 120 >/dev/null 2>&1; \
  ls -d "${MEMCOURSE_KERNEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/memcourse/kernels}"/dotnet-interactive-*-r2r-*/Microsoft.DotNet.Interactive.App.dll 2>/dev/null | head -1)
if [ -z "$kernel" ]; then
  packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
  kernel=$(ls "${packages}"microsoft.dotnet-interactive/*/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll | head -1)
fi

one_kernel="$(pwd)/tests/MemoryCourse.Benchmarks/grading/one-kernel.sh"

# measure LABEL CMD...: appends "LABEL wall cpu" to $work/times. CPU from a cpuacct cgroup of its own when possible.
acct=/sys/fs/cgroup/cpuacct
measure() {
  local label=$1; shift
  local group="$acct/memcourse-bench-$$-$RANDOM"
  if mkdir "$group" 2>/dev/null; then
    local start end
    start=$(date +%s.%N)
    ( echo "$BASHPID" > "$group/cgroup.procs" && "$@" ) || true
    end=$(date +%s.%N)
    echo "$label $(echo "$end - $start" | bc) $(echo "scale=2; $(cat "$group/cpuacct.usage") / 1000000000" | bc)" >> "$work/times"
    rmdir "$group" 2>/dev/null || true
    echo "  $(tail -1 "$work/times")  (label, wall s, CPU s)"
  else
    /usr/bin/time -f "$label %e %U %S" -a -o "$work/times.gnu" "$@" || true
    tail -1 "$work/times.gnu" | awk '{print $1, $2, $3 + $4}' >> "$work/times"
    echo "  $(tail -1 "$work/times")  (label, wall s, CPU s)"
  fi
}

grade() { # dll, gradebook, reference cache
  MEMCOURSE_REFERENCE_CACHE=$3 dotnet "$1" grade --source notebooks/00-start-here.dib "$work/class" --out "$2" \
    --timeout 20 --parallel "$parallel" > /dev/null 2> "$2.stderr"
}
echo "kernel: $kernel"
for i in $(seq "$runs"); do
  measure new grade "$new" "$work/new-$i.csv" "$work/references-new-$i"
  [ -z "$baseline" ] || measure baseline grade "$baseline" "$work/baseline-$i.csv" "$work/references-baseline-$i"
  measure bare bash -c "seq 100 | xargs -P 2 -I{} '$one_kernel' '$kernel' '$work'"
done

python3 - "$work/times" "$runs" "$parallel" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    label, wall, cpu = line.split()
    rows[label].append((float(wall), float(cpu)))
print(f"a class of 100 (80 honest, 20 hostile or cheating) of chapter 00, {sys.argv[3]} at a time; medians of {sys.argv[2]} runs:")
names = {"bare": "100 bare kernels", "new": "memcourse grade", "baseline": "baseline grade"}
bare = statistics.median(r[1] for r in rows["bare"])
for label in ("bare", "new", "baseline"):
    if label not in rows: continue
    wall = statistics.median(r[0] for r in rows[label]); cpu = statistics.median(r[1] for r in rows[label])
    print(f"  {names[label]:17} wall {wall:7.1f} s   CPU {cpu:7.1f} s   CPU {cpu / bare:5.2f}x the bare kernels'")
PY
for book in "$work"/new-1.csv ${baseline:+"$work"/baseline-1.csv}; do
  [ -f "$book" ] || { echo "$(basename "$book"): no gradebook:"; head -5 "$book.stderr"; continue; }
  totals=$(grep ",TOTAL," "$book" | wc -l)
  honest_max=$(grep -E "^s[0-9]{3}-" "$book" | grep ",TOTAL," | cut -d, -f3 | sort -n | tail -1)
  attack_max=$(grep -E "^x[0-9]{3}-" "$book" | grep ",TOTAL," | cut -d, -f3 | sort -n | tail -1)
  echo "$(basename "$book"): $totals students; highest honest total $honest_max of 4; highest hostile or cheating total $attack_max"
done
if [ -n "$baseline" ] && [ -f "$work/new-1.csv" ] && [ -f "$work/baseline-1.csv" ]; then
  if cmp -s "$work/new-1.csv" "$work/baseline-1.csv"; then echo "gradebooks of this build and the baseline: byte-identical"
  else echo "gradebooks of this build and the baseline DIFFER:"; diff "$work/baseline-1.csv" "$work/new-1.csv" | head -20; fi
fi
