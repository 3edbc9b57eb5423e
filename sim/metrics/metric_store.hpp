#pragma once
/// CloudWatch-like metric recording: series registered once, updated by integer handle on the hot
/// path, closed into per-period datapoints.

#include <cstdint>
#include <string>
#include <vector>

#include "sim/metrics/quantile_sketch.hpp"
#include "sim/metrics/sample_stats.hpp"
#include "sim/metrics/time_weighted_signal.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// Identifies a metric as CloudWatch does.
struct MetricKey {
  std::string name_space;  ///< "AWS/ECS", "fleetsim"
  std::string metric;      ///< "CPUUtilization"
  std::string dimensions;  ///< "ClusterName=default;ServiceName=web" (sorted by name)
};

/// Builds the dimensions text from name/value pairs, sorting by name as the output format requires.
std::string make_dimensions(std::vector<std::pair<std::string, std::string>> pairs);

/// One datapoint as written to metrics.csv.
struct MetricRow {
  std::int64_t timestamp_s;  ///< end of the period, seconds since start
  const MetricKey* key;      ///< which series
  const char* statistic;     ///< "Sum", "Average", "p99", ...
  double value;
};

/// Receives closed datapoints in a deterministic order (period, then series registration order).
class MetricRowSink {
 public:
  virtual ~MetricRowSink() = default;
  /// Takes one datapoint.
  virtual void write(const MetricRow& row) = 0;
};

/// Called at the end of every period before its datapoints are emitted, for derived values.
class PeriodListener {
 public:
  virtual ~PeriodListener() = default;
  /// The period (end - period, end] is closing; its datapoints are not yet emitted.
  virtual void on_period_end(SimTime, Duration) {}
  /// The period's datapoints were emitted; last_average() reads them.
  virtual void on_period_closed(SimTime, Duration) {}
};

/// Handle of a counter series (emits Sum).
struct CounterId {
  std::uint32_t index;
};
/// Handle of a gauge series (emits time-weighted Average, Minimum, Maximum).
struct GaugeId {
  std::uint32_t index;
};
/// Handle of a distribution series (emits SampleCount, Average, Minimum, Maximum and percentiles).
struct DistributionId {
  std::uint32_t index;
};
/// Handle of a ratio series: 100 x the time-weighted mean of a numerator over that of a denominator.
struct RatioId {
  std::uint32_t index;
};
/// Handle of a rate-integral series: Sum of (rate per hour integrated over time) plus lump amounts.
struct IntegralId {
  std::uint32_t index;
};

/// All metric series of a run.
class MetricStore {
 public:
  /// Records every series but emits rows only for those `emit` allows (the outputs filter).
  using EmitFilter = bool (*)(const MetricKey&, const void* ctx);

  /// `percentiles` are the pNN statistics emitted for distribution series, as fractions (0.99).
  explicit MetricStore(std::vector<double> percentiles);

  /// A counter; `emit_zero` false means periods with no count produce no datapoint (as ALB metrics).
  CounterId add_counter(MetricKey key, bool emit_zero);
  /// A gauge starting at `initial`.
  GaugeId add_gauge(MetricKey key, double initial = 0);
  /// A distribution (latencies); periods without samples produce no datapoint.
  DistributionId add_distribution(MetricKey key);
  /// A utilisation ratio; periods where the denominator averaged 0 produce no datapoint.
  RatioId add_ratio(MetricKey key);
  /// A cost-like integral of a per-hour rate, plus lumps.
  IntegralId add_integral(MetricKey key);

  /// Adds `n` to a counter.
  void count(CounterId id, double n = 1) { counters_[id.index].value += n; }
  /// Sets a gauge at `now`.
  void set(GaugeId id, SimTime now, double v) { gauges_[id.index].gauge.set(now, v); }
  /// Adds `delta` to a gauge at `now`.
  void add(GaugeId id, SimTime now, double delta) { gauges_[id.index].gauge.add(now, delta); }
  /// The gauge's current value.
  double value(GaugeId id) const { return gauges_[id.index].gauge.value(); }
  /// Records one sample of a distribution.
  void observe(DistributionId id, double v) {
    Distribution& d = distributions_[id.index];
    d.stats.add(v);
    d.sketch.add(v);
  }
  /// Adds to the numerator and denominator of a ratio at `now`.
  void add_ratio_terms(RatioId id, SimTime now, double d_num, double d_den) {
    Ratio& r = ratios_[id.index];
    if (d_num != 0) r.num.add(now, d_num);
    if (d_den != 0) r.den.add(now, d_den);
  }
  /// Adds `num_area` (numerator x microseconds) to the ratio's numerator in the period in progress: for a
  /// numerator read off cumulative counters when sampled (cAdvisor's CPU seconds) instead of followed.
  void add_ratio_area(RatioId id, double num_area) { ratios_[id.index].num.add_area(num_area); }
  /// Changes the per-hour rate of an integral at `now`.
  void add_rate(IntegralId id, SimTime now, double d_rate_per_hour) {
    integrals_[id.index].rate.add(now, d_rate_per_hour);
  }
  /// Adds a one-off amount to an integral in the current period.
  void add_lump(IntegralId id, double amount) { integrals_[id.index].lumps += amount; }

  /// The Average of the gauge's last closed period.
  double last_average(GaugeId id) const { return gauges_[id.index].last; }
  /// The value of the ratio's last closed period, or NaN when it had no datapoint.
  double last_value(RatioId id) const { return ratios_[id.index].last; }

  /// Subscribes `l` to period ends (not owned; must outlive the store's use).
  void add_listener(PeriodListener* l) { listeners_.push_back(l); }
  /// Limits which series produce rows.
  void set_filter(EmitFilter filter, const void* ctx) {
    filter_ = filter;
    filter_ctx_ = ctx;
  }

  /// Closes the period ending at `end` and writes its datapoints to `sink`.
  void close_period(SimTime end, Duration period, MetricRowSink& sink);

 private:
  struct Counter {
    MetricKey key;
    bool emit_zero;
    bool emit;
    double value = 0;
  };
  struct Gauge {
    MetricKey key;
    bool emit;
    TimeWeightedSignal gauge;
    double last = 0;
  };
  struct Distribution {
    MetricKey key;
    bool emit;
    SampleStats stats;
    QuantileSketch sketch;
  };
  struct Ratio {
    MetricKey key;
    bool emit;
    TimeWeightedSignal num;
    TimeWeightedSignal den;
    double last = 0;
  };
  struct Integral {
    MetricKey key;
    bool emit;
    TimeWeightedSignal rate;
    double lumps = 0;
  };
  // Registration order across kinds, so rows come out in the order series were added.
  struct Slot {
    enum Kind : std::uint8_t { kCounter, kGauge, kDistribution, kRatio, kIntegral } kind;
    std::uint32_t index;
  };

  bool allowed(const MetricKey& key) const { return filter_ == nullptr || filter_(key, filter_ctx_); }

  std::vector<double> percentiles_;
  std::vector<std::string> percentile_names_;
  std::vector<Counter> counters_;
  std::vector<Gauge> gauges_;
  std::vector<Distribution> distributions_;
  std::vector<Ratio> ratios_;
  std::vector<Integral> integrals_;
  std::vector<Slot> order_;
  std::vector<PeriodListener*> listeners_;
  EmitFilter filter_ = nullptr;
  const void* filter_ctx_ = nullptr;
};

}  // namespace fleetsim
