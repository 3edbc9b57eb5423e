#!/usr/bin/env bash
# Fails when a C++ file under the source root differs from what .clang-format makes of it, naming
# each file and the fix. One style for the whole tree (../shared/style.md, point 11).
set -euo pipefail
cd "${FLEETSIM_SOURCE_ROOT:?}"
command -v clang-format >/dev/null || { echo "clang-format is not installed (./dev installs it)"; exit 1; }
bad=()
while IFS= read -r -d '' f; do
  clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done < <(find sim models tests bench -name '*.cpp' -print0 -o -name '*.hpp' -print0 | sort -z)
if ((${#bad[@]})); then
  printf 'not formatted: %s\n' "${bad[@]}"
  echo "fix: clang-format -i ${bad[*]}"
  exit 1
fi
echo "all files formatted"
