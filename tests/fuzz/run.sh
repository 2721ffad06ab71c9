#!/usr/bin/env bash
# Builds the libFuzzer targets with clang 14 (build-fuzz/) and runs each for a bounded time on
# its committed seed corpus (tests/fuzz/corpus/<name>/). Findings are written to build-fuzz/ and
# fail the run. Usage: tests/fuzz/run.sh [seconds per target, default 60]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/setup.sh"
fs_install_packages "${FS_BUILD_PACKAGES[@]}" clang-14 libclang-rt-14-dev
seconds="${1:-60}"
dir="$FS_ROOT/build-fuzz"
if [ ! -f "$dir/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S "$FS_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DFS_FUZZ=ON >/dev/null
fi
cmake --build "$dir" --parallel "$(nproc)" -- --quiet >&2
status=0
for name in request scenario transaction multipart; do
  work="$dir/corpus-$name"
  mkdir -p "$work"
  echo "fuzz_$name: ${seconds} s"
  if ! (cd "$dir" && ./fuzz_$name -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        "$work" "$FS_ROOT/tests/fuzz/corpus/$name" > "$dir/fuzz_$name.log" 2>&1); then
    echo "fuzz_$name FAILED; see $dir/fuzz_$name.log:" >&2
    tail -n 40 "$dir/fuzz_$name.log" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units' "$dir/fuzz_$name.log" || true
  fi
done
exit $status
