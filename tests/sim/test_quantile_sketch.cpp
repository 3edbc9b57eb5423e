#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/metrics/quantile_sketch.hpp"
#include "tests/support/xorshift.hpp"

using fleetsim::testing::XorShift64;

using fleetsim::nearest_rank;
using fleetsim::QuantileSketch;

namespace {

std::vector<double> generate(const std::string& kind, std::size_t n, std::uint64_t seed) {
  XorShift64 rng{seed};
  std::vector<double> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double u = rng.unit();
    if (kind == "uniform") {
      out.push_back(1000.0 * u);  // ms in (0, 1000)
    } else if (kind == "exponential") {
      out.push_back(-50.0 * std::log(u));  // mean 50 ms
    } else if (kind == "pareto") {
      out.push_back(2.0 / std::pow(u, 1.0 / 1.1));  // x_m = 2 ms, alpha = 1.1: heavy tail
    } else {
      out.push_back(3.0 * std::exp(1.5 * (u - 0.5) * 8.0));  // log-uniform over ~5 decades
    }
  }
  return out;
}

// Exact quantile under the nearest-rank convention: the ceil(q*n)-th smallest value, 1-based.
double exact_quantile(const std::vector<double>& sorted, double q) {
  return sorted[nearest_rank(q, sorted.size()) - 1];
}

double relative_error(double approx, double exact) { return std::fabs(approx - exact) / exact; }

}  // namespace

TEST_CASE("nearest_rank follows ceil(q*n), clamped to [1, n]", "[quantile_sketch]") {
  CHECK(nearest_rank(0.5, 10) == 5);
  CHECK(nearest_rank(0.5, 11) == 6);
  CHECK(nearest_rank(0.99, 1000) == 990);
  CHECK(nearest_rank(0.999, 1000) == 999);
  CHECK(nearest_rank(0.9991, 1000) == 1000);
  CHECK(nearest_rank(0.0, 7) == 1);
  CHECK(nearest_rank(-1.0, 7) == 1);
  CHECK(nearest_rank(std::numeric_limits<double>::quiet_NaN(), 7) == 1);
  CHECK(nearest_rank(1.0, 7) == 7);
  CHECK(nearest_rank(2.0, 7) == 7);
  CHECK(nearest_rank(0.5, 0) == 0);
}

TEST_CASE("bucket layout matches independently computed golden indices", "[quantile_sketch]") {
  // Pinned from a 60-digit decimal evaluation of floor(log_g(m)) + 70*e for v = m * 2^e, g = 1.005/0.995;
  // every fractional part is at least 0.05 away from an integer, so rounding cannot move these.
  const QuantileSketch s;
  CHECK(s.buckets_per_octave() == 70);
  CHECK(s.bucket_index(1.0) == 0);
  CHECK(s.bucket_index(2.0) == 70);
  CHECK(s.bucket_index(0.5) == -70);
  CHECK(s.bucket_index(0.25) == -140);
  CHECK(s.bucket_index(1.5) == 40);
  CHECK(s.bucket_index(3.0) == 110);
  CHECK(s.bucket_index(7.3) == 200);
  CHECK(s.bucket_index(100.0) == 464);
  CHECK(s.bucket_index(1000.0) == 696);
  CHECK(s.min_bucket_index() == -1396);
  CHECK(s.bucket_index(1e-6) == -1396);
  CHECK(s.max_bucket_index() == 2092);
  CHECK(s.bucket_index(1e9) == 2092);
  CHECK(s.bucket_index(1e12) == 2092);
  CHECK(s.bucket_index(std::numeric_limits<double>::infinity()) == 2092);
  // Just below 2 is in the truncated last bucket of the octave, not the next octave.
  CHECK(s.bucket_index(std::nextafter(2.0, 0.0)) == 69);
  // Representatives: bucket 0 is [1, g) whose harmonic-type midpoint 2g/(g+1) equals 1 + a.
  CHECK(s.bucket_value(0) == Approx(1.005).epsilon(1e-14));
  CHECK(s.bucket_value(40) == Approx(1.4992888188255089111).epsilon(1e-14));
  CHECK(s.bucket_value(69) == Approx(1.9968585721097599291).epsilon(1e-14));
  CHECK(s.bucket_value(70) == Approx(2.0 * 1.005).epsilon(1e-14));
  CHECK(s.bucket_value(-70) == Approx(0.5 * 1.005).epsilon(1e-14));
}

TEST_CASE("every value is reported within the relative accuracy", "[quantile_sketch]") {
  const QuantileSketch s;
  const double a = s.relative_accuracy();
  XorShift64 rng{0x9E3779B97F4A7C15ull};
  double worst = 0.0;
  for (int i = 0; i < 200000; ++i) {
    // Log-uniform over [1e-6, 1e9) so every octave and every sub-range boundary region is visited.
    const double v = 1e-6 * std::pow(10.0, 15.0 * rng.unit());
    const int index = s.bucket_index(v);
    REQUIRE(index >= s.min_bucket_index());
    REQUIRE(index <= s.max_bucket_index());
    worst = std::max(worst, relative_error(s.bucket_value(index), v));
  }
  CHECK(worst <= a * (1.0 + 1e-9));
  CHECK(worst > 0.9 * a);  // the bound is tight, so the buckets are not accidentally finer than documented
}

TEST_CASE("bucket index is monotone across every boundary of an octave", "[quantile_sketch]") {
  const QuantileSketch s;
  int previous = s.bucket_index(1.0);
  int changes = 0;
  for (double v = 1.0; v < 2.0; v += 1.0 / 65536.0) {
    const int index = s.bucket_index(v);
    REQUIRE(index >= previous);
    REQUIRE(index <= previous + 1);
    changes += index - previous;
    previous = index;
  }
  CHECK(changes == 69);
}

TEST_CASE("quantiles match exact nearest-rank quantiles within 1%", "[quantile_sketch]") {
  const auto kind = GENERATE(as<std::string>{}, "uniform", "exponential", "pareto", "loguniform");
  const auto n = GENERATE(as<std::size_t>{}, 1000, 100003);
  const auto data = generate(kind, n, 0xC0FFEEull + n);
  QuantileSketch sketch;
  for (const double v : data) sketch.add(v);
  auto sorted = data;
  std::sort(sorted.begin(), sorted.end());
  REQUIRE(sketch.count() == n);
  for (const double q : {0.5, 0.9, 0.99, 0.999}) {
    const double exact = exact_quantile(sorted, q);
    const double approx = sketch.quantile(q);
    INFO(kind << " n=" << n << " q=" << q << " exact=" << exact << " sketch=" << approx);
    CHECK(relative_error(approx, exact) <= 0.01);
    // Bucket order equals value order, so the sketch finds the very sample at that rank, up to accuracy a.
    CHECK(relative_error(approx, exact) <= sketch.relative_accuracy() * (1.0 + 1e-9));
  }
  CHECK(relative_error(sketch.quantile(0.0), sorted.front()) <= sketch.relative_accuracy() * (1.0 + 1e-9));
  CHECK(relative_error(sketch.quantile(1.0), sorted.back()) <= sketch.relative_accuracy() * (1.0 + 1e-9));
}

TEST_CASE("small sketches answer exactly the nearest-rank bucket", "[quantile_sketch]") {
  QuantileSketch s;
  CHECK(s.empty());
  CHECK(s.quantile(0.5) == 0.0);
  for (const double v : {10.0, 20.0, 30.0, 40.0}) s.add(v);
  CHECK_FALSE(s.empty());
  CHECK(s.quantile(0.25) == s.bucket_value(s.bucket_index(10.0)));
  CHECK(s.quantile(0.26) == s.bucket_value(s.bucket_index(20.0)));
  CHECK(s.quantile(0.5) == s.bucket_value(s.bucket_index(20.0)));
  CHECK(s.quantile(0.75) == s.bucket_value(s.bucket_index(30.0)));
  CHECK(s.quantile(0.99) == s.bucket_value(s.bucket_index(40.0)));
  CHECK(s.quantile(0.5) == Approx(20.0).epsilon(0.005));
}

TEST_CASE("add with a count equals repeated add", "[quantile_sketch]") {
  QuantileSketch bulk;
  QuantileSketch single;
  bulk.add(12.5, 1000);
  bulk.add(0.0, 3);
  for (int i = 0; i < 1000; ++i) single.add(12.5);
  for (int i = 0; i < 3; ++i) single.add(0.0);
  CHECK(bulk == single);
  CHECK(bulk.count() == 1003);
  CHECK(bulk.bucket_count(bulk.bucket_index(12.5)) == 1000);
  CHECK(bulk.zero_count() == 3);
}

TEST_CASE("merge equals the sketch of the union, bucket for bucket", "[quantile_sketch]") {
  const auto low = generate("exponential", 20000, 11);  // mostly below 200 ms
  const auto high = generate("pareto", 20000, 12);      // reaches far above
  QuantileSketch a;
  QuantileSketch b;
  QuantileSketch both;
  for (const double v : high) {
    b.add(v * 1000.0);  // forces b's window far above a's so merge must grow a at the back
    both.add(v * 1000.0);
  }
  for (const double v : low) {
    a.add(v);
    both.add(v);
  }
  a.add(0.0);
  both.add(0.0);

  QuantileSketch merged_ab = a;
  merged_ab.merge(b);
  QuantileSketch merged_ba = b;  // grows at the front instead
  merged_ba.merge(a);
  CHECK(merged_ab == both);
  CHECK(merged_ba == both);
  for (int i = both.min_bucket_index(); i <= both.max_bucket_index(); ++i) {
    REQUIRE(merged_ab.bucket_count(i) == both.bucket_count(i));
    REQUIRE(merged_ba.bucket_count(i) == both.bucket_count(i));
  }
  CHECK(merged_ab.count() == 40001);
  CHECK(merged_ab.zero_count() == 1);
  for (const double q : {0.0, 0.5, 0.9, 0.99, 1.0}) CHECK(merged_ab.quantile(q) == both.quantile(q));

  QuantileSketch empty;
  empty.merge(both);
  CHECK(empty == both);
  QuantileSketch unchanged = both;
  unchanged.merge(QuantileSketch{});
  CHECK(unchanged == both);
  QuantileSketch doubled = both;
  doubled.merge(doubled);
  CHECK(doubled.count() == 2 * both.count());
  CHECK(doubled.bucket_count(doubled.bucket_index(1000.0)) == 2 * both.bucket_count(both.bucket_index(1000.0)));
  CHECK_FALSE(doubled == both);

  QuantileSketch coarse(0.01);
  CHECK_THROWS_AS(coarse.merge(both), std::invalid_argument);
}

TEST_CASE("clear forgets values and keeps storage", "[quantile_sketch]") {
  QuantileSketch s;
  const auto data = generate("loguniform", 5000, 77);
  for (const double v : data) s.add(v);
  const auto capacity = s.bucket_capacity();
  REQUIRE(capacity > 0);
  s.clear();
  CHECK(s.empty());
  CHECK(s.count() == 0);
  CHECK(s.zero_count() == 0);
  CHECK(s.quantile(0.99) == 0.0);
  CHECK(s.bucket_count(s.bucket_index(3.0)) == 0);
  CHECK(s.bucket_capacity() == capacity);
  CHECK(s == QuantileSketch{});

  QuantileSketch fresh;
  for (const double v : data) {
    s.add(v);
    fresh.add(v);
  }
  CHECK(s.bucket_capacity() == capacity);  // a second period over the same range reuses the same counters
  CHECK(s == fresh);
  CHECK(s.quantile(0.9) == fresh.quantile(0.9));
}

TEST_CASE("extreme and invalid values neither crash nor grow memory past the index span", "[quantile_sketch]") {
  QuantileSketch s;
  const std::size_t span = static_cast<std::size_t>(s.max_bucket_index() - s.min_bucket_index() + 1);
  CHECK(span == 3489);
  const double inf = std::numeric_limits<double>::infinity();
  for (const double v : {0.0, 1e-9, 1e-300, std::numeric_limits<double>::denorm_min(), -0.0, -5.0,
                         std::numeric_limits<double>::quiet_NaN(), -inf}) {
    s.add(v);
  }
  CHECK(s.zero_count() == 8);
  CHECK(s.quantile(1.0) == 0.0);
  for (const double v : {1e12, 1e300, std::numeric_limits<double>::max(), inf}) s.add(v);
  CHECK(s.bucket_count(s.max_bucket_index()) == 4);
  CHECK(s.quantile(1.0) == s.bucket_value(s.max_bucket_index()));
  CHECK(s.quantile(1.0) == Approx(1e9).epsilon(0.005));
  s.add(1e-6);
  s.add(1.0);
  CHECK(s.bucket_count(s.min_bucket_index()) == 1);
  CHECK(s.count() == 14);
  CHECK(s.bucket_capacity() <= span);

  // Alternating extremes and a sweep of every octave: storage never exceeds the span.
  QuantileSketch sweep;
  XorShift64 rng{5};
  for (int i = 0; i < 100000; ++i) {
    const double v = std::ldexp(1.0 + rng.unit(), static_cast<int>(rng.next() % 120) - 60);
    sweep.add(v);
    sweep.add(i % 2 == 0 ? 1e15 : 1e-12);
  }
  CHECK(sweep.bucket_capacity() <= span);
  CHECK(sweep.count() == 200000);
}

TEST_CASE("constructor rejects unusable parameters", "[quantile_sketch]") {
  CHECK_THROWS_AS(QuantileSketch(0.0), std::invalid_argument);
  CHECK_THROWS_AS(QuantileSketch(1e-5), std::invalid_argument);
  CHECK_THROWS_AS(QuantileSketch(0.6), std::invalid_argument);
  CHECK_THROWS_AS(QuantileSketch(0.01, 0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(QuantileSketch(0.01, 2.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(QuantileSketch(0.01, 1e-6, std::numeric_limits<double>::infinity()), std::invalid_argument);
  CHECK_THROWS_AS(QuantileSketch(1e-4, 1e-300, 1e300), std::invalid_argument);  // too many buckets

  // Other accuracies keep their own bound.
  for (const double a : {1e-4, 0.001, 0.02, 0.2, 0.5}) {
    const QuantileSketch s(a);
    XorShift64 rng{42};
    double worst = 0.0;
    for (int i = 0; i < 20000; ++i) {
      const double v = 1e-3 * std::pow(10.0, 9.0 * rng.unit());
      worst = std::max(worst, relative_error(s.bucket_value(s.bucket_index(v)), v));
    }
    INFO("a=" << a);
    CHECK(worst <= a * (1.0 + 1e-9));
  }
}
