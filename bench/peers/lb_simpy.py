#!/usr/bin/python3
"""N one-vCPU tasks behind a load balancer in SimPy 3: Poisson arrivals, exponential demand, each task
a processor-sharing server (n requests in progress each get 1/n vCPU, the spec's min(1, c/n) with
c = 1). Run with Debian's /usr/bin/python3 (python3-simpy3).

    lb_simpy.py TASKS rr|lor RHO MEAN_DEMAND_S DURATION_S SEED

Prints one JSON line: requests simulated, and per 10-second bucket (by completion time) the number
of completed requests and the sum of their latencies, which bench/peers/model.py turns into batch
means.
"""
import heapq
import json
import random
import sys

import simpy

BUCKET_S = 10.0


class PsTask:
    """A processor-sharing server kept in virtual time: `v` is the service every request in progress
    has received so far, so a request that arrived at virtual time v0 with demand d leaves when v
    reaches v0 + d, and only the smallest such target needs a timer. SimPy cannot cancel a timeout,
    so a departure timer carries a generation number and is ignored once superseded."""

    def __init__(self, env, on_done):
        self.env = env
        self.on_done = on_done
        self.v = 0.0
        self.t = 0.0
        self.finish = []  # heap of (virtual finish time, sequence, arrival time)
        self.generation = 0

    def outstanding(self):
        return len(self.finish)

    def _advance(self):
        now = self.env.now
        if self.finish:
            self.v += (now - self.t) / len(self.finish)
        self.t = now

    def _arm(self):
        self.generation += 1
        if self.finish:
            delay = max(0.0, (self.finish[0][0] - self.v) * len(self.finish))
            timer = self.env.timeout(delay)
            generation = self.generation
            timer.callbacks.append(lambda _ev: self._depart(generation))

    def admit(self, demand_s, seq):
        self._advance()
        heapq.heappush(self.finish, (self.v + demand_s, seq, self.env.now))
        self._arm()

    def _depart(self, generation):
        if generation != self.generation:
            return
        self._advance()
        _, _, arrived = heapq.heappop(self.finish)
        self.on_done(self, self.env.now - arrived)
        self._arm()


class LeastOutstanding:
    """Least outstanding requests in O(1): tasks grouped by their count (dicts keep insertion order,
    so ties go to the task that has waited longest at that count: deterministic)."""

    def __init__(self, tasks):
        self.by_count = [dict.fromkeys(tasks)]
        self.count = {t: 0 for t in tasks}
        self.low = 0

    def pick(self):
        while not self.by_count[self.low]:
            self.low += 1
        return next(iter(self.by_count[self.low]))

    def moved(self, task, delta):
        c = self.count[task]
        del self.by_count[c][task]
        c += delta
        if c == len(self.by_count):
            self.by_count.append({})
        self.by_count[c][task] = None
        self.count[task] = c
        self.low = min(self.low, c)


def main():
    tasks_n = int(sys.argv[1])
    algorithm = sys.argv[2]
    rho, demand_s, duration_s = float(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
    seed = int(sys.argv[6])
    rate = rho * tasks_n / demand_s
    env = simpy.Environment()
    rng = random.Random(seed)
    buckets = {}
    lor = None

    def on_done(task, latency):
        b = buckets.setdefault(int(env.now // BUCKET_S), [0, 0.0])
        b[0] += 1
        b[1] += latency
        if lor:
            lor.moved(task, -1)

    tasks = [PsTask(env, on_done) for _ in range(tasks_n)]
    if algorithm == "lor":
        lor = LeastOutstanding(tasks)
    state = {"requests": 0}

    def arrivals():
        nxt = 0
        while True:
            yield env.timeout(rng.expovariate(rate))
            if lor:
                task = lor.pick()
                lor.moved(task, +1)
            else:
                task = tasks[nxt]
                nxt = (nxt + 1) % tasks_n
            state["requests"] += 1
            task.admit(rng.expovariate(1.0 / demand_s), state["requests"])

    env.process(arrivals())
    env.run(until=duration_s)
    last = int(duration_s // BUCKET_S)
    print(json.dumps({"peer": "simpy", "requests": state["requests"], "bucket_s": BUCKET_S,
                      "buckets": [buckets.get(i, [0, 0.0]) for i in range(last)]}))


if __name__ == "__main__":
    main()
