#!/usr/bin/env bash
# A learner's fresh clone has no shared/ reference set beside it. This runs, with the reference set hidden
# (MEMCOURSE_SHARED=none, which tests/MemoryCourse.Tests/RepositoryFiles.cs honours), every test class that reads
# the CS:APP malloc-lab reference traces, and checks that
#   - nothing fails: each malloc-lab behaviour is tested on the course's own traces too;
#   - every test marked [MallocLabReferenceFact] / [MallocLabReferenceTheory] is reported as skipped, with the reason;
#   - no other test was skipped, and some ran.
# test.sh runs it after the main run (the build is reused); it can also be run on its own after a build.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(grep -rl --include='*.cs' 'RepositoryFiles.MallocLab(' tests/MemoryCourse.Tests | grep -v 'RepositoryFiles.cs$' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "without-shared: no test reads the malloc-lab reference set; nothing to check."; exit 0; fi
filter=""
marked=0
for f in "${files[@]}"; do
  # The namespace is the path (ARCHITECTURE.md): tests/MemoryCourse.Tests/A/B/C.cs holds MemoryCourse.Tests.A.B.C.
  class=$(echo "${f#tests/}" | sed 's/\.cs$//; s#/#.#g')
  filter+="${filter:+|}FullyQualifiedName~${class}."
  marked=$((marked + $(grep -cE '^\s*\[MallocLabReference(Fact|Theory)\]' "$f" || true)))
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
MEMCOURSE_SHARED=none dotnet test tests/MemoryCourse.Tests --no-build --filter "$filter" \
  --logger "console;verbosity=normal" >"$log" 2>&1 || status=$?

# At normal verbosity dotnet test closes with "Total tests: N", then "Passed: N", "Failed: N", "Skipped: N" lines.
count() { sed -nE "s/^ *$1: *([0-9]+) *\$/\1/p" "$log" | tail -1; }
total=$(count 'Total tests'); passed=$(count Passed); failed=$(count Failed); skipped=$(count Skipped)
summary="${total:-0} tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
reason='the CS:APP malloc-lab reference traces are hidden (MEMCOURSE_SHARED=none)'
skipped_with_reason=$(grep -cF "$reason" "$log" || true)

echo "Without shared/ (MEMCOURSE_SHARED=none), the tests that use the malloc-lab reference set where it exists:"
# xunit writes "[xUnit.net ...]     NAME [SKIP]" and the reason on the line after it.
awk '/\[SKIP\]$/ { name = $0; sub(/^\[xUnit[^]]*\] */, "", name); sub(/ \[SKIP\]$/, "", name); getline; sub(/^\[xUnit[^]]*\] */, ""); print "  skipped: " name ": " $0 }' "$log"
grep -E '^\s*Failed ' "$log" | sed 's/^ */  FAILED: /' || true
echo "  $summary"
problems=()
[ "$status" -eq 0 ] || problems+=("dotnet test exited with $status")
[ "${failed:-0}" = 0 ] || problems+=("$failed tests failed")
[ "${total:-0}" -gt 0 ] || problems+=("no test ran")
[ "${passed:-0}" -gt 0 ] || problems+=("no test passed")
[ "${skipped:-0}" = "$marked" ] || problems+=("$marked tests are marked as reference tests but ${skipped:-0} were skipped")
[ "$skipped_with_reason" -ge "$marked" ] || problems+=("$skipped_with_reason skips give the reason, $marked expected")
if [ ${#problems[@]} -gt 0 ]; then
  printf 'without-shared: %s\n' "${problems[@]}" >&2
  [ "$status" -eq 0 ] || tail -40 "$log" >&2
  exit 1
fi
echo "without-shared: a clone with nothing beside it passes ($passed passed, $skipped reference tests skipped with the reason)."
