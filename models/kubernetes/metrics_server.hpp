#pragma once
/// metrics-server and the kubelet's resource metrics, as the HPA reads them: each pod's cumulative CPU
/// (what cAdvisor counts) and the requests its app accepted, scraped every `--metric-resolution`; a
/// pod's metric is the rate between its last two scrapes, stamped with the later one and its window.
/// A pod has no metric until it has been scraped twice while running (the HPA sees it as missing).

#include <cstdint>
#include <optional>
#include <vector>

#include "models/kubernetes/cluster.hpp"

namespace fleetsim::kube {

/// One pod's PodMetrics (metrics.k8s.io) as the HPA's metrics client gets it.
struct PodMetricsSample {
  SimTime timestamp;                           ///< the later scrape
  Duration window;                             ///< between the two scrapes
  std::int64_t cpu_milli = 0;                  ///< CPU usage in millicores, rounded up as Quantity.MilliValue
  std::int64_t requests_per_second_milli = 0;  ///< requests accepted per second, in milli, rounded up
};

/// A rate in units per second as a Quantity (nano-units), in milli-units as Quantity.MilliValue gives
/// them (rounded up).
std::int64_t milli_rounded_up(double per_second);

/// The metrics pipeline of one cluster.
class MetricsServer : public PodWatcher {
 public:
  /// Scrapes the pods of `cluster` every `resolution` from start().
  MetricsServer(Cluster& cluster, Duration resolution);
  /// Schedules the first scrape (one resolution after the start).
  void start();
  /// The pod's latest metrics, or nothing while it has none.
  std::optional<PodMetricsSample> pod_metrics(const Pod& pod) const;

  void on_pod_readiness(Pod&) override {}
  void on_pod_gone(Pod&) override {}
  void on_pod_created(Pod& pod) override;

 private:
  struct Scrape {
    SimTime at;
    double cpu_us = 0;  // vCPU-microseconds since the container started
    std::uint64_t requests = 0;
  };
  struct Scrapes {
    std::optional<Scrape> previous, latest;
  };
  void scrape(std::uint64_t);

  Cluster& cluster_;
  Duration resolution_;
  std::vector<Scrapes> pods_;  // by pod slot; scrapes walk the cluster's pods in creation order
};

}  // namespace fleetsim::kube
