#!/usr/bin/env bash
# Runs a small sweep on a real single-node Slurm cluster started here (munged, slurmctld, slurmd, configured
# in a temporary folder and stopped at the end): submits the script `fleetsim sweep --emit slurm` prints,
# waits for the array and its merge, and checks the merged folder is byte-identical to a local run of the
# same sweep. Exit 77 (skipped) only when the daemons cannot be started here, with the reason.
set -euo pipefail
bin="${FLEETSIM_BIN:?}"
root="${FLEETSIM_SOURCE_ROOT:?}"
skip() { echo "SKIP: $*"; exit 77; }

for tool in munged slurmctld slurmd sbatch sinfo; do
  command -v "$tool" >/dev/null || PATH="$PATH:/usr/sbin"
  command -v "$tool" >/dev/null || skip "$tool is not installed (./dev installs slurm-wlm and munge)"
done

tmp=$(mktemp -d /tmp/fleetsim-slurm.XXXXXX)
chmod 755 "$tmp"
stop() {
  for pid_file in "$tmp/slurmd.pid" "$tmp/slurmctld.pid" "$tmp/munged.pid"; do
    [ -s "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  sleep 1
  rm -rf "$tmp"
}
trap stop EXIT

# munge: its own key, socket and state in the temporary folder.
dd if=/dev/urandom of="$tmp/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge.key"
munged --force --key-file="$tmp/munge.key" --socket="$tmp/munge.sock" --pid-file="$tmp/munged.pid" \
       --log-file="$tmp/munged.log" --seed-file="$tmp/munged.seed" 2>"$tmp/munged.err" \
  || skip "munged cannot start: $(tail -n 2 "$tmp/munged.err" "$tmp/munged.log" 2>/dev/null | tr '\n' ' ')"

host=$(hostname -s)
port=$((20000 + RANDOM % 20000))
mkdir -p "$tmp/state" "$tmp/spool"
cat >"$tmp/slurm.conf" <<CONF
ClusterName=fleetsimtest
SlurmctldHost=$host
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$tmp/munge.sock
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SlurmdParameters=config_overrides
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$tmp/slurm.conf"
slurmctld -c -f "$SLURM_CONF" 2>"$tmp/slurmctld.err" \
  || skip "slurmctld cannot start: $(tail -n 3 "$tmp/slurmctld.err" "$tmp/slurmctld.log" 2>/dev/null | tr '\n' ' ')"
slurmd -f "$SLURM_CONF" 2>"$tmp/slurmd.err" \
  || skip "slurmd cannot start: $(tail -n 3 "$tmp/slurmd.err" "$tmp/slurmd.log" 2>/dev/null | tr '\n' ' ')"
for _ in $(seq 60); do
  state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
  [ "$state" = "idle" ] && break
  sleep 0.5
done
[ "$state" = "idle" ] || skip "the Slurm node did not become idle (state '$state'): $(tail -n 3 "$tmp/slurmd.log" "$tmp/slurmctld.log" 2>/dev/null | tr '\n' ' ')"

# Two task counts x two seeds of a 10-minute quickstart, in two shards.
cat >"$tmp/small.json" <<SWEEP
{
  "scenario": "$root/scenarios/quickstart.json",
  "set": { "/simulation/duration": "10m" },
  "parameters": { "/services/0/desiredCount": [4, 8] },
  "seeds": [1, 2],
  "baseline": { "/services/0/desiredCount": 4 },
  "constraints": { "requests.latency_ms.p99": { "max": 500 } },
  "minimize": "cost.totalUsd"
}
SWEEP
cd "$tmp"
"$bin" sweep small.json --emit slurm --shards 2 --out "$tmp/cluster" >array.sh
grep -q '^#SBATCH --array=0-1$' array.sh
timeout 100 sbatch --wait --quiet array.sh || {
  echo "the array job failed:"; cat slurm-*.out 2>/dev/null; tail -n 20 slurmctld.log slurmd.log; exit 1
}
"$bin" sweep small.json --jobs 2 --out "$tmp/local"
diff -r -x run.json "$tmp/local" "$tmp/cluster"
for f in sweep.json sweep.csv comparison.csv best.json; do cmp "$tmp/local/$f" "$tmp/cluster/$f"; done
echo "the merged Slurm array equals the local run: $(find "$tmp/cluster/runs" -name summary.json | wc -l) runs"
