// CI guard: fails when our event set is not faster than std::priority_queue at 10^6 pending events.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <vector>

#include "bench/hold_model.hpp"

namespace {

using fleetsim::bench::HoldModel;
using fleetsim::bench::RadixSet;
using fleetsim::bench::StdPlainSet;

constexpr std::size_t kPending = 1000000;
constexpr int kRounds = 7;
constexpr int kOpsPerRound = 500000;
constexpr int kWarmupOps = 1000000;  // one full turnover of the pending set
constexpr std::uint64_t kSeed = 0x853C49E6748FEA9BULL;

// Processor time per hold operation over `ops` operations, in nanoseconds. Processor time rather
// than wall time so a busy CI machine that deschedules us does not skew one side; the clock only
// measures the benchmark and never touches a simulation.
template <class Set>
double time_round(HoldModel<Set>& model, int ops) {
  std::clock_t start = std::clock();
  for (int i = 0; i < ops; ++i) model.step();
  std::clock_t stop = std::clock();
  return static_cast<double>(stop - start) / CLOCKS_PER_SEC * 1e9 / ops;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  HoldModel<RadixSet> ours(kPending, kSeed);
  HoldModel<StdPlainSet> theirs(kPending, kSeed);
  // One untimed round each so both reach the hold model's steady state before measuring.
  time_round(ours, kWarmupOps);
  time_round(theirs, kWarmupOps);
  std::vector<double> ours_ns;
  std::vector<double> theirs_ns;
  // Interleaved so drift in machine load hits both alike.
  for (int r = 0; r < kRounds; ++r) {
    ours_ns.push_back(time_round(ours, kOpsPerRound));
    theirs_ns.push_back(time_round(theirs, kOpsPerRound));
  }
  double ours_med = median(ours_ns);
  double theirs_med = median(theirs_ns);
  double ratio = theirs_med / ours_med;
  std::printf("RadixEventSet: %.1f ns/op, std::priority_queue<24-byte>: %.1f ns/op (median of %d rounds)\n", ours_med,
              theirs_med, kRounds);
  std::printf("event-set ratio (std::priority_queue / ours) at 1e6 pending: %.2f\n", ratio);
  return ratio < 1.0 ? 1 : 0;
}
