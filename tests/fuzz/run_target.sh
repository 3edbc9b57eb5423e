#!/usr/bin/env bash
# Runs one libFuzzer target: run_target.sh BINARY NAME SECONDS [extra libFuzzer flags...]
# Starts from the saved corpus (tests/fuzz/corpus/NAME) and the seeds of seeds.sh, writes what it discovers to a
# scratch folder (FUZZ_SCRATCH if set, and then kept: `./dev fuzz` merges it into the saved corpus), and fails on
# any crash, leak, sanitizer report or timeout; the reproducer is left in the scratch folder and named on stderr.
set -euo pipefail
bin=$(realpath "$1") name=$2 seconds=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
scratch=${FUZZ_SCRATCH:-$(mktemp -d "${TMPDIR:-/tmp}/fleetsim-fuzz-$name.XXXXXX")}
# Every target but the parsers reads scenario text: one dictionary of the format's keys serves them all.
dict=(-dict="$here/scenario.dict")
[ "$name" = parsers ] && dict=(-dict="$here/parsers.dict")
[ "$name" = manifests ] && dict=(-dict="$here/manifests.dict")
cd "$scratch"
# Undefined behaviour is a finding, not a log line.
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
status=0
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
  -artifact_prefix="$scratch/" "${dict[@]}" "$@" "$scratch" "$here/corpus/$name" 2>"$scratch/log" || status=$?
grep -E "^(stat::number_of_executed_units|#[0-9]+ +DONE|==.*ERROR|SUMMARY)" "$scratch/log" >&2 || true
# The log stays out of the corpus folder that ./dev fuzz merges.
mv "$scratch/log" "${TMPDIR:-/tmp}/fleetsim-fuzz-$name.log"
if [ "$status" -ne 0 ]; then
  tail -40 "${TMPDIR:-/tmp}/fleetsim-fuzz-$name.log" >&2
  echo "fuzz_$name: failed; reproducer in $scratch, log in ${TMPDIR:-/tmp}/fleetsim-fuzz-$name.log" >&2
  exit 1
fi
[ -n "${FUZZ_SCRATCH:-}" ] || rm -rf "$scratch"
