#include "models/kubernetes/metrics_server.hpp"

#include <cmath>

namespace fleetsim::kube {

std::int64_t milli_rounded_up(double per_second) {
  auto nano = static_cast<std::int64_t>(std::llround(per_second * 1e9));
  return (nano + 999'999) / 1'000'000;
}

MetricsServer::MetricsServer(Cluster& cluster, Duration resolution) : cluster_(cluster), resolution_(resolution) {}

void MetricsServer::start() {
  RunContext& ctx = cluster_.context();
  if (resolution_ < ctx.end - ctx.engine.now()) ctx.engine.schedule_after<&MetricsServer::scrape>(resolution_, this);
}

void MetricsServer::on_pod_created(Pod& pod) {
  if (pod.slot() >= pods_.size()) pods_.resize(pod.slot() + 1);
  pods_[pod.slot()] = Scrapes{};
}

void MetricsServer::scrape(std::uint64_t) {
  RunContext& ctx = cluster_.context();
  SimTime now = ctx.engine.now();
  for (const Pod* pod : cluster_.pods()) {
    if (pod->slot() >= pods_.size()) pods_.resize(pod->slot() + 1);
    Scrapes& c = pods_[pod->slot()];
    // The kubelet reports running containers only; a restarted container's counters start again.
    if (pod->phase() != PodPhase::kRunning || pod->vcpus() <= 0) {
      c.previous.reset();
      c.latest.reset();
      continue;
    }
    c.previous = c.latest;
    c.latest = Scrape{now, pod->cpu_used_us(now), pod->requests_accepted()};
  }
  if (now + resolution_ < ctx.end) ctx.engine.schedule_after<&MetricsServer::scrape>(resolution_, this);
}

std::optional<PodMetricsSample> MetricsServer::pod_metrics(const Pod& pod) const {
  if (pod.slot() >= pods_.size() || !pods_[pod.slot()].previous || !pods_[pod.slot()].latest) return std::nullopt;
  const Scrape& a = *pods_[pod.slot()].previous;
  const Scrape& b = *pods_[pod.slot()].latest;
  double seconds = (b.at - a.at).seconds_f();
  PodMetricsSample out;
  out.timestamp = b.at;
  out.window = b.at - a.at;
  out.cpu_milli = milli_rounded_up((b.cpu_us - a.cpu_us) / 1e6 / seconds);
  out.requests_per_second_milli = milli_rounded_up(static_cast<double>(b.requests - a.requests) / seconds);
  return out;
}

}  // namespace fleetsim::kube
