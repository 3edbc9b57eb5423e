// Scalable target rules (aws-facts §1.2 "Cooldown semantics", "Multiple target-tracking policies",
// "Desired count outside [min, max]"; §1.5 scheduled bounds), on a fake ECS service.

#include <catch2/catch.hpp>

#include "models/autoscaling/scalable_target.hpp"

using namespace fleetsim;

namespace {

struct FakeService : ScalableResource {
  int desired = 10, running = 10;
  bool deploying = false;
  std::vector<std::pair<int, std::string>> changes;
  int desired_capacity() const override { return desired; }
  int actual_capacity() const override { return running; }
  bool deployment_in_progress() const override { return deploying; }
  void set_capacity(int capacity, const std::string& policy, const std::string&) override {
    desired = capacity;
    changes.emplace_back(capacity, policy);
  }
};

struct Vote : ScaleInVote {
  std::optional<int> wants;
  std::optional<int> scale_in_vote() const override { return wants; }
};

struct Bench {
  Engine engine;
  MetricStore metrics{{0.5}};
  EventLog events{nullptr};
  RunContext ctx{engine, 1, metrics, events, SimTime::zero() + Duration::seconds(86400)};
  FakeService service;
  ScalableTarget target{ctx, "service/default/web", service, 2, 20, {}};
  void at(std::int64_t s) { engine.run_until(SimTime::zero() + Duration::seconds(s)); }
};

ScalingRequest ask(int capacity, std::int64_t cooldown_s = 300, const char* policy = "p") {
  return ScalingRequest{policy, capacity, "test", Duration::seconds(cooldown_s)};
}

}  // namespace

TEST_CASE("scale-out cooldown: only a larger scale-out acts, and capacity already added counts", "[autoscaling]") {
  Bench b;
  b.at(100);
  b.target.scale_out(ask(b.target.starting_capacity() + 2));  // +2: 10 -> 12
  CHECK(b.service.desired == 12);
  b.at(160);
  // Inside the cooldown the arithmetic starts from 10 (the capacity before it): +2 again is not larger.
  CHECK(b.target.starting_capacity() == 10);
  b.target.scale_out(ask(b.target.starting_capacity() + 2));
  CHECK(b.service.desired == 12);
  // AWS's example: an alarm asking for +3 during the cooldown adds only 1.
  b.target.scale_out(ask(b.target.starting_capacity() + 3));
  CHECK(b.service.desired == 13);
  // After the cooldown the running count is the starting point again.
  b.service.running = 13;
  b.at(160 + 301);
  CHECK(b.target.starting_capacity() == 13);
  b.target.scale_out(ask(b.target.starting_capacity() + 2));
  CHECK(b.service.desired == 15);
}

TEST_CASE("scale-in cooldown blocks scale-in; a scale-out cancels it", "[autoscaling]") {
  Bench b;
  b.target.scale_in(ask(8));
  CHECK(b.service.desired == 8);
  b.at(100);
  b.target.scale_in(ask(6));
  CHECK(b.service.desired == 8);  // blocked
  b.target.scale_out(ask(9));     // runs at once, ends the scale-in cooldown
  CHECK(b.service.desired == 9);
  b.at(110);
  b.target.scale_in(ask(7));
  CHECK(b.service.desired == 7);
  b.at(200);
  b.target.scale_in(ask(5));
  CHECK(b.service.desired == 7);  // inside the new scale-in cooldown
  b.at(411);
  b.target.scale_in(ask(5));
  CHECK(b.service.desired == 5);
}

TEST_CASE("min and max capacity are always respected", "[autoscaling]") {
  Bench b;
  b.target.scale_out(ask(50));
  CHECK(b.service.desired == 20);
  b.at(1000);
  b.target.scale_in(ask(0));
  CHECK(b.service.desired == 2);
  // Below the minimum a scale-out first jumps to the minimum; a scale-in does nothing.
  b.service.desired = 1;
  b.at(2000);
  b.target.scale_in(ask(0));
  CHECK(b.service.desired == 1);
  b.target.scale_out(ask(1));
  CHECK(b.service.desired == 2);
}

TEST_CASE("several target tracking policies: scale in only if all agree, to the largest capacity", "[autoscaling]") {
  Bench b;
  Vote cpu, requests;
  b.target.add_voter(&cpu);
  b.target.add_voter(&requests);
  cpu.wants = 6;
  b.target.scale_in_by_tracking(ask(6));
  CHECK(b.service.desired == 10);  // the request policy does not want to scale in
  requests.wants = 8;
  b.target.scale_in_by_tracking(ask(6));
  CHECK(b.service.desired == 8);  // both agree; the larger capacity wins
}

TEST_CASE("no scale-in during a deployment or when suspended; scheduled bounds move capacity inside", "[autoscaling]") {
  Bench b;
  b.service.deploying = true;
  b.target.scale_in(ask(5));
  CHECK(b.service.desired == 10);
  b.target.scale_out(ask(12));
  CHECK(b.service.desired == 12);  // scale-out continues during deployments
  b.service.deploying = false;
  b.target.set_bounds(15, std::nullopt, "morning");
  CHECK(b.service.desired == 15);
  CHECK(b.target.min_capacity() == 15);
  b.target.set_bounds(1, 4, "night");
  CHECK(b.service.desired == 4);
  CHECK(b.service.changes.back() == std::make_pair(4, std::string("night")));
  ScalableTarget frozen{b.ctx, "service/default/other", b.service, 1, 30, SuspendedState{true, true, false}};
  frozen.scale_out(ask(20));
  frozen.scale_in(ask(1));
  CHECK(b.service.desired == 4);
}
