// N one-vCPU tasks behind a load balancer in SimGrid (3.32). Each task is a host of one core; each
// request is an actor that executes its demand on its task's host, so SimGrid's own CPU model
// shares the core among the requests in progress: 1/n each, the spec's min(1, c/n) with c = 1.
// A dispatcher actor draws Poisson arrivals and routes them round robin or to the least
// outstanding requests. Built by bench/peers/run.
//
//   lb_simgrid TASKS rr|lor RHO MEAN_DEMAND_S DURATION_S SEED
//
// Prints the same JSON line as lb_simpy.py: requests simulated and, per 10-second bucket (by
// completion time), completed requests and the sum of their latencies.

#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <simgrid/s4u.hpp>
#include <string>
#include <utility>
#include <vector>

namespace sg4 = simgrid::s4u;

namespace {

constexpr double kBucketS = 10.0;
constexpr double kFlopsPerSecond = 1e9;  // one vCPU; demands are converted to flops at this speed

struct Bucket {
  long long count = 0;
  double latency_sum = 0;
};

std::vector<sg4::Host*> tasks;
std::vector<int> outstanding;
std::set<std::pair<int, int>> by_outstanding;  // (outstanding, task): least outstanding first, ties to the lower index
std::vector<Bucket> buckets;
long long requests = 0;

void change_outstanding(int task, int delta) {
  by_outstanding.erase({outstanding[task], task});
  outstanding[task] += delta;
  by_outstanding.insert({outstanding[task], task});
}

void completed(int task, double arrived) {
  const double now = sg4::Engine::get_clock();
  auto b = static_cast<std::size_t>(now / kBucketS);
  if (b < buckets.size()) {
    buckets[b].count++;
    buckets[b].latency_sum += now - arrived;
  }
  change_outstanding(task, -1);
}

}  // namespace

int main(int argc, char** argv) {
  sg4::Engine engine(&argc, argv);
  if (argc != 7) {
    std::fprintf(stderr, "usage: lb_simgrid TASKS rr|lor RHO MEAN_DEMAND_S DURATION_S SEED\n");
    return 2;
  }
  const int n = std::atoi(argv[1]);
  const bool lor = std::string(argv[2]) == "lor";
  const double rho = std::atof(argv[3]);
  const double demand_s = std::atof(argv[4]);
  const double duration_s = std::atof(argv[5]);
  std::mt19937_64 rng(std::strtoull(argv[6], nullptr, 10));

  auto* zone = sg4::create_full_zone("lb");
  for (int i = 0; i < n; ++i) tasks.push_back(zone->create_host("task-" + std::to_string(i), kFlopsPerSecond));
  zone->seal();
  outstanding.assign(n, 0);
  for (int i = 0; i < n; ++i) by_outstanding.insert({0, i});
  buckets.resize(static_cast<std::size_t>(duration_s / kBucketS));

  // std::exponential_distribution is implementation-defined but fixed for one libstdc++, which is
  // all a benchmark needs: the same draws on every run here.
  std::exponential_distribution<double> interarrival(rho * n / demand_s);
  std::exponential_distribution<double> demand(1.0 / demand_s);
  sg4::Actor::create("dispatcher", tasks[0], [&] {
    int next = 0;
    for (;;) {
      sg4::this_actor::sleep_for(interarrival(rng));
      int task = next;
      if (lor) {
        task = by_outstanding.begin()->second;
      } else {
        next = (next + 1) % n;
      }
      change_outstanding(task, +1);
      ++requests;
      const double flops = demand(rng) * kFlopsPerSecond;
      const double arrived = sg4::Engine::get_clock();
      sg4::Actor::create("request", tasks[task], [task, flops, arrived] {
        sg4::this_actor::execute(flops);
        completed(task, arrived);
      });
    }
  });
  engine.run_until(duration_s);

  std::printf("{\"peer\": \"simgrid\", \"requests\": %lld, \"bucket_s\": %.1f, \"buckets\": [", requests, kBucketS);
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    std::printf("%s[%lld, %.17g]", i ? ", " : "", buckets[i].count, buckets[i].latency_sum);
  }
  std::printf("]}\n");
  std::fflush(stdout);
  // The actors still in flight are not part of the result: skip their teardown.
  std::_Exit(0);
}
