"""Steady-state mean latency and its standard error from per-bucket (count, latency sum) pairs, by
the method of batch means, and the closed form that round robin has."""
import math
import statistics

BATCHES = 10
# Two means agree when they differ by at most this many standard errors of the difference: the
# 99.95% quantile of Student's t with 9 degrees of freedom (10 batches). One comparison then fails
# by chance about once in 1,000; the table makes 21, so a false alarm in about 2% of full runs.
T_QUANTILE = 4.78


def batch_means(buckets, bucket_s, warmup_s):
    """(mean, standard error) of latency over BATCHES equal batches after `warmup_s`.

    `buckets[i]` is [completed requests, sum of their latencies in seconds] for completions in
    [i * bucket_s, (i + 1) * bucket_s). Buckets that do not fill a whole batch are dropped from the
    start, which only lengthens the warm-up. Each batch mean weights requests equally.
    """
    kept = buckets[int(math.ceil(warmup_s / bucket_s)):]
    per_batch = len(kept) // BATCHES
    if per_batch == 0:
        raise ValueError(f"{len(kept)} buckets after warm-up: need at least {BATCHES}")
    kept = kept[len(kept) - per_batch * BATCHES:]
    means = []
    for b in range(BATCHES):
        chunk = kept[b * per_batch:(b + 1) * per_batch]
        means.append(sum(c[1] for c in chunk) / sum(c[0] for c in chunk))
    return statistics.fmean(means), statistics.stdev(means) / math.sqrt(BATCHES)


def round_robin_mean(tasks, rho, demand_s):
    """Exact mean response time of round robin over `tasks` processor-sharing servers.

    Round robin hands each server every N-th arrival of a Poisson stream of rate lam, so its
    interarrival times are Erlang-N (N phases of rate lam): an E_N/M/1 queue. With exponential
    demand, the number of requests in a server evolves the same under processor sharing as under
    FCFS (departure rate mu whenever it is busy), so by Little's law the mean response time is
    GI/M/1's 1 / (mu (1 - sigma)), sigma the root in (0, 1) of sigma = A*(mu (1 - sigma)) with
    A*(s) = (lam / (lam + s))^N. The fixed-point iteration from 0 converges to that root.
    """
    mu = 1.0 / demand_s
    lam = rho * tasks * mu
    sigma = 0.0
    for _ in range(100_000):
        nxt = (lam / (lam + mu * (1.0 - sigma))) ** tasks
        if abs(nxt - sigma) < 1e-15:
            break
        sigma = nxt
    return 1.0 / (mu * (1.0 - sigma))
