#include <catch2/catch.hpp>

#include "models/kubernetes/cron_job.hpp"

using namespace fleetsim::kube;

// Kubernetes' five-field schedules (Sunday 0 or 7) as the AWS-style six fields (SUN = 1, '?' in one day
// field, a year) models/schedule parses, worked by hand.
TEST_CASE("CronJob schedules as six-field cron expressions", "[kube][job]") {
  struct Row {
    const char* kubernetes;
    const char* aws;
  };
  const Row rows[] = {{"*/5 * * * *", "*/5 * * * ? *"},
                      {"@hourly", "0 * * * ? *"},
                      {"@weekly", "0 0 ? * 1 *"},
                      {"0 9 * * 1-5", "0 9 ? * 2-6 *"},
                      {"30 2 * * 0,6,7", "30 2 ? * 1,7,1 *"},
                      {"0 0 1 * *", "0 0 1 * ? *"},
                      {"0 */2 * * MON", "0 */2 ? * MON *"}};
  for (const Row& r : rows) {
    std::string error;
    INFO(r.kubernetes);
    CHECK(cron_expression_of(r.kubernetes, error) == r.aws);
    CHECK(error.empty());
  }
  std::string error;
  cron_expression_of("0 0 1 * 1", error);
  CHECK(error == "a schedule restricting both day-of-month and day-of-week (either matching) is not simulated");
  error.clear();
  cron_expression_of("0 0 * *", error);
  CHECK_THAT(error, Catch::StartsWith("expected 5 fields"));
  error.clear();
  cron_expression_of("0 0 * * 5-7", error);
  CHECK(error == "day-of-week 7 is not simulated (use 0-6)");
}
