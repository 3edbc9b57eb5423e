#pragma once
/// A World built by a few models' registrations, for model tests that need no command or output folder,
/// and the ScenarioError a piece of code throws.

#include <catch2/catch.hpp>
#include <initializer_list>

#include "models/registry.hpp"

namespace fleetsim::testing {

/// The core services of one run (one hour, seed 7, no outputs) and a world built by the models given.
struct ModelWorld {
  Engine engine;
  MetricStore metrics{{}};
  EventLog events{nullptr};
  RunContext ctx{engine, 7, metrics, events, SimTime::zero() + Duration::seconds(3600)};
  World world{ctx};
  ModelRegistry registry;

  /// Registers `models`, places the world in us-east-1a..c and builds it from `scenario` (unvalidated).
  ModelWorld(std::initializer_list<RegisterModel> models, const nlohmann::json& scenario) {
    for (RegisterModel add : models) add(registry);
    world.availability_zones = {"us-east-1a", "us-east-1b", "us-east-1c"};
    registry.plan().build(scenario, world);
  }
  /// Schedules every model's first events.
  void start() {
    for (auto& m : world.models) m->start();
  }
};

/// The diagnostic `code` throws; fails the test when it throws none.
template <class F>
Diagnostic error_of(F code) {
  try {
    code();
  } catch (const ScenarioError& e) {
    return e.diagnostic();
  }
  FAIL("expected a ScenarioError");
  return {};
}

}  // namespace fleetsim::testing
