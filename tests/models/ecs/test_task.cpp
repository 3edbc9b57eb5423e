/// A task and its owner's roles: an owner that only hears status changes (as a RunTask group does)
/// launches a task through its TaskLaunchSpec and hears every status in lifecycle order; a load
/// balancing role, when given, registers the task's targets once it runs and deregisters them on stop.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/ecs/task.hpp"

using namespace fleetsim;

namespace {

// A platform that places at once: 2 s of provisioning, 3 s of pull, 1 s of deprovisioning.
struct InstantPlatform : LaunchPlatform {
  TaskNeeds asked;
  int releases = 0;
  void request(const TaskNeeds& needs, PlacementClient& client, Rng&) override {
    asked = needs;
    Placement p;
    p.provisioning = Duration::seconds(2);
    p.pull = Duration::seconds(3);
    p.vcpu = 1;
    client.on_placed(p);
  }
  void withdraw(PlacementClient&) override {}
  void pull_started(std::uint32_t, SimTime) override {}
  void released(std::uint32_t, SimTime) override { ++releases; }
  Duration deprovisioning(Rng&) override { return Duration::seconds(1); }
};

// Implements only what a RunTask group uses: status changes.
struct StatusLog : TaskLifecycleListener {
  std::vector<std::string> seen;  // "t=SECONDS STATUS"
  Engine* engine = nullptr;
  void on_task_status(Task&, TaskStatus status, const std::string&) override {
    seen.push_back("t=" + std::to_string((engine->now() - SimTime::zero()).us() / 1000000) + " " +
                   task_status_name(status));
  }
};

struct Binding : TaskLoadBalancing {
  int registered = 0, deregistered = 0;
  std::vector<TargetHandle> register_targets(Task&, const std::string&, int, const std::vector<std::string>&) override {
    ++registered;
    return {};  // no target group: the task stops without draining
  }
  void deregister_targets(const std::vector<TargetHandle>&) override { ++deregistered; }
  void on_task_unhealthy(Task&, const std::string&) override {}
};

struct Harness {
  Engine engine;
  MetricStore metrics{{}};
  EventLog events{nullptr};
  RunContext ctx{engine, 1, metrics, events, SimTime::zero() + Duration::seconds(3600)};
  Rng rng{7};
  TaskDefinition definition;
  InstantPlatform platform;
  StatusLog log;
  TaskLaunchSpec spec;

  Harness() {
    ContainerDefinition c;
    c.name = "batch";
    c.image = "batch:1";
    c.cpu_units = 512;
    c.memory_mib = 1024;
    c.run_time_s = Distribution::constant(10);
    definition.family = "batch";
    definition.containers.push_back(c);
    log.engine = &engine;
    spec.context = &ctx;
    spec.lifecycle_rng = &rng;
    spec.group = "family:batch";
  }
};

}  // namespace

TEST_CASE("a task tells a status-only owner every status, in lifecycle order", "[task]") {
  Harness h;
  Task task(h.spec, h.log, 0, h.definition, h.platform, "t-1", "us-east-1a", "10.0.0.4");
  task.start();
  h.engine.run_until(h.ctx.end);
  // 2 s provisioning, 3 s pull, runs 10 s and exits 0, 1 s deprovisioning.
  CHECK(h.log.seen == std::vector<std::string>{"t=0 PROVISIONING", "t=2 PENDING", "t=5 ACTIVATING", "t=5 RUNNING",
                                               "t=15 DEACTIVATING", "t=15 STOPPING", "t=15 DEPROVISIONING",
                                               "t=16 STOPPED"});
  CHECK(h.platform.releases == 1);
  // What the spec and the definition ask of the platform.
  CHECK(h.platform.asked.group == "family:batch");
  CHECK(h.platform.asked.cpu_units == 512);
  CHECK(h.platform.asked.memory_mib == 1024);
  CHECK(h.platform.asked.availability_zone == "us-east-1a");
  CHECK(h.platform.asked.policy == nullptr);
  CHECK_FALSE(task.healthy());  // no healthy-after-running: the owner does not count health
}

TEST_CASE("a task with a load balancing role registers once running and deregisters on stop", "[task]") {
  Harness h;
  Binding binding;
  h.spec.load_balancing = &binding;
  h.spec.healthy_after_running = Duration::seconds(4);
  Task task(h.spec, h.log, 0, h.definition, h.platform, "t-1", "us-east-1a", "10.0.0.4");
  task.start();
  h.engine.run_until(SimTime::zero() + Duration::seconds(6));
  CHECK(binding.registered == 1);
  CHECK_FALSE(task.healthy());
  h.engine.run_until(SimTime::zero() + Duration::seconds(9));
  CHECK(task.healthy());  // RUNNING at 5 s, no targets: healthy 4 s later
  h.engine.run_until(h.ctx.end);
  CHECK(binding.deregistered == 1);
  CHECK(task.status() == TaskStatus::kStopped);
}
