#!/usr/bin/python3
"""The model comparison: N one-vCPU tasks behind a load balancer (round robin, least outstanding
requests), Poisson arrivals, exponential demand, rho = 0.8, in fleetsim, SimPy and SimGrid.

Called by `bench/peers/run model`, which builds the programs first. Prints one table: simulated
requests per second of processor and of wall-clock time, the steady-state mean latency each got
(batch means after a warm-up), and whether it agrees with fleetsim and, for round robin, with the
exact E_N/M/1 value.
"""
import argparse
import csv
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from batch_means import T_QUANTILE, batch_means, round_robin_mean  # noqa: E402
from lb_scenario import lb_scenario  # noqa: E402

RHO = 0.8
DEMAND_S = 0.1
TASKS = [10, 100, 1000]
FLEETSIM_S = 3600  # the simulated hour
# fleetsim's tasks start (provisioning, registration) during the first seconds and take the whole
# load meanwhile; the peers' servers are up at zero. Both warm-ups are far longer than the
# relaxation time of a server at rho = 0.8 (about 1/(mu (1 - sqrt(rho))^2) = 9 s).
FLEETSIM_WARMUP_S = 300
PEER_WARMUP_S = 60
# The peers (much slower) simulate at most this many requests: the full hour where that allows,
# less at large N; their rate per second is unaffected and their error is in the table.
PEER_REQUESTS = 2_000_000
SIMGRID_CFG = ["--cfg=contexts/stack-size:64", "--cfg=contexts/guard-size:0", "--log=root.thres:critical"]


def timed(cmd, **kw):
    """Runs `cmd`; returns (stdout, processor seconds of the child, wall seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, cpu, wall


def run_fleetsim(build, tasks, algorithm, seed):
    with tempfile.TemporaryDirectory(prefix="fleetsim-peers-") as tmp:
        scenario = os.path.join(tmp, "scenario.json")
        with open(scenario, "w") as f:
            json.dump(lb_scenario(tasks, algorithm, RHO, DEMAND_S, FLEETSIM_S, seed), f)
        out_dir = os.path.join(tmp, "out")
        _, cpu, wall = timed([f"{build}/release/app/fleetsim", "run", scenario, "--out", out_dir,
                              "--no-progress", "-q"])
        with open(os.path.join(out_dir, "summary.json")) as f:
            requests = json.load(f)["requests"]["total"]
        # Per-minute TargetResponseTime (seconds): Average x SampleCount is the minute's latency sum.
        # A row's timestamp is the end of its minute (spec: cli-and-outputs.md), so minute i ends at 60(i+1).
        avg, count = {}, {}
        with open(os.path.join(out_dir, "metrics.csv")) as f:
            for row in csv.DictReader(f):
                if row["metric"] != "TargetResponseTime":
                    continue
                t = int(row["timestamp"]) // 60 - 1
                if row["statistic"] == "Average":
                    avg[t] = float(row["value"])
                elif row["statistic"] == "SampleCount":
                    count[t] = float(row["value"])
    buckets = [[count.get(i, 0), avg.get(i, 0) * count.get(i, 0)] for i in range(FLEETSIM_S // 60)]
    mean, se = batch_means(buckets, 60, FLEETSIM_WARMUP_S)
    return dict(sim_s=FLEETSIM_S, requests=requests, cpu=cpu, wall=wall, mean=mean, se=se)


def run_peer(peer, build, tasks, algorithm, seed):
    rate = RHO * tasks / DEMAND_S
    sim_s = min(FLEETSIM_S, max(600, int(PEER_REQUESTS / rate) // 60 * 60))
    args = [str(tasks), algorithm, str(RHO), str(DEMAND_S), str(sim_s), str(seed)]
    if peer == "simpy":
        cmd = ["/usr/bin/python3", "bench/peers/lb_simpy.py", *args]
    else:
        cmd = [f"{build}/peers/lb_simgrid", *args, *SIMGRID_CFG]
    out, cpu, wall = timed(cmd)
    result = json.loads(out)
    mean, se = batch_means(result["buckets"], result["bucket_s"], PEER_WARMUP_S)
    return dict(sim_s=sim_s, requests=result["requests"], cpu=cpu, wall=wall, mean=mean, se=se)


def agreement(a, b):
    """(relative difference of a from b, tolerance as a fraction of b, within tolerance)."""
    tol = T_QUANTILE * math.hypot(a["se"], b.get("se", 0.0))
    return (a["mean"] - b["mean"]) / b["mean"], tol / b["mean"], abs(a["mean"] - b["mean"]) <= tol


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--tasks", default=",".join(map(str, TASKS)), help="comma-separated N")
    parser.add_argument("--peers", default="fleetsim,simpy,simgrid")
    parser.add_argument("--seed", type=int, default=1)
    opts = parser.parse_args()
    peers = opts.peers.split(",")
    rows, failures = [], 0
    for tasks in map(int, opts.tasks.split(",")):
        for algorithm in ("rr", "lor"):
            results = {}
            for p in peers:
                results[p] = (run_fleetsim(opts.build, tasks, algorithm, opts.seed) if p == "fleetsim"
                              else run_peer(p, opts.build, tasks, algorithm, opts.seed))
                r = results[p]
                print(f"  N={tasks} {algorithm} {p}: {r['requests']:,} requests, {r['cpu']:.1f} s cpu, "
                      f"mean {r['mean'] * 1000:.2f} +- {r['se'] * 1000:.2f} ms", file=sys.stderr, flush=True)
            theory = {"mean": round_robin_mean(tasks, RHO, DEMAND_S)} if algorithm == "rr" else None
            for p in peers:
                rows.append((tasks, algorithm, p, results[p], results.get("fleetsim"), theory))
                for ref in (results.get("fleetsim") if p != "fleetsim" else None, theory):
                    if ref is not None and not agreement(results[p], ref)[2]:
                        failures += 1
    print_table(rows)
    print(f"\n{failures} disagreement(s) beyond tolerance" if failures else "\nall means agree within tolerance")
    return 1 if failures else 0


def print_table(rows):
    print(f"\nN one-vCPU tasks, processor sharing, Poisson arrivals, exponential demand (mean "
          f"{DEMAND_S * 1000:.0f} ms), rho = {RHO}\n")
    print("| N | LB | simulator | simulated | requests | req/s (cpu) | req/s (wall) | fleetsim speed-up "
          "| mean latency ms (+-1 se) | vs fleetsim (tol) | E_N/M/1 ms | vs E_N/M/1 (tol) |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for tasks, algorithm, p, r, fleet, theory in rows:
        speed = r["requests"] / r["cpu"]
        speed_up = f"{fleet['requests'] / fleet['cpu'] / speed:.1f}x" if fleet and p != "fleetsim" else ""
        vs_fleet = cell(agreement(r, fleet)) if fleet and p != "fleetsim" else ""
        vs_theory = cell(agreement(r, theory)) if theory else ""
        theory_ms = f"{theory['mean'] * 1000:.1f}" if theory else ""
        print(f"| {tasks} | {algorithm.upper()} | {p} | {r['sim_s'] / 60:.0f} min | {r['requests']:,} | "
              f"{speed:,.0f} | {r['requests'] / r['wall']:,.0f} | {speed_up} | "
              f"{r['mean'] * 1000:.1f} +- {r['se'] * 1000:.1f} | {vs_fleet} | {theory_ms} | {vs_theory} |")


def cell(result):
    diff, tol, ok = result
    return f"{diff * 100:+.1f}% (+-{tol * 100:.1f}%) {'pass' if ok else 'FAIL'}"


if __name__ == "__main__":
    sys.exit(main())
