// The world's build order comes from the models' ranks, not from the order they are registered in:
// registering every model in reverse gives the same outputs, byte for byte.

#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>

#include "models/registry.hpp"
#include "sim/cli/commands.hpp"
#include "tests/scenarios/run_in_process.hpp"

namespace fleetsim {
namespace {

// The command's own sections, then the models in the order given.
void register_in_order(ModelRegistry& r, bool reversed) {
  r.add_section("simulation", simulation_shape(r.shapes()), "duration, seed, metrics period, region");
  r.add_section("outputs", outputs_shape(r.shapes()), "what to write");
  std::vector<RegisterModel> all = model_registrations();
  if (reversed) std::reverse(all.begin(), all.end());
  for (RegisterModel add : all) add(r);
}

int run_with(const ModelRegistry& registry, const std::filesystem::path& scenario, const std::filesystem::path& out) {
  ScenarioOverrides o;
  o.duration = "20m";
  RunOptions options;
  options.out_dir = out.string();
  options.quiet = true;
  return run_command(registry, scenario.string(), o, options);
}

TEST_CASE("registering the models in reverse order changes no output", "[world]") {
  ModelRegistry forward, reverse;
  register_in_order(forward, false);
  register_in_order(reverse, true);
  REQUIRE(forward.plan().builders().size() == reverse.plan().builders().size());
  for (std::size_t i = 0; i < forward.plan().builders().size(); ++i)
    CHECK(forward.plan().builders()[i].name == reverse.plan().builders()[i].name);
  // Between them these use every model: ALB, ECS on EC2 and Fargate, SQS, EventBridge, alarms, scaling
  // policies, scheduled actions and the timeline's actions.
  for (const char* name : {"az-outage.json", "ec2-capacity-provider.json", "nightly-batch-ec2.json", "sqs-workers.json",
                           "step-scaling-schedule.json"}) {
    DYNAMIC_SECTION(name) {
      testing::TempDir dir;
      std::filesystem::path scenario = testing::source_root() / "scenarios" / name;
      REQUIRE(run_with(forward, scenario, dir.path() / "forward") == 0);
      REQUIRE(run_with(reverse, scenario, dir.path() / "reverse") == 0);
      for (const char* file : {"summary.json", "metrics.csv", "events.jsonl"}) {
        std::string a = testing::read_file(dir.path() / "forward" / file);
        CHECK(!a.empty());
        CHECK(a == testing::read_file(dir.path() / "reverse" / file));
      }
    }
  }
}

TEST_CASE("the world finds what models provide by interface and name", "[world]") {
  Engine engine;
  MetricStore metrics({});
  EventLog events(nullptr);
  RunContext ctx{engine, 1, metrics, events, SimTime::zero()};
  World world(ctx);
  int b = 2, a = 1;
  double other = 3;
  CHECK(world.provide<int>("b", &b));
  CHECK(world.provide<int>("a", &a));
  CHECK_FALSE(world.provide<int>("a", &b));   // the name is taken for this interface
  CHECK(world.provide<double>("a", &other));  // but not for another
  CHECK(world.find<int>("a") == &a);
  CHECK(world.find<double>("a") == &other);
  CHECK(world.find<int>("c") == nullptr);
  CHECK(world.find<float>("a") == nullptr);  // nothing provided as a float
  auto all = world.all<int>();
  REQUIRE(all.size() == 2);
  CHECK(all[0] == std::make_pair(std::string("a"), &a));  // name order, not provide order
  CHECK(all[1] == std::make_pair(std::string("b"), &b));
  CHECK(world.names<int>() == std::vector<std::string>{"a", "b"});
  CHECK(&world.need<int>("b", "/x", "number") == &b);
  try {
    world.need<int>("bb", "/x/0", "number");
    FAIL("expected a ScenarioError");
  } catch (const ScenarioError& e) {
    CHECK(e.diagnostic().pointer == "/x/0");
    CHECK(e.diagnostic().message == "no number named \"bb\" (did you mean \"b\"?)");
  }
}

TEST_CASE("a model registered twice is refused", "[world]") {
  WorldPlan plan;
  plan.add({"one", 1, nullptr});
  CHECK_THROWS_AS(plan.add({"one", 2, nullptr}), std::logic_error);
}

TEST_CASE("the plan orders builders by rank, then name", "[world]") {
  WorldPlan plan;
  plan.add({"c", 20, nullptr});
  plan.add({"b", 10, nullptr});
  plan.add({"a", 20, nullptr});
  REQUIRE(plan.builders().size() == 3);
  CHECK(plan.builders()[0].name == "b");
  CHECK(plan.builders()[1].name == "a");
  CHECK(plan.builders()[2].name == "c");
}

}  // namespace
}  // namespace fleetsim
