#!/usr/bin/python3
"""A small predictive scaling policy for fleetsim's externalPolicies (../../../shared/spec/experiments.md).

fleetsim sends one JSON line per period: the time "t", each target's counts and CloudWatch datapoints, and
the entry's extra "metrics" (here the target group's RequestCountPerTarget, Sum). This program answers
{"desired": {"<target>": <count>}} on one line. It estimates the request rate (requests per minute =
RequestCountPerTarget x the tasks running when that datapoint's minute ended, as it was told then: the
datapoints arrive a few minutes late), fits a straight line to the last hour of it by least squares, and
provisions for the rate that line predicts --horizon seconds ahead (never less than the latest rate), at
--per-task requests per minute per task. Until it has two datapoints it keeps the current count.

Standard library only, no clock and no randomness: the same requests give the same answers, so fleetsim's
runs stay reproducible.
"""

import argparse
import json
import math
import sys


def trend_forecast(points, at):
    """The least-squares line through points [(x, y)] evaluated at x = at."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    sxx = sum((x - mean_x) ** 2 for x, _ in points)
    if sxx == 0:
        return mean_y
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / sxx
    return mean_y + slope * (at - mean_x)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-task", type=float, default=1500.0,
                        help="requests per minute one task serves at the wanted utilization")
    parser.add_argument("--horizon", type=float, default=600.0, help="seconds ahead to provision for")
    parser.add_argument("--window", type=float, default=3600.0, help="seconds of history the trend is fitted to")
    args = parser.parse_args()

    history = {}  # target -> {periodEnd: requests per minute}
    running = {}  # target -> {t: running tasks then}
    for line in sys.stdin:
        request = json.loads(line)
        now = request["t"]
        per_target = [m for m in request["metrics"] if m["metric"] == "RequestCountPerTarget"]
        desired = {}
        for target, state in request["targets"].items():
            seen = history.setdefault(target, {})
            tasks = running.setdefault(target, {})
            tasks[now] = state["runningCount"]
            for m in per_target:
                end = m["periodEnd"]
                if m["value"] is not None and end in tasks:
                    seen[end] = m["value"] * max(tasks[end], 1)
            for old in [e for e in tasks if e < now - 2 * args.window]:
                del tasks[old]
            for old in [e for e in seen if e < now - args.window]:
                del seen[old]
            points = sorted(seen.items())
            if len(points) < 2:
                desired[target] = state["desiredCount"]
                continue
            predicted = max(trend_forecast(points, now + args.horizon), points[-1][1])
            desired[target] = max(1, math.ceil(predicted / args.per_task))
        print(json.dumps({"desired": desired}, sort_keys=True), flush=True)


if __name__ == "__main__":
    main()
