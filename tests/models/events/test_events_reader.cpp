// The rules reader without a World: good input gives the rules with their schedules and targets, bad input the
// pointer and message. A fake RunTask records the targets it was asked to check.

#include <catch2/catch.hpp>

#include "models/events/events_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

// Accepts every target, recording its pointer; what it returns counts launches.
class RecordingLauncher : public TaskLauncher {
 public:
  std::function<void()> run_task(const nlohmann::json&, const std::string& pointer) override {
    checked.push_back(pointer);
    return [this] { ++launches; };
  }
  std::vector<std::string> checked;
  int launches = 0;
};

// The diagnostic reading `rules` throws.
Diagnostic error_reading(const nlohmann::json& rules) {
  RecordingLauncher launcher;
  return error_of([&] { read_rules(rules, launcher); });
}

nlohmann::json rule(const std::string& name) {
  nlohmann::json ecs = {{"TaskDefinitionArn", "report"}};
  return {{"Name", name},
          {"ScheduleExpression", "rate(1 hour)"},
          {"Targets",
           {{{"Id", "a"}, {"Arn", "prod"}, {"EcsParameters", ecs}},
            {{"Id", "b"}, {"Arn", "prod"}, {"EcsParameters", ecs}}}}};
}

TEST_CASE("rules: schedules, state and targets in order", "[events][reader]") {
  RecordingLauncher launcher;
  nlohmann::json off = rule("off");
  off["State"] = "DISABLED";
  std::vector<RuleConfig> rules = read_rules(nlohmann::json::array({rule("nightly"), off}), launcher);
  REQUIRE(rules.size() == 2);
  CHECK(rules[0].name == "nightly");
  CHECK(rules[0].enabled);
  REQUIRE(rules[0].schedule);
  CHECK_FALSE(rules[0].schedule->one_time());
  CHECK_FALSE(rules[0].pattern);
  CHECK_FALSE(rules[1].enabled);  // read and checked all the same
  CHECK(launcher.checked == std::vector<std::string>{"/rules/0/Targets/0", "/rules/0/Targets/1", "/rules/1/Targets/0",
                                                     "/rules/1/Targets/1"});
  REQUIRE(rules[0].targets.size() == 2);
  for (const auto& launch : rules[0].targets) launch();
  CHECK(launcher.launches == 2);
}

TEST_CASE("what the rules reader refuses, and where", "[events][reader]") {
  Diagnostic e = error_reading(nlohmann::json::array({rule("r"), rule("r")}));
  CHECK(e.pointer == "/rules/1/Name");
  CHECK(e.message == "rule \"r\" is defined twice");
  nlohmann::json r = rule("r");
  r["ScheduleExpression"] = "at(2026-01-01T00:00:00)";
  e = error_reading(nlohmann::json::array({r}));
  CHECK(e.pointer == "/rules/0/ScheduleExpression");
  CHECK(e.message == "a rule's ScheduleExpression is rate(...) or cron(...), not at(...)");
  r = rule("r");
  r.erase("ScheduleExpression");
  e = error_reading(nlohmann::json::array({r}));
  CHECK(e.pointer == "/rules/0");
  CHECK(e.message == "expected \"ScheduleExpression\" or \"EventPattern\" (one of them)");
  r["EventPattern"] = {{"source", {"aws.ecs"}}, {"detail", {{"lastStatus", {{{"sorta", "STOPPED"}}}}}}};
  e = error_reading(nlohmann::json::array({r}));
  CHECK(e.pointer == "/rules/0/EventPattern/detail/lastStatus/0/sorta");
  r["EventPattern"] = R"({"source": ["aws.ecs"]})";
  RecordingLauncher launcher;
  std::vector<RuleConfig> read = read_rules(nlohmann::json::array({r}), launcher);
  REQUIRE(read[0].pattern);
  CHECK(read[0].pattern->matches({{"source", "aws.ecs"}}));
  CHECK_FALSE(read[0].schedule);
  r = rule("r");
  r["EventPattern"] = nlohmann::json::object();
  e = error_reading(nlohmann::json::array({r}));
  CHECK(e.pointer == "/rules/0");
  r = rule("r");
  r["Targets"][1]["Id"] = "a";
  e = error_reading(nlohmann::json::array({r}));
  CHECK(e.pointer == "/rules/0/Targets/1/Id");
  CHECK(e.message == "target Id is used twice in this rule");
  r = rule("r");
  r["Targets"][0].erase("EcsParameters");
  e = error_reading(nlohmann::json::array({r}));
  CHECK(e.pointer == "/rules/0/Targets/0");
  r = rule("r");
  r["Targets"][0]["EcsParameters"]["PlacementStrategy"] = nlohmann::json::array();
  e = error_reading(nlohmann::json::array({r}));
  CHECK(e.pointer == "/rules/0/Targets/0/EcsParameters/PlacementStrategy");
  CHECK(e.message == "PlacementStrategy of RunTask targets is not simulated by this version yet");
}

}  // namespace
}  // namespace fleetsim
