#!/bin/bash
# Runs each notebook against a fresh fleetsim run of its scenario; fails if any cell raises.
#
# Environment: FLEETSIM_BIN (the fleetsim executable, required), FLEETSIM_SOURCE_ROOT (the project
# root, default: the parent of this script's folder), FLEETSIM_PYTHON (default /usr/bin/python3,
# Debian's, which has pandas, matplotlib, nbclient and ipykernel).
# Arguments: optional notebook names (e.g. quickstart.ipynb) to run only those cases.
# Exit codes: 0 all passed, 1 a case failed, 77 (meson's "skipped") if the Python lacks a module.
set -u

root=${FLEETSIM_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
python=${FLEETSIM_PYTHON:-/usr/bin/python3}
bin=${FLEETSIM_BIN:?FLEETSIM_BIN must name the fleetsim executable}

if ! "$python" -c 'import pandas, matplotlib, nbclient, nbformat, ipykernel' 2>/dev/null; then
  echo "SKIP: $python lacks pandas, matplotlib, nbclient, nbformat or ipykernel" >&2
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/fleetsim-notebooks.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
failures=0
selected=("$@")

# run_case SCENARIO NOTEBOOK [fleetsim run options...]: simulates scenarios/SCENARIO into a
# temporary folder, then executes notebooks/NOTEBOOK with FLEETSIM_OUT pointing at it.
run_case() {
  local scenario=$1 notebook=$2
  shift 2
  if ((${#selected[@]} > 0)) && [[ " ${selected[*]} " != *" $notebook "* ]]; then
    return 0
  fi
  local out="$work/${notebook%.ipynb}-${scenario%.json}"
  echo "== $notebook on scenarios/$scenario"
  if ! "$bin" run "$root/scenarios/$scenario" --out "$out" --quiet --no-progress "$@"; then
    echo "FAILED: fleetsim run scenarios/$scenario $*" >&2
    failures=$((failures + 1))
    return 0
  fi
  if ! FLEETSIM_OUT=$out "$python" "$root/notebooks/run_notebook.py" "$root/notebooks/$notebook"; then
    failures=$((failures + 1))
  fi
}

# run_sweep_case SWEEP NOTEBOOK: runs scenarios/sweeps/SWEEP into a temporary folder, then the notebook on it.
run_sweep_case() {
  local sweep=$1 notebook=$2
  if ((${#selected[@]} > 0)) && [[ " ${selected[*]} " != *" $notebook "* ]]; then
    return 0
  fi
  local out="$work/${notebook%.ipynb}-${sweep%.json}"
  echo "== $notebook on scenarios/sweeps/$sweep"
  if ! "$bin" sweep "$root/scenarios/sweeps/$sweep" --out "$out" --keep summaries --no-progress; then
    echo "FAILED: fleetsim sweep scenarios/sweeps/$sweep" >&2
    failures=$((failures + 1))
    return 0
  fi
  if ! FLEETSIM_OUT=$out "$python" "$root/notebooks/run_notebook.py" "$root/notebooks/$notebook"; then
    failures=$((failures + 1))
  fi
}

# One line per notebook. The quickstart needs the whole simulated day for its diurnal shape.
run_case quickstart.json quickstart.ipynb
run_case ec2-capacity-provider.json ec2-capacity-provider.ipynb
run_case bad-deploy-rollback.json deployments-and-faults.ipynb
run_case az-outage.json deployments-and-faults.ipynb
run_case eks-web.json eks.ipynb
run_case eks-cluster-autoscaler.json eks-decisions.ipynb
run_case eks-hpa.json eks-decisions.ipynb
run_case eks-karpenter.json eks-decisions.ipynb
run_sweep_case quickstart-targets-short.json compare-policies.ipynb

if ((failures > 0)); then
  echo "$failures notebook case(s) failed" >&2
  exit 1
fi
exit 0
