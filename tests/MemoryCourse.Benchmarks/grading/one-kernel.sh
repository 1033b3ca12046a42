#!/usr/bin/env bash
# One bare kernel, started as the engine starts it and stopped as soon as it reports KernelReady: the floor under
# any run that gives a notebook or a submission a fresh kernel. Used by bare-kernels.sh and class-of-100.sh.
# Usage: one-kernel.sh KERNEL_DLL WORK_DIR
dll=$1 dir=$2
mkfifo "$dir/in.$$" "$dir/out.$$"
DOTNET_TieredPGO=0 DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT=1 DOTNET_INTERACTIVE_SKIP_FIRST_TIME_EXPERIENCE=1 \
  dotnet "$dll" "[vscode]" stdio --working-dir "$dir" < "$dir/in.$$" > "$dir/out.$$" 2>/dev/null &
pid=$!
exec 3> "$dir/in.$$"   # standard input stays open (a kernel whose input closes spins) until it is stopped
grep -m1 -q KernelReady "$dir/out.$$" || true
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
exec 3>&-
rm -f "$dir/in.$$" "$dir/out.$$"
