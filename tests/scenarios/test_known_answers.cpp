// Queueing known answers through the whole simulator: workload -> ALB -> Fargate tasks -> metrics.

#include <catch2/catch.hpp>
#include <cmath>
#include <map>

#include "tests/scenarios/response_batches.hpp"
#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {}  // namespace

TEST_CASE("weighted_random over 1-vCPU tasks gives M/M/1-PS mean response s/(1-rho)", "[known-answer]") {
  // tests/scenarios/fixtures/mm1-ps.json: 4 tasks, Poisson 140/s, exponential demand with mean
  // s = 20 ms. Random routing splits the Poisson stream into four Poisson streams of 35/s, so each
  // task is M/M/1-PS with rho = 35 x 0.020 = 0.7 and mean response s / (1 - rho) = 66.67 ms.
  const double s_ms = 20, rho = 140.0 / 4 * s_ms / 1000;
  const double expected = s_ms / (1 - rho);
  TempDir dir;
  REQUIRE(run_scenario(source_root() / "tests/scenarios/fixtures/mm1-ps.json", dir.path() / "out") == 0);
  // 2 simulated hours, ~1 million requests. The first 5 minutes (tasks starting, queues filling)
  // are dropped; the remaining 115 minutes form 23 batches of 5 minutes. M/M/1 at rho = 0.7 relaxes
  // in about 1/(mu (1 - sqrt(rho))^2) = 0.75 s, far shorter than a batch, so batch means are close to
  // independent and their spread gives an honest standard error. The check allows 4 standard errors
  // (a false alarm about once in 16,000 seeds) and requires that error to be under 2% of the answer,
  // so the test stays able to tell a wrong model from noise (a 10% error in s would fail it).
  std::vector<double> means = batch_means(read_metrics(dir.path() / "out" / "metrics.csv"), 300, 5);
  REQUIRE(means.size() == 23);
  double mean = 0;
  for (double m : means) mean += m;
  mean /= static_cast<double>(means.size());
  double var = 0;
  for (double m : means) var += (m - mean) * (m - mean);
  double se = std::sqrt(var / static_cast<double>(means.size() - 1) / static_cast<double>(means.size()));
  INFO("simulated mean " << mean << " ms, expected " << expected << " ms, standard error " << se << " ms");
  CHECK(se < 0.02 * expected);
  CHECK(std::abs(mean - expected) < 4 * se);
}
