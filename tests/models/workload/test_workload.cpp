// Arrival processes against their known answers: counts of a (non-homogeneous) Poisson process
// are Poisson with mean = integral of the rate, so a count is checked within 4 standard deviations
// (a false failure about once in 16,000 runs of a fixed seed: i.e. never, unless the code changes).

#include <catch2/catch.hpp>
#include <cmath>

#include "models/workload/rate_pattern.hpp"
#include "models/workload/workload.hpp"

using namespace fleetsim;

namespace {

struct CountingSink : RequestSink {
  Engine* engine;
  std::vector<std::int64_t> at_us;
  double cpu_ms_total = 0;
  void on_request(const RequestSpec& r) override {
    at_us.push_back(engine->now().us());
    cpu_ms_total += r.cpu_ms;
  }
  std::size_t between(double from_s, double to_s) const {
    std::size_t n = 0;
    for (std::int64_t t : at_us) n += t > from_s * 1e6 && t <= to_s * 1e6;
    return n;
  }
};

struct Harness {
  Engine engine;
  MetricStore metrics{{0.5}};
  EventLog events{nullptr};
  RunContext ctx;
  CountingSink sink;
  explicit Harness(Duration length) : ctx{engine, 7, metrics, events, SimTime::zero() + length} {
    sink.engine = &engine;
  }
};

void check_poisson_count(std::size_t count, double expected) {
  INFO("count " << count << ", expected " << expected);
  CHECK(std::abs(static_cast<double>(count) - expected) <= 4 * std::sqrt(expected));
}

}  // namespace

TEST_CASE("rate patterns give the documented rates", "[workload]") {
  RatePattern d = RatePattern::diurnal(100, 0.5, 14 * 3600);
  CHECK(d.rate_at(14 * 3600) == Approx(150));
  CHECK(d.rate_at(2 * 3600) == Approx(50));
  CHECK(d.mean_over(86400) == Approx(100).epsilon(1e-6));
  RatePattern s = RatePattern::steps({0, 60}, {10, 40});
  CHECK(s.rate_at(30) == 10);
  CHECK(s.rate_at(60) == 40);
  RatePattern r = RatePattern::ramp(10, 30, 100, 200);
  CHECK(r.rate_at(50) == 10);
  CHECK(r.rate_at(200) == Approx(20));
  CHECK(r.rate_at(400) == 30);
  RatePattern k = RatePattern::spike(5, 50, 100, 10);
  CHECK(k.rate_at(99) == 5);
  CHECK(k.rate_at(105) == 50);
  CHECK(k.rate_at(111) == 5);
}

TEST_CASE("every bound holds over its window, above and below", "[workload]") {
  for (const RatePattern& p : {RatePattern::diurnal(100, 0.9, 3600), RatePattern::ramp(0, 100, 50, 1000),
                               RatePattern::steps({0, 10, 20}, {1, 100, 3})}) {
    for (double t = 0; t < 90000; t += 997) {
      RateBound b = p.bound_from(t);
      double end = std::isfinite(b.until) ? b.until : t + 1000;
      for (int i = 0; i <= 50; ++i) {
        double x = t + (end - t) * i / 50.0;
        if (x < end) CHECK(p.rate_at(x) <= b.max_rate * (1 + 1e-12));
        if (x < end) CHECK(p.rate_at(x) >= b.min_rate * (1 - 1e-12));
      }
    }
  }
}

TEST_CASE("thinning reproduces a diurnal day's count and its shape", "[workload]") {
  Harness h(Duration::seconds(86400));
  WorkloadConfig c;
  c.name = "diurnal";
  c.rate = RatePattern::diurnal(10, 0.6, 14 * 3600);
  Workload w(h.ctx, c, &h.sink);
  w.start();
  h.engine.run_until(h.ctx.end);
  check_poisson_count(h.sink.at_us.size(), 864000);
  // The peak hour and the trough hour: integral of 10 (1 + 0.6 cos) over each hour, in closed form.
  auto hour_mean = [](double from_h) {
    double w0 = 2 * M_PI * (from_h - 14) / 24, w1 = 2 * M_PI * (from_h + 1 - 14) / 24;
    return 10 * (3600 + 0.6 * 86400 / (2 * M_PI) * (std::sin(w1) - std::sin(w0)));
  };
  check_poisson_count(h.sink.between(13.5 * 3600, 14.5 * 3600), hour_mean(13.5));
  check_poisson_count(h.sink.between(1.5 * 3600, 2.5 * 3600), hour_mean(1.5));
}

TEST_CASE("steps switch rate exactly at their boundaries", "[workload]") {
  Harness h(Duration::seconds(2000));
  WorkloadConfig c;
  c.name = "steps";
  c.rate = RatePattern::steps({0, 1000}, {50, 200});
  Workload w(h.ctx, c, &h.sink);
  w.start();
  h.engine.run_until(h.ctx.end);
  check_poisson_count(h.sink.between(0, 1000), 50000);
  check_poisson_count(h.sink.between(1000, 2000), 200000);
}

TEST_CASE("deterministic arrivals are evenly spaced", "[workload]") {
  Harness h(Duration::seconds(10));
  WorkloadConfig c;
  c.name = "clock";
  c.process = ArrivalProcess::kDeterministic;
  c.rate = RatePattern::constant(4);
  Workload w(h.ctx, c, &h.sink);
  w.start();
  h.engine.run_until(h.ctx.end);
  REQUIRE(h.sink.at_us.size() == 40);
  for (std::size_t i = 0; i < 40; ++i) CHECK(h.sink.at_us[i] == static_cast<std::int64_t>((i + 1) * 250000));
}

TEST_CASE("setRate redraws from the moment it applies", "[workload]") {
  Harness h(Duration::seconds(2000));
  WorkloadConfig c;
  c.name = "set";
  c.rate = RatePattern::constant(20);
  Workload w(h.ctx, c, &h.sink);
  w.start();
  h.engine.run_until(SimTime::from_micros(1000000000));
  w.set_rate(100);
  h.engine.run_until(h.ctx.end);
  check_poisson_count(h.sink.between(0, 1000), 20000);
  check_poisson_count(h.sink.between(1000, 2000), 100000);
}

TEST_CASE("request demand follows its distribution", "[workload]") {
  Harness h(Duration::seconds(1000));
  WorkloadConfig c;
  c.name = "demand";
  c.rate = RatePattern::constant(200);
  c.cpu_ms = Distribution::exponential(20);
  Workload w(h.ctx, c, &h.sink);
  w.start();
  h.engine.run_until(h.ctx.end);
  double n = static_cast<double>(h.sink.at_us.size());
  // Exponential: standard deviation = mean, so the sample mean's standard error is 20/sqrt(n).
  CHECK(std::abs(h.sink.cpu_ms_total / n - 20) <= 4 * 20 / std::sqrt(n));
}
