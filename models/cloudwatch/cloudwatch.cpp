#include "models/cloudwatch/cloudwatch.hpp"

#include <algorithm>

namespace fleetsim {

CloudWatch::CloudWatch(RunContext& ctx, const Directory<const MetricSource>& sources, const ScalingCatalog& catalog)
    : ctx_(ctx), sources_(sources), catalog_(catalog) {}

bool CloudWatch::has_metric(const std::string& name_space, const std::string& metric, const std::string& dimensions) const {
  return sources_.find(metric_source_key(name_space, metric, dimensions)) != nullptr;
}

MetricSeries& CloudWatch::series(const MetricSource& source, const std::string& key, Duration resolution) {
  auto [it, added] = series_index_.emplace(std::make_pair(key, resolution.us()), series_.size());
  if (added) {
    Duration delay = resolution < Duration::seconds(60) ? catalog_.high_resolution_publication_delay : catalog_.publication_delay;
    series_.push_back(std::make_unique<MetricSeries>(source, resolution, delay));
  }
  return *series_[it->second];
}

std::size_t CloudWatch::put_metric_alarm(AlarmSpec spec) {
  std::string key = metric_source_key(spec.name_space, spec.metric, spec.dimensions);
  const MetricSource* source = sources_.find(key);
  if (source == nullptr) throw std::logic_error("put_metric_alarm: no metric " + key);  // callers check has_metric first
  std::optional<Statistic> statistic = Statistic::parse(spec.statistic);
  if (!statistic) throw std::logic_error("put_metric_alarm: statistic " + spec.statistic);
  MetricSeries& s = series(*source, key, spec.resolution);
  alarms_.push_back(std::make_unique<MetricAlarm>(ctx_, std::move(spec), *statistic, s, catalog_.evaluation_range_extra));
  lookback_ = std::max(lookback_, alarms_.back()->lookback());
  return alarms_.size() - 1;
}

void CloudWatch::start() {
  if (!alarms_.empty()) ctx_.engine.schedule_after<&CloudWatch::tick>(kTick, this);
}

void CloudWatch::tick(std::uint64_t) {
  SimTime now = ctx_.engine.now();
  // Datapoints first, so an alarm evaluated at the same instant sees the one that just closed.
  for (auto& s : series_) {
    if (now.us() % s->resolution().us() == 0) {
      s->sample(now);
      s->forget_before(now - lookback_);
    }
  }
  for (auto& a : alarms_) {
    if (now.us() % a->cadence().us() == 0) a->evaluate(now);
  }
  if (now + kTick <= ctx_.end) ctx_.engine.schedule_after<&CloudWatch::tick>(kTick, this);
}

}  // namespace fleetsim
