#!/usr/bin/env bash
# Fails when a C++ file under the source root differs from what .clang-format makes of it, naming
# each file and the fix. One style for the whole tree (../shared/style.md, point 11).
set -euo pipefail
cd "${FLEETSIM_SOURCE_ROOT:?}"
command -v clang-format >/dev/null || { echo "clang-format is not installed (./dev installs it)"; exit 1; }
mapfile -d '' files < <(find sim models tests bench app -name '*.cpp' -print0 -o -name '*.hpp' -print0 2>/dev/null | sort -z)
# One process per batch of files: clang-format names every file that differs (-Werror makes it fail).
if ! out=$(printf '%s\0' "${files[@]}" | xargs -0 -n 64 clang-format --dry-run --Werror 2>&1); then
  grep -o '^[^:]*\.[ch]pp' <<<"$out" | sort -u | sed 's/^/not formatted: /'
  echo "fix: clang-format -i FILE..."
  exit 1
fi
echo "${#files[@]} files formatted"
