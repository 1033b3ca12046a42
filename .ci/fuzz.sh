#!/usr/bin/env bash
# The fuzz run: every FsCheck property of the course's tests (the model properties, the readers' malformed-input
# properties, memcourse's bad-input contract) on a FRESH random seed, with more cases than ./test.sh checks.
# ./test.sh never calls this: there every property runs on one recorded seed (tests/MemoryCourse.Tests/
# PropertyRuns.cs), so the normal suite cannot fail by the luck of the draw. Here it may, and should: a failure
# is a bug found; make its case a named test, then fix it.
#
#   .ci/fuzz.sh               a fresh seed, 5 times the usual number of cases
#   .ci/fuzz.sh SEED [SCALE]  replays a run (the seed is printed first, and by FsCheck with a counter-example)
set -euo pipefail
cd "$(dirname "$0")/.."

seed=${1:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}
scale=${2:-${MEMCOURSE_FUZZ_SCALE:-5}}
echo "fuzz: seed $seed, scale $scale (replay with: .ci/fuzz.sh $seed $scale)"

dotnet build MemoryCourse.sln -v q >/tmp/memcourse-fuzz-build.log 2>&1 || { cat /tmp/memcourse-fuzz-build.log; echo "fuzz: the build failed"; exit 2; }

status=0
for project in MemoryCourse.Tests MemoryCourse.Cli.Tests MemoryCourse.Notebooks.Tests; do
  # The test classes that check a property: tests/P/A/B.cs holds P.A.B (the namespace is the path).
  mapfile -t files < <(grep -rlE --include='*.cs' 'CheckOnSeed\(|TextMutations\.Check\(|^\s*Check\(|[^.A-Za-z]Check\(' "tests/$project" \
    | grep -vE '/(obj|bin)/|PropertyRuns\.cs$|TextMutations\.cs$|BadInputContract\.cs$' | sort)
  [ ${#files[@]} -eq 0 ] && continue
  filter=""
  for f in "${files[@]}"; do
    class=$(echo "${f#tests/}" | sed 's/\.cs$//; s#/#.#g')
    filter+="${filter:+|}FullyQualifiedName~${class}."
  done
  echo "fuzz: $project, ${#files[@]} test classes"
  MEMCOURSE_FUZZ_SEED=$seed MEMCOURSE_FUZZ_SCALE=$scale dotnet test "tests/$project" --no-build --filter "$filter" || status=$?
done
echo "fuzz: seed $seed, scale $scale: $([ $status -eq 0 ] && echo 'no failure' || echo 'FAILED (replay with the seed above)')"
exit $status
