#!/usr/bin/python3
"""The engine comparison: the hold model in fleetsim, ns-3 (two schedulers), SimGrid and SimPy.

Called by `bench/peers/run engine`, which builds the programs first. Each peer program prints one
`hold peer=... ns_per_event=...` line (processor time per event after an untimed warm-up); this
script runs them, several repetitions each, and prints one table of medians with each peer's ratio
to fleetsim measured in the same run.
"""
import argparse
import statistics
import subprocess
import sys

PENDING = [1_000, 100_000, 1_000_000]

# Timed events per run for each peer: enough for a stable per-event figure, few enough that the
# slow peers finish in seconds. Every run first executes a tenth as many events untimed.
TIMED = {
    "fleetsim": 2_000_000,
    "ns3-priority-queue": 1_000_000,
    "ns3-map": 500_000,
    "simgrid": 200_000,
    "simpy": 200_000,
}

# SimGrid gives each actor its own stack (8 MiB virtual, plus a guard page by default): a million
# actors would need 2 million memory mappings and touch gigabytes. The hold actor only calls
# sleep_for, so 4 KiB stacks without guard pages suffice (about 5.4 GB resident at 10^6 actors).
SIMGRID_CFG = ["--cfg=contexts/stack-size:4", "--cfg=contexts/guard-size:0", "--log=root.thres:critical"]


def command(peer, build, pending, timed):
    args = [str(pending), str(timed), str(timed // 10)]
    if peer == "fleetsim":
        return [f"{build}/release/bench/peers/hold_fleetsim", *args]
    if peer == "ns3-map":
        return [f"{build}/peers/hold_ns3", "ns3::MapScheduler", *args]
    if peer == "ns3-priority-queue":
        return [f"{build}/peers/hold_ns3", "ns3::PriorityQueueScheduler", *args]
    if peer == "simgrid":
        return [f"{build}/peers/hold_simgrid", *args, *SIMGRID_CFG]
    return ["/usr/bin/python3", "bench/peers/hold_simpy.py", *args]


def run_once(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = next(l for l in out.splitlines() if l.startswith("hold "))
    fields = dict(f.split("=", 1) for f in line.split()[1:])
    return float(fields["ns_per_event"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--reps", type=int, default=3, help="runs per cell; the table shows the median")
    parser.add_argument("--max-pending", type=int, default=PENDING[-1])
    parser.add_argument("--peers", default=",".join(TIMED), help="comma-separated subset")
    opts = parser.parse_args()
    peers = opts.peers.split(",")
    sizes = [n for n in PENDING if n <= opts.max_pending]
    results = {}
    for n in sizes:
        # Peers alternate within each repetition so drift in machine load hits all of them alike.
        samples = {p: [] for p in peers}
        for _ in range(opts.reps):
            for p in peers:
                samples[p].append(run_once(command(p, opts.build, n, TIMED[p])))
                print(f"  N={n:>9,} {p:<20} {samples[p][-1]:10.1f} ns/event", file=sys.stderr, flush=True)
        for p in peers:
            results[(p, n)] = (statistics.median(samples[p]), min(samples[p]), max(samples[p]))
    print_table(peers, sizes, opts.reps, results)


def print_table(peers, sizes, reps, results):
    print(f"\nHold model, ns of processor time per event (median of {reps}; min-max), ratio = peer / fleetsim\n")
    header = "| engine | events timed per run |" + "".join(f" N = {n:,} | ratio |" for n in sizes)
    print(header)
    print("|---|---:|" + "---:|---:|" * len(sizes))
    for p in peers:
        cells = []
        for n in sizes:
            med, lo, hi = results[(p, n)]
            ratio = med / results[("fleetsim", n)][0] if ("fleetsim", n) in results else float("nan")
            cells.append(f" {med:,.0f} ({lo:,.0f}-{hi:,.0f}) | {ratio:.2f} |")
        print(f"| {p} | {TIMED[p]:,} |" + "".join(cells))


if __name__ == "__main__":
    main()
