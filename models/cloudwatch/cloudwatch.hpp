#pragma once
/// CloudWatch for alarms: the datapoint series alarms read, the alarms, and the clock that samples
/// the one and evaluates the other.

#include <map>
#include <memory>
#include <vector>

#include "models/api/alarms.hpp"
#include "models/catalog/scaling_catalog.hpp"
#include "models/cloudwatch/metric_alarm.hpp"
#include "models/cloudwatch/metric_math.hpp"
#include "models/world.hpp"

namespace fleetsim {

/// The CloudWatch model of a run.
class CloudWatch : public Model, public AlarmHost {
 public:
  /// CloudWatch over the metric sources of `world`, with the catalogue's delays.
  CloudWatch(RunContext& ctx, const Directory<const MetricSource>& sources, const ScalingCatalog& catalog);

  bool has_metric(const std::string& name_space, const std::string& metric,
                  const std::string& dimensions) const override;
  std::optional<std::string> check_expression(const std::string& expression,
                                              const std::vector<std::string>& ids) const override;
  std::size_t put_metric_alarm(AlarmSpec spec) override;
  AlarmState state(std::size_t handle) const override { return alarms_[handle]->state(); }
  std::size_t watch_metric(const std::string& name_space, const std::string& metric,
                           const std::string& dimensions) override;
  MetricReading latest(std::size_t handle, const std::string& statistic, SimTime now) const override;

  void start() override;

 private:
  void tick(std::uint64_t);
  MetricSeries& series(const std::string& key, Duration resolution);

  static constexpr Duration kTick = Duration::seconds(10);  // divides every resolution and cadence

  RunContext& ctx_;
  const Directory<const MetricSource>& sources_;
  const ScalingCatalog& catalog_;
  std::map<std::pair<std::string, std::int64_t>, std::size_t> series_index_;  // (key, resolution us) -> series_
  std::vector<std::unique_ptr<MetricSeries>> series_;                         // creation order
  std::vector<std::unique_ptr<MathSeries>> math_;                             // metric math alarms' series
  std::vector<std::unique_ptr<MetricAlarm>> alarms_;                          // creation order
  std::vector<const MetricSeries*> watched_;                                  // watch_metric's handles
  Duration lookback_;
};

}  // namespace fleetsim
