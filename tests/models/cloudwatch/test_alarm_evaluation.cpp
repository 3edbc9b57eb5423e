// CloudWatch alarm evaluation: the "M out of N" rule with each TreatMissingData mode over the
// documentation's example ranges (CW-UG AlarmThatSendsEmail.md: N = 3, an evaluation range of 5),
// statistics including pNN, and a whole alarm on a timed source (INSUFFICIENT_DATA at start,
// publication delay, actions repeated every minute while in ALARM).

#include <catch2/catch.hpp>
#include <sstream>

#include "models/cloudwatch/alarm_evaluation.hpp"
#include "models/cloudwatch/metric_alarm.hpp"

using namespace fleetsim;

namespace {

// "0 - X - X": 0 a datapoint under the threshold, X one over it, - a missing one; oldest first.
std::vector<std::optional<double>> range_of(const std::string& text) {
  std::vector<std::optional<double>> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) {
    if (w == "-")
      out.push_back(std::nullopt);
    else
      out.push_back(w == "X" ? 100.0 : 0.0);
  }
  return out;
}

AlarmState eval(const std::string& text, MissingData missing, AlarmState current, int n = 3, int m = 3) {
  AlarmRule rule{n, m, Comparison::kGreater, 50, missing};
  return evaluate_alarm(rule, range_of(text), current).state;
}

constexpr AlarmState kOk = AlarmState::kOk, kAlarm = AlarmState::kAlarm, kNone = AlarmState::kInsufficientData;

}  // namespace

TEST_CASE("3 of 3 over a range of 5, every TreatMissingData mode", "[alarm]") {
  struct Row {
    const char* points;
    AlarmState missing, ignore, breaching, not_breaching;
  };
  // The retained state is shown as kNone: every row starts from INSUFFICIENT_DATA.
  const Row rows[] = {
      {"0 - X - X", kOk, kOk, kOk, kOk},              // three real points: missing data is not consulted
      {"0 - - - -", kOk, kOk, kOk, kOk},              // a 0 among them: 3 of 3 is impossible whatever the fill
      {"- - - - -", kNone, kNone, kAlarm, kOk},       // no data at all
      {"0 - X - -", kOk, kOk, kOk, kOk},              // one fill cannot make 3 breaching
      {"- - X - -", kAlarm, kNone, kAlarm, kOk},      // premature-alarm rule: X is 3 periods old, newer ones missing
      {"- - - - X", kNone, kNone, kAlarm, kOk},       // X too recent to alarm on alone under missing
      {"X X X - -", kAlarm, kAlarm, kAlarm, kAlarm},  // three real breaching points
      {"X X 0 X X", kOk, kOk, kOk, kOk},              // only the newest three real points count: 0 X X
      {"0 0 X X X", kAlarm, kAlarm, kAlarm, kAlarm},  // the newest three real points all breach
  };
  for (const Row& r : rows) {
    INFO(r.points);
    CHECK(eval(r.points, MissingData::kMissing, kNone) == r.missing);
    CHECK(eval(r.points, MissingData::kIgnore, kNone) == r.ignore);
    CHECK(eval(r.points, MissingData::kBreaching, kNone) == r.breaching);
    CHECK(eval(r.points, MissingData::kNotBreaching, kNone) == r.not_breaching);
  }
}

TEST_CASE("ignore keeps the current state when the outcome depends on the missing points", "[alarm]") {
  CHECK(eval("- - - - -", MissingData::kIgnore, kAlarm) == kAlarm);
  CHECK(eval("- - - - -", MissingData::kIgnore, kOk) == kOk);
  CHECK(eval("- - - X X", MissingData::kIgnore, kOk) == kOk);
  CHECK(eval("- - - X X", MissingData::kIgnore, kAlarm) == kAlarm);
  CHECK(eval("- - - - -", MissingData::kMissing, kAlarm) == kNone);
}

TEST_CASE("M out of N: breaching points need not be consecutive", "[alarm]") {
  CHECK(eval("X 0 X", MissingData::kMissing, kNone, 3, 2) == kAlarm);
  CHECK(eval("0 0 X", MissingData::kMissing, kNone, 3, 2) == kOk);
  CHECK(eval("X 0 0 0 X", MissingData::kMissing, kNone, 3, 2) == kOk);  // only the newest three count
  // Evaluated values are the newest N real ones, oldest first.
  AlarmRule rule{3, 2, Comparison::kGreater, 50, MissingData::kMissing};
  auto v = evaluate_alarm(rule, {1.0, 2.0, std::nullopt, 3.0, 4.0}, kNone);
  CHECK(v.values == std::vector<double>{2.0, 3.0, 4.0});
}

TEST_CASE("comparison operators", "[alarm]") {
  CHECK(breaches(Comparison::kGreaterOrEqual, 50, 50));
  CHECK_FALSE(breaches(Comparison::kGreater, 50, 50));
  CHECK(breaches(Comparison::kLessOrEqual, 50, 50));
  CHECK_FALSE(breaches(Comparison::kLess, 50, 50));
  CHECK(breaches(Comparison::kLess, 49.9, 50));
}

TEST_CASE("statistics over a period's datapoints, with ExtendedStatistic", "[alarm]") {
  std::vector<Datapoint> points{{10, 1}, {20, 3}, {30, 1}, {40, 1}, {50, 4}};
  CHECK(Statistic::parse("Average")->of(points) == Approx((10 + 60 + 30 + 40 + 200) / 10.0));
  CHECK(Statistic::parse("Sum")->of(points) == 150);
  CHECK(Statistic::parse("Minimum")->of(points) == 10);
  CHECK(Statistic::parse("Maximum")->of(points) == 50);
  CHECK(Statistic::parse("SampleCount")->of(points) == 10);
  CHECK(Statistic::parse("p50")->of(points) == 30);  // nearest rank: ceil(0.5 x 5) = 3rd
  CHECK(Statistic::parse("p90")->of(points) == 50);
  CHECK(Statistic::parse("p20")->of(points) == 10);
  CHECK(Statistic::parse("p99.9")->percentile == Approx(99.9));
  CHECK_FALSE(Statistic::parse("tm99"));
  CHECK_FALSE(Statistic::parse("p101"));
  CHECK_FALSE(Statistic::parse("average"));
}

namespace {

// A source whose datapoint is a step: `low` until `step_at`, `high` after (by interval end).
struct StepSource : MetricSource {
  SimTime step_at;
  double low = 10, high = 90;
  MetricTotals totals(SimTime now) const override { return {now, 0, 0}; }
  std::optional<Datapoint> datapoint(const MetricTotals&, const MetricTotals& to) const override {
    return Datapoint{to.at > step_at ? high : low, 1};
  }
};

struct Counter : AlarmAction {
  std::vector<std::int64_t> at_s;
  Engine* engine = nullptr;
  void on_alarm(const AlarmNotice&) override { at_s.push_back(engine->now().us() / 1000000); }
};

struct AlarmBench {
  Engine engine;
  MetricStore metrics{{0.5}};
  EventLog events{nullptr};
  RunContext ctx{engine, 1, metrics, events, SimTime::zero() + Duration::seconds(3600)};
};

}  // namespace

TEST_CASE(
    "an alarm starts in INSUFFICIENT_DATA, sees datapoints after the publication delay, and repeats its action every "
    "minute",
    "[alarm]") {
  AlarmBench b;
  StepSource source;
  source.step_at = SimTime::zero() + Duration::seconds(600);
  MetricSeries series(source, Duration::seconds(60), Duration::seconds(120));
  Counter counter;
  counter.engine = &b.engine;
  AlarmSpec spec;
  spec.name = "high";
  spec.evaluation_periods = spec.datapoints_to_alarm = 3;
  spec.threshold = 50;
  spec.alarm_actions = {&counter};
  MetricAlarm alarm(b.ctx, spec, *Statistic::parse("Average"), series, 2);
  CHECK(alarm.state() == AlarmState::kInsufficientData);
  std::vector<std::pair<std::int64_t, AlarmState>> changes;
  for (std::int64_t t = 60; t <= 1200; t += 60) {
    b.engine.run_until(SimTime::zero() + Duration::seconds(t));
    series.sample(b.engine.now());
    AlarmState before = alarm.state();
    alarm.evaluate(b.engine.now());
    if (alarm.state() != before) changes.emplace_back(t, alarm.state());
  }
  // 60-s datapoint ending at 60 is visible at 180: OK from then on (the first real points are low).
  REQUIRE(changes.size() == 2);
  CHECK(changes[0] == std::make_pair(std::int64_t{180}, AlarmState::kOk));
  // Breaching datapoints end at 660, 720, 780; the third is visible at 900.
  CHECK(changes[1] == std::make_pair(std::int64_t{900}, AlarmState::kAlarm));
  // Invoked on the transition, then once a minute while in ALARM.
  CHECK(counter.at_s == std::vector<std::int64_t>{900, 960, 1020, 1080, 1140, 1200});
}
