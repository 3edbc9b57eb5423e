#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/random/distribution.hpp"
#include "sim/random/rng.hpp"
#include "sim/random/stream_seed.hpp"

using fleetsim::Distribution;
using fleetsim::Rng;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kPi = 3.14159265358979323846;

// Mean and variance of the normal(mean, stddev) truncated to [0, inf), from the textbook formulas
// with std::erfc: an independent check of the library's own Mills-ratio code (tests may use libm).
struct TruncatedNormalMoments {
  double mean;
  double variance;
};

TruncatedNormalMoments truncated_normal_moments(double mean, double stddev) {
  const double a = -mean / stddev;
  const double phi = std::exp(-0.5 * a * a) / std::sqrt(2.0 * kPi);
  const double tail = 0.5 * std::erfc(a / std::sqrt(2.0));
  const double hazard = phi / tail;
  return {mean + stddev * hazard, stddev * stddev * (1.0 + a * hazard - hazard * hazard)};
}

// How many next_u64() calls separate `before` from `after` (at most `limit`, else limit + 1).
int draws_between(Rng before, const Rng& after, int limit) {
  for (int n = 0; n <= limit; ++n) {
    if (before.state() == after.state()) {
      return n;
    }
    before.next_u64();
  }
  return limit + 1;
}

// Draws N samples and checks the sample mean and variance against the analytic values.
//
// Tolerance: 4 standard errors. The sample mean's standard error is sqrt(var / N); the sample
// variance's is sqrt((mu4 - var^2) / N), with the fourth central moment mu4 estimated from the
// same sample. A correct sampler misses a 4-SE band with probability 6e-5 per check, so the
// ~30 checks below would fail for well under 1% of seeds; the seed is fixed, so the outcome is
// fixed too. A wrong parameterisation (e.g. rate for mean, sigma of the log for the stddev)
// is off by tens to thousands of standard errors at N = 200,000.
void check_moments(const Distribution& d, double want_mean, double want_variance) {
  constexpr int kN = 200000;
  Rng rng = fleetsim::make_stream(20240601, "test/moments/" + d.describe());
  std::vector<double> xs(kN);
  double sum = 0.0;
  for (double& x : xs) {
    x = d.sample(rng);
    sum += x;
  }
  const double mean = sum / kN;
  double m2 = 0.0;
  double m4 = 0.0;
  for (const double x : xs) {
    const double dev2 = (x - mean) * (x - mean);
    m2 += dev2;
    m4 += dev2 * dev2;
  }
  const double variance = m2 / (kN - 1);
  m4 /= kN;
  const double se_mean = std::sqrt(want_variance / kN);
  const double se_variance = std::sqrt((m4 - variance * variance) / kN);
  INFO(d.describe() << ": sample mean " << mean << " vs " << want_mean << " (se " << se_mean << "), sample variance "
                    << variance << " vs " << want_variance << " (se " << se_variance << ")");
  CHECK(std::fabs(mean - want_mean) <= 4.0 * se_mean);
  CHECK(std::fabs(variance - want_variance) <= 4.0 * se_variance);
  CHECK(d.mean() == Approx(want_mean).epsilon(1e-12));
}

}  // namespace

TEST_CASE("distribution golden values") {
  // Pinned outputs of this implementation for Rng(7); any change alters every simulation.
  struct Golden {
    Distribution d;
    double first;
    double second;
    double third;
  };
  const std::vector<Golden> goldens = {
      {Distribution::exponential(2.0), 0x1.8bbe28e325f98p+1, 0x1.af18a195a1e4bp-2, 0x1.2ea5bb54a02eep+1},
      {Distribution::normal(10.0, 3.0), 0x1.9c94282a1cbe2p+3, 0x1.22d29cffa5dddp+3, 0x1.5d42a04b61a52p+3},
      {Distribution::normal(-2.0, 1.0), 0x1.2ddf534c60d2p-3, 0x1.f27e527516p-9, 0x1.29026a9688c74p+0},
      {Distribution::lognormal(1.0, 0.5), 0x1.69194b5b341d8p+0, 0x1.8cb361b5bcbd5p-1, 0x1.086ea09057e29p+0},
      {Distribution::gamma(2.5, 2.0), 0x1.f5990bd702266p+2, 0x1.1c8791d3c47ap+1, 0x1.52d0984633624p+2},
      {Distribution::gamma(0.5, 1.0), 0x1.3a0f500ca115cp+1, 0x1.dc309dc507e1bp-2, 0x1.bd804fc35307dp-6},
      {Distribution::uniform(1.0, 3.0), 0x1.3358faf74ef97p+1, 0x1.8eb87b2c9e905p+0, 0x1.56f1d349952c8p+1},
      {Distribution::empirical({1.0, 2.0, 4.0, 8.0}), 4.0, 2.0, 8.0},
  };
  for (const Golden& g : goldens) {
    INFO(g.d.describe());
    Rng rng(7);
    CHECK(g.d.sample(rng) == g.first);
    CHECK(g.d.sample(rng) == g.second);
    CHECK(g.d.sample(rng) == g.third);
  }
}

TEST_CASE("sample means and variances match the analytic values") {
  check_moments(Distribution::exponential(2.0), 2.0, 4.0);
  check_moments(Distribution::exponential(0.001), 0.001, 1e-6);
  check_moments(Distribution::uniform(1.0, 3.0), 2.0, 4.0 / 12.0);
  check_moments(Distribution::uniform(-5.0, 5.0), 0.0, 100.0 / 12.0);
  check_moments(Distribution::lognormal(1.0, 0.5), 1.0, 0.25);
  check_moments(Distribution::lognormal(5.0, 2.0), 5.0, 4.0);
  check_moments(Distribution::lognormal(100.0, 1e-7), 100.0, 1e-14);  // sigma^2 ~ 1e-18: 1 + it rounds to 1
  check_moments(Distribution::gamma(2.5, 2.0), 5.0, 10.0);
  check_moments(Distribution::gamma(1.0, 3.0), 3.0, 9.0);
  check_moments(Distribution::gamma(0.4, 3.0), 1.2, 3.6);  // the shape < 1 boost path
  check_moments(Distribution::gamma(30.0, 0.1), 3.0, 0.3);
  check_moments(Distribution::empirical({1.0, 2.0, 4.0, 8.0}), 3.75, 85.0 / 4.0 - 3.75 * 3.75);
  check_moments(Distribution::empirical({7.0, 7.0, 9.0}), 23.0 / 3.0, 8.0 / 9.0);
  // truncated normals: barely, heavily (plain rejection) and from below the mean (Robert's sampler)
  for (const auto& [mean, stddev] : std::vector<std::pair<double, double>>{
           {10.0, 3.0}, {1.0, 2.0}, {0.0, 1.0}, {-3.0, 1.0}, {-0.5, 4.0}, {-5.0, 1.0}}) {
    const TruncatedNormalMoments want = truncated_normal_moments(mean, stddev);
    check_moments(Distribution::normal(mean, stddev), want.mean, want.variance);
  }
}

TEST_CASE("sample_standard_normal has mean 0 and variance 1") {
  constexpr int kN = 200000;
  Rng rng = fleetsim::make_stream(3, "test/standard-normal");
  double sum = 0.0;
  double sum_sq = 0.0;
  double sum_4 = 0.0;
  for (int i = 0; i < kN; ++i) {
    const double z = fleetsim::sample_standard_normal(rng);
    sum += z;
    sum_sq += z * z;
    sum_4 += z * z * z * z;
  }
  // 4 standard errors, as in check_moments: se(mean) = 1/sqrt(N), se(E z^2) = sqrt(2/N)
  CHECK(std::fabs(sum / kN) <= 4.0 / std::sqrt(kN));
  CHECK(std::fabs(sum_sq / kN - 1.0) <= 4.0 * std::sqrt(2.0 / kN));
  CHECK(std::fabs(sum_4 / kN - 3.0) <= 4.0 * std::sqrt(96.0 / kN));  // Var(z^4) = 105 - 9
}

TEST_CASE("mean() is exact, including for the truncated normal") {
  CHECK(Distribution::constant(-2.5).mean() == -2.5);
  CHECK(Distribution::exponential(0.25).mean() == 0.25);
  CHECK(Distribution::uniform(1.0, 2.0).mean() == 1.5);
  CHECK(Distribution::uniform(-1e308, 1e307).mean() == -4.5e307);
  CHECK(Distribution::lognormal(3.0, 1.0).mean() == 3.0);
  CHECK(Distribution::gamma(2.0, 1.5).mean() == 3.0);
  CHECK(Distribution::empirical({0.1, 0.2, 0.3}).mean() == Approx(0.2).epsilon(1e-15));
  CHECK(Distribution::normal(4.0, 0.0).mean() == 4.0);
  CHECK(Distribution::normal(100.0, 1.0).mean() == 100.0);  // truncation is far below an ulp
  for (double mean = -5.0; mean <= 12.0; mean += 0.125) {
    INFO("normal(" << mean << ", 1)");
    CHECK(Distribution::normal(mean, 1.0).mean() == Approx(truncated_normal_moments(mean, 1.0).mean).epsilon(1e-13));
  }
  CHECK(Distribution::normal(0.0, 1.0).mean() == Approx(std::sqrt(2.0 / kPi)).epsilon(1e-15));
}

TEST_CASE("degenerate parameters give exact values without surprises") {
  Rng rng(1);
  const Rng::State before = rng.state();
  CHECK(Distribution::constant(3.5).sample(rng) == 3.5);
  CHECK(rng.state() == before);  // a constant consumes no draws
  CHECK(Distribution::uniform(2.0, 2.0).sample(rng) == 2.0);
  CHECK(Distribution::normal(5.0, 0.0).sample(rng) == 5.0);
  CHECK(Distribution::lognormal(3.0, 0.0).sample(rng) == 3.0);
  CHECK(Distribution::empirical({42.0}).sample(rng) == 42.0);
}

TEST_CASE("samples stay in their support") {
  Rng rng(11);
  const Distribution uniform = Distribution::uniform(-1.0, 1.0);
  const Distribution normal = Distribution::normal(-5.0, 1.0);
  const Distribution tiny_shape = Distribution::gamma(0.05, 1.0);
  const Distribution exponential = Distribution::exponential(1.0);
  for (int i = 0; i < 20000; ++i) {
    const double u = uniform.sample(rng);
    REQUIRE((u >= -1.0 && u <= 1.0));
    REQUIRE(normal.sample(rng) >= 0.0);
    const double g = tiny_shape.sample(rng);
    REQUIRE((g >= 0.0 && std::isfinite(g)));
    const double e = exponential.sample(rng);
    REQUIRE((e > 0.0 && e < 45.0));  // the ziggurat's tail: 7.7 + -log(smallest open01) = 44.4
  }
}

TEST_CASE("the truncated normal stays cheap far below its truncation point") {
  // at mean = -5 stddev plain rejection would need ~3.5 million draws per sample
  const Distribution d = Distribution::normal(-5.0, 1.0);
  Rng rng(2);
  const Rng start = rng;
  for (int i = 0; i < 1000; ++i) {
    (void)d.sample(rng);
  }
  CHECK(draws_between(start, rng, 4000) <= 4000);  // two draws per attempt, > 90% accepted
}

TEST_CASE("sampling is deterministic and Distribution is a plain value") {
  const Distribution a = Distribution::gamma(0.7, 2.0);
  const Distribution b = a;
  CHECK(a == b);
  CHECK_FALSE(a == Distribution::gamma(0.7, 2.5));
  CHECK_FALSE(Distribution::exponential(1.0) == Distribution::constant(1.0));
  CHECK(a.kind() == Distribution::Kind::kGamma);
  Rng r1 = fleetsim::make_stream(9, "model/x");
  Rng r2 = fleetsim::make_stream(9, "model/x");
  for (int i = 0; i < 1000; ++i) {
    REQUIRE(a.sample(r1) == b.sample(r2));
  }
}

TEST_CASE("empirical picks every listed value with equal probability") {
  const Distribution d = Distribution::empirical({10.0, 20.0, 30.0});
  Rng rng(5);
  int counts[3] = {0, 0, 0};
  constexpr int kN = 30000;
  for (int i = 0; i < kN; ++i) {
    const double x = d.sample(rng);
    REQUIRE((x == 10.0 || x == 20.0 || x == 30.0));
    ++counts[static_cast<int>(x / 10.0) - 1];
  }
  // each count is binomial(30000, 1/3): sd 81.6, so 4 sd is about 330
  for (const int c : counts) {
    CHECK(std::abs(c - kN / 3) < 330);
  }
}

TEST_CASE("describe() is stable text") {
  CHECK(Distribution::constant(2.0).describe() == "constant(value=2)");
  CHECK(Distribution::exponential(0.1).describe() == "exponential(mean=0.1)");
  CHECK(Distribution::uniform(-1.0, 2.5).describe() == "uniform(min=-1, max=2.5)");
  CHECK(Distribution::normal(5.0, 2.0).describe() == "normal(mean=5, stddev=2, truncated at 0)");
  CHECK(Distribution::lognormal(1.0, 0.5).describe() == "lognormal(mean=1, stddev=0.5)");
  CHECK(Distribution::gamma(2.0, 1e-3).describe() == "gamma(shape=2, scale=0.001)");
  CHECK(Distribution::empirical({1.0, 2.5}).describe() == "empirical(2 values: 1, 2.5)");
  CHECK(Distribution::empirical({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}).describe() ==
        "empirical(10 values: 1, 2, 3, 4, 5, 6, 7, 8, ...)");
}

TEST_CASE("invalid parameters throw std::invalid_argument naming the field") {
  using Catch::Contains;
  CHECK_THROWS_WITH(Distribution::normal(1.0, -1.0), "\"stddev\": expected a finite number >= 0 (got -1)");
  CHECK_THROWS_WITH(Distribution::exponential(0.0), "\"mean\": expected a finite number > 0 (got 0)");

  CHECK_THROWS_WITH(Distribution::constant(kNaN), Contains("\"value\""));
  CHECK_THROWS_WITH(Distribution::constant(kInf), Contains("\"value\""));
  CHECK_THROWS_WITH(Distribution::exponential(-1.0), Contains("\"mean\""));
  CHECK_THROWS_WITH(Distribution::exponential(kNaN), Contains("\"mean\""));
  CHECK_THROWS_WITH(Distribution::exponential(kInf), Contains("\"mean\""));
  CHECK_THROWS_WITH(Distribution::uniform(kNaN, 1.0), Contains("\"min\""));
  CHECK_THROWS_WITH(Distribution::uniform(0.0, kInf), Contains("\"max\""));
  CHECK_THROWS_WITH(Distribution::uniform(3.0, 1.0), Contains("\"max\": expected a number >= \"min\""));
  CHECK_THROWS_WITH(Distribution::uniform(-1e308, 1e308), Contains("\"max\""));
  CHECK_THROWS_WITH(Distribution::normal(kNaN, 1.0), Contains("\"mean\""));
  CHECK_THROWS_WITH(Distribution::normal(1.0, kInf), Contains("\"stddev\""));
  CHECK_THROWS_WITH(Distribution::normal(-5.01, 1.0), Contains("\"mean\": expected a number >= -5 * \"stddev\""));
  CHECK_THROWS_WITH(Distribution::normal(-1.0, 0.0), Contains("\"mean\""));
  CHECK_NOTHROW(Distribution::normal(-5.0, 1.0));
  CHECK_THROWS_WITH(Distribution::lognormal(0.0, 1.0), Contains("\"mean\""));
  CHECK_THROWS_WITH(Distribution::lognormal(1.0, -1.0), Contains("\"stddev\""));
  CHECK_THROWS_WITH(Distribution::lognormal(1e-200, 1e200), Contains("\"stddev\""));
  CHECK_THROWS_WITH(Distribution::gamma(0.0, 1.0), Contains("\"shape\""));
  CHECK_THROWS_WITH(Distribution::gamma(1.0, -2.0), Contains("\"scale\""));
  CHECK_THROWS_WITH(Distribution::empirical({}), Contains("\"values\": expected a non-empty list"));
  CHECK_THROWS_WITH(Distribution::empirical({1.0, kNaN}), Contains("\"values[1]\""));
  CHECK_THROWS_AS(Distribution::gamma(kNaN, 1.0), std::invalid_argument);
}
