#include "models/eks/cloudwatch_external_metrics.hpp"

#include "models/world.hpp"

namespace fleetsim {

namespace {

struct KnownMetric {
  const char* name;
  const char* name_space;
  const char* statistic;
};

// The CloudWatch metrics the simulation publishes that scale pods (aws-facts §11: queue depth; §7:
// requests per target), with the statistic their scalers read.
constexpr KnownMetric kKnown[] = {
    {"ApproximateNumberOfMessagesVisible", "AWS/SQS", "Average"},
    {"RequestCountPerTarget", "AWS/ApplicationELB", "Sum"},
};

const KnownMetric* known(const std::string& name) {
  for (const KnownMetric& k : kKnown)
    if (name == k.name) return &k;
  return nullptr;
}

std::string dimensions_of(const kube::Labels& selector) { return make_dimensions({selector.begin(), selector.end()}); }

}  // namespace

void CloudWatchExternalMetrics::add(const kube::HpaMetricSpec& metric, const kube::ObjectOrigin& origin,
                                    const std::string& object, const std::string& pointer) {
  if (!known(metric.name))
    kube::fail_in_object(origin, object, pointer + "/external/metric/name",
                         "unknown external metric \"" + metric.name +
                             "\": expected ApproximateNumberOfMessagesVisible (AWS/SQS) or RequestCountPerTarget "
                             "(AWS/ApplicationELB)");
  watched_.push_back({&metric, origin, object, pointer, known(metric.name)->statistic});
}

void CloudWatchExternalMetrics::link(World& world) {
  if (watched_.empty()) return;
  cloudwatch_ = world.find<AlarmHost>(kCloudWatch);
  for (Watched& w : watched_) {
    const KnownMetric& k = *known(w.metric->name);
    const std::string dims = dimensions_of(w.metric->selector);
    if (cloudwatch_ == nullptr || !cloudwatch_->has_metric(k.name_space, k.name, dims))
      kube::fail_in_object(
          w.origin, w.object, w.pointer + "/external/metric/selector",
          "no CloudWatch metric " + std::string(k.name_space) + " " + k.name + " with dimensions \"" + dims + "\"");
    w.handle = cloudwatch_->watch_metric(k.name_space, k.name, dims);
  }
}

std::optional<double> CloudWatchExternalMetrics::external_value(const kube::HpaMetricSpec& metric, SimTime now) const {
  for (const Watched& w : watched_) {
    if (w.metric == &metric) return cloudwatch_->latest(w.handle, w.statistic, now).value;
  }
  return std::nullopt;
}

}  // namespace fleetsim
