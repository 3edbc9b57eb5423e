#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>

#include "sim/metrics/sample_stats.hpp"

using fleetsim::SampleStats;

TEST_CASE("SampleStats reports count, sum, min, max and mean", "[sample_stats]") {
  SampleStats s;
  CHECK(s.count == 0);
  CHECK(s.mean() == 0.0);
  CHECK(s.min == std::numeric_limits<double>::infinity());
  CHECK(s.max == -std::numeric_limits<double>::infinity());
  for (const double v : {3.0, 1.0, 4.0, 1.0, 5.0}) s.add(v);
  CHECK(s.count == 5);
  CHECK(s.sum == 14.0);
  CHECK(s.min == 1.0);
  CHECK(s.max == 5.0);
  CHECK(s.mean() == 2.8);

  SampleStats t;
  t.add(-2.0);
  t.add(9.0);
  s.merge(t);
  CHECK(s.count == 7);
  CHECK(s.sum == 21.0);
  CHECK(s.min == -2.0);
  CHECK(s.max == 9.0);
  CHECK(s.mean() == 3.0);

  SampleStats empty;
  t.merge(empty);
  CHECK(t.count == 2);
  CHECK(t.min == -2.0);
  CHECK(t.max == 9.0);
  empty.merge(t);
  CHECK(empty.count == 2);
  CHECK(empty.min == -2.0);

  s.clear();
  CHECK(s.count == 0);
  CHECK(s.sum == 0.0);
  CHECK(s.mean() == 0.0);
  s.add(7.0);
  CHECK(s.min == 7.0);
  CHECK(s.max == 7.0);
}
