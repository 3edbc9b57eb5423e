#pragma once
/// A source of requests: arrivals over time, each with its CPU demand, sent to a load balancer.

#include <optional>
#include <string>
#include <vector>

#include "models/api/request_path.hpp"
#include "models/api/run_context.hpp"
#include "models/workload/rate_pattern.hpp"
#include "sim/random/distribution.hpp"

namespace fleetsim {

/// How arrivals are spaced.
enum class ArrivalProcess {
  kPoisson,        ///< a (possibly time-varying) Poisson process, sampled exactly by thinning
  kDeterministic,  ///< evenly spaced at 1/rate(t)
};

/// One path a workload's requests carry, with its share of them.
struct WeightedPath {
  std::string path;                    ///< the URL's path (a query string after `?` is not matched)
  double weight = 1;                   ///< relative share of the requests
  std::optional<Distribution> cpu_ms;  ///< its own demand (none: the workload's)
};

/// Everything a workload needs to run.
struct WorkloadConfig {
  std::string name;  ///< the scenario's name for it
  ArrivalProcess process = ArrivalProcess::kPoisson;
  RatePattern rate = RatePattern::constant(0);
  Distribution cpu_ms = Distribution::constant(0);  ///< demand per request, ms at one vCPU
  Duration timeout = Duration::seconds(60);         ///< ALB idle timeout default
  std::optional<Distribution> io_mib;               ///< file I/O per request, MiB (request.ioMiB), or none
  std::string host;                                 ///< the Host header ("": none)
  std::vector<WeightedPath> paths;                  ///< the paths requests carry, drawn by weight (empty: "/")
};

/// Generates requests with one pending event at a time: the next arrival.
class Workload {
 public:
  /// A workload sending to `sink`; call start() to schedule the first arrival.
  Workload(RunContext& ctx, WorkloadConfig config, RequestSink* sink);
  /// Schedules the first arrival.
  void start();
  /// From now on, the rate is the constant `rate` (the timeline's setRate).
  void set_rate(double rate);
  /// The workload's name.
  const std::string& name() const { return config_.name; }
  /// Requests generated so far.
  std::uint64_t generated() const { return generated_; }

 private:
  void on_arrival(std::uint64_t);
  /// The path the next request carries (drawn by weight when there are several); none when paths are not given.
  const WeightedPath* next_path();
  /// The first arrival strictly after `t` (seconds), or infinity when the rate stays 0.
  double next_after(double t);

  RunContext& ctx_;
  WorkloadConfig config_;
  RequestSink* sink_;
  Rng arrivals_;
  Rng demand_;
  Rng paths_;                  // which path each request carries, when there are several
  double total_weight_ = 0;    // of config_.paths
  double next_t_ = 0;          // seconds; kept in double so spacing does not accumulate microsecond rounding
  RateBound window_{0, 0, 0};  // the thinning bound in force, valid on [window_start_, window_.until)
  double window_start_ = 0;
  EventId pending_;
  std::uint64_t generated_ = 0;
};

}  // namespace fleetsim
