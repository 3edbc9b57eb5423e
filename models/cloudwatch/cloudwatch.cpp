#include "models/cloudwatch/cloudwatch.hpp"

#include <algorithm>

namespace fleetsim {

CloudWatch::CloudWatch(RunContext& ctx, const Directory<const MetricSource>& sources, const ScalingCatalog& catalog)
    : ctx_(ctx), sources_(sources), catalog_(catalog) {}

bool CloudWatch::has_metric(const std::string& name_space, const std::string& metric,
                            const std::string& dimensions) const {
  return sources_.find(metric_source_key(name_space, metric, dimensions)) != nullptr;
}

MetricSeries& CloudWatch::series(const std::string& key, Duration resolution) {
  const MetricSource* source = sources_.find(key);
  if (source == nullptr)
    throw std::logic_error("put_metric_alarm: no metric " + key);  // callers check has_metric first
  auto [it, added] = series_index_.emplace(std::make_pair(key, resolution.us()), series_.size());
  if (added) {
    Duration delay =
        resolution < Duration::seconds(60) ? catalog_.high_resolution_publication_delay : catalog_.publication_delay;
    series_.push_back(std::make_unique<MetricSeries>(*source, resolution, delay));
  }
  return *series_[it->second];
}

namespace {
Statistic statistic_of(const std::string& text) {
  std::optional<Statistic> statistic = Statistic::parse(text);
  if (!statistic)
    throw std::logic_error("put_metric_alarm: statistic " + text);  // the scenario shapes allow only known ones
  return *statistic;
}
}  // namespace

std::optional<std::string> CloudWatch::check_expression(const std::string& expression,
                                                        const std::vector<std::string>& ids) const {
  std::string error;
  if (MetricExpression::parse(expression, ids, error)) return std::nullopt;
  return error;
}

std::size_t CloudWatch::put_metric_alarm(AlarmSpec spec) {
  Statistic statistic = statistic_of(spec.statistic);
  const PeriodValues* values = nullptr;
  if (spec.expression.empty()) {
    values = &series(metric_source_key(spec.name_space, spec.metric, spec.dimensions), spec.resolution);
  } else {
    std::vector<std::string> ids;
    std::vector<MathSeries::Input> inputs;
    for (const MetricStatInput& in : spec.math_inputs) {
      ids.push_back(in.id);
      inputs.push_back({&series(metric_source_key(in.name_space, in.metric, in.dimensions), spec.resolution),
                        statistic_of(in.statistic)});
    }
    std::string error;
    std::optional<MetricExpression> expression = MetricExpression::parse(spec.expression, ids, error);
    if (!expression) throw std::logic_error("put_metric_alarm: " + error);  // callers check check_expression first
    math_.push_back(std::make_unique<MathSeries>(std::move(inputs), std::move(*expression)));
    values = math_.back().get();
  }
  alarms_.push_back(
      std::make_unique<MetricAlarm>(ctx_, std::move(spec), statistic, *values, catalog_.evaluation_range_extra));
  lookback_ = std::max(lookback_, alarms_.back()->lookback());
  return alarms_.size() - 1;
}

std::size_t CloudWatch::watch_metric(const std::string& name_space, const std::string& metric,
                                     const std::string& dimensions) {
  const Duration resolution = Duration::seconds(60);
  watched_.push_back(&series(metric_source_key(name_space, metric, dimensions), resolution));
  // Keep the datapoints until they are visible, and one more.
  lookback_ = std::max(lookback_, catalog_.publication_delay + resolution * 2);
  return watched_.size() - 1;
}

MetricReading CloudWatch::latest(std::size_t handle, const std::string& statistic, SimTime now) const {
  const MetricSeries& s = *watched_[handle];
  const std::int64_t res = s.resolution().us();
  const std::int64_t visible = now.us() - catalog_.publication_delay.us();  // datapoints ending by then are out
  SimTime end = SimTime::from_micros(visible <= 0 ? 0 : visible / res * res);
  if (end == SimTime::zero()) return {end, std::nullopt};
  return {end, s.period_value(end, s.resolution(), statistic_of(statistic), now)};
}

void CloudWatch::start() {
  if (!alarms_.empty() || !watched_.empty()) ctx_.engine.schedule_after<&CloudWatch::tick>(kTick, this);
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
