#!/usr/bin/python3
"""The hold model in SimPy 3: PENDING processes, each waiting an exponential time in a loop, so every
wake-up is one event that schedules the next. Run with Debian's /usr/bin/python3 (python3-simpy3).

    hold_simpy.py PENDING TIMED_EVENTS WARMUP_EVENTS
"""
import random
import sys
import time

import simpy

MEAN_INCREMENT_S = 1e-3


def main():
    pending, timed, warmup = (int(a) for a in sys.argv[1:4])
    env = simpy.Environment()
    # Python's own Mersenne Twister (C code) rather than a pure-Python xorshift64*, which would cost
    # SimPy about a microsecond per draw that the C++ peers do not pay. Seeded, so deterministic.
    rng = random.Random(0x853C49E6748FEA9B)
    done = env.event()
    state = {"fired": 0, "start": time.process_time()}

    def holder():
        while True:
            yield env.timeout(rng.expovariate(1.0 / MEAN_INCREMENT_S))
            state["fired"] += 1
            if state["fired"] == warmup:
                state["start"] = time.process_time()
            if state["fired"] == warmup + timed:
                state["stop"] = time.process_time()
                done.succeed()

    for _ in range(pending):
        env.process(holder())
    env.run(until=done)
    ns = (state["stop"] - state["start"]) * 1e9 / timed
    print(f"hold peer=simpy pending={pending} events={timed} ns_per_event={ns:.1f}", flush=True)


if __name__ == "__main__":
    main()
