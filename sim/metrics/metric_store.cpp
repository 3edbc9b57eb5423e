#include "sim/metrics/metric_store.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace fleetsim {

std::string make_dimensions(std::vector<std::pair<std::string, std::string>> pairs) {
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += ';';
    out += name + '=' + value;
  }
  return out;
}

namespace {
// "p99.9" for 0.999. Rounded to six decimals first: 0.999 x 100 is 99.89999999999999 in binary.
std::string percentile_name(double q) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", q * 100);
  std::string text(buf);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return "p" + text;
}
}  // namespace

MetricStore::MetricStore(std::vector<double> percentiles) : percentiles_(std::move(percentiles)) {
  for (double q : percentiles_) percentile_names_.push_back(percentile_name(q));
}

CounterId MetricStore::add_counter(MetricKey key, bool emit_zero) {
  bool emit = allowed(key);
  counters_.push_back(Counter{std::move(key), emit_zero, emit});
  order_.push_back(Slot{Slot::kCounter, static_cast<std::uint32_t>(counters_.size() - 1)});
  return CounterId{order_.back().index};
}

GaugeId MetricStore::add_gauge(MetricKey key, double initial) {
  bool emit = allowed(key);
  // Constructed holding `initial`: setting it afterwards would leave the first period's Minimum at 0.
  gauges_.push_back(Gauge{std::move(key), emit, TimeWeightedSignal{SimTime::zero(), initial}});
  order_.push_back(Slot{Slot::kGauge, static_cast<std::uint32_t>(gauges_.size() - 1)});
  return GaugeId{order_.back().index};
}

DistributionId MetricStore::add_distribution(MetricKey key) {
  bool emit = allowed(key);
  distributions_.push_back(Distribution{std::move(key), emit, SampleStats{}, QuantileSketch{}});
  order_.push_back(Slot{Slot::kDistribution, static_cast<std::uint32_t>(distributions_.size() - 1)});
  return DistributionId{order_.back().index};
}

RatioId MetricStore::add_ratio(MetricKey key) {
  bool emit = allowed(key);
  ratios_.push_back(Ratio{std::move(key), emit, TimeWeightedSignal{}, TimeWeightedSignal{}});
  order_.push_back(Slot{Slot::kRatio, static_cast<std::uint32_t>(ratios_.size() - 1)});
  return RatioId{order_.back().index};
}

IntegralId MetricStore::add_integral(MetricKey key) {
  bool emit = allowed(key);
  integrals_.push_back(Integral{std::move(key), emit, TimeWeightedSignal{}, 0});
  order_.push_back(Slot{Slot::kIntegral, static_cast<std::uint32_t>(integrals_.size() - 1)});
  return IntegralId{order_.back().index};
}

void MetricStore::close_period(SimTime end, Duration period, MetricRowSink& sink) {
  for (PeriodListener* l : listeners_) l->on_period_end(end, period);
  std::int64_t ts = end.us() / 1000000;
  double hours = period.seconds_f() / 3600.0;
  for (const Slot& slot : order_) {
    switch (slot.kind) {
      case Slot::kCounter: {
        Counter& c = counters_[slot.index];
        if (c.emit && (c.emit_zero || c.value != 0)) sink.write({ts, &c.key, "Sum", c.value});
        c.value = 0;
        break;
      }
      case Slot::kGauge: {
        Gauge& g = gauges_[slot.index];
        GaugeStats s = g.gauge.close_period(end);
        g.last = s.average;
        if (g.emit) {
          sink.write({ts, &g.key, "Average", s.average});
          sink.write({ts, &g.key, "Minimum", s.min});
          sink.write({ts, &g.key, "Maximum", s.max});
        }
        break;
      }
      case Slot::kDistribution: {
        Distribution& d = distributions_[slot.index];
        if (d.emit && d.stats.count > 0) {
          sink.write({ts, &d.key, "SampleCount", static_cast<double>(d.stats.count)});
          sink.write({ts, &d.key, "Average", d.stats.mean()});
          sink.write({ts, &d.key, "Minimum", d.stats.min});
          sink.write({ts, &d.key, "Maximum", d.stats.max});
          for (std::size_t i = 0; i < percentiles_.size(); ++i) {
            sink.write({ts, &d.key, percentile_names_[i].c_str(), d.sketch.quantile(percentiles_[i])});
          }
        }
        d.stats.clear();
        d.sketch.clear();
        break;
      }
      case Slot::kRatio: {
        Ratio& r = ratios_[slot.index];
        GaugeStats num = r.num.close_period(end);
        GaugeStats den = r.den.close_period(end);
        r.last = den.average > 0 ? 100.0 * num.average / den.average : std::numeric_limits<double>::quiet_NaN();
        if (r.emit && den.average > 0) sink.write({ts, &r.key, "Average", r.last});
        break;
      }
      case Slot::kIntegral: {
        Integral& in = integrals_[slot.index];
        GaugeStats rate = in.rate.close_period(end);
        double total = rate.average * hours + in.lumps;
        if (in.emit) sink.write({ts, &in.key, "Sum", total});
        in.lumps = 0;
        break;
      }
    }
  }
  for (PeriodListener* l : listeners_) l->on_period_closed(end, period);
}

}  // namespace fleetsim
