#!/usr/bin/env bash
# Runs every test of the course: the models, the notebook engine, the CLI, and every notebook in
# notebooks/ (each one a test case). Does its own set-up on a fresh machine: Chromium (the real-browser
# chart and font tests), fontconfig (fc-list: does the machine have a Korean font of its own?), procps
# (pmap, for comparing reports with the real tool) and bubblewrap (the grading sandbox) from the system's
# packages; NuGet packages, plotly.js
# and the book's Korean font are restored by the build. Extra arguments go to `dotnet test`.
# Then .ci/without-shared.sh proves that a clone with nothing beside it passes: the tests that read the
# CS:APP malloc-lab reference set (../shared, where present) run again with it hidden and must be skipped.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v fc-list >/dev/null 2>&1 || missing+=(fontconfig)
command -v pmap >/dev/null 2>&1 || missing+=(procps)
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
# The Jupyter door (tests/MemoryCourse.Notebooks.Tests/Jupyter): about 90 s to install on a busy machine.
command -v jupyter-nbconvert >/dev/null 2>&1 || missing+=(jupyter-nbconvert)
/usr/bin/python3 -c "import nbclient, jupyter_client" >/dev/null 2>&1 || missing+=(python3-nbclient jupyter-client)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: please install ${missing[*]} (Debian packages), then run again." >&2
    exit 2
  fi
fi

# Every FsCheck property runs on its recorded seed here (tests/MemoryCourse.Tests/PropertyRuns.cs), so this run
# checks the same cases on every machine; fresh random seeds belong to the separate fuzz run, .ci/fuzz.sh.
unset MEMCOURSE_FUZZ_SEED MEMCOURSE_FUZZ_SCALE

# The kernel's Jupyter kernelspec (.net-csharp), from the pinned tool.
if command -v jupyter >/dev/null 2>&1 && ! jupyter kernelspec list 2>/dev/null | grep -q '\.net-csharp'; then
  dotnet tool restore >/dev/null && dotnet tool run dotnet-interactive -- jupyter install >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# The build treats every warning as an error: the compiler's, and the code style .editorconfig sets (a learner's
# plain `dotnet build` shows the same as warnings).
dotnet test MemoryCourse.sln -p:TreatWarningsAsErrors=true "$@" 2>&1 | tee "$log" || status=$?
.ci/without-shared.sh || status=$?
# One closing line for the whole run, summed over the test projects.
awk '/(Passed|Failed)!  - Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } }
     END { printf "Tests: %d passed, %d failed\n", p, f }' "$log"
exit $status
