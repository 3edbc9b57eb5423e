#pragma once
/// A World built by a few models' registrations, for model tests that need no command or output folder,
/// and the ScenarioError a piece of code throws.

#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "models/registry.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim::testing {

/// One change to a good request and the error it must give.
struct BadRequest {
  std::string field;     ///< JSON pointer, inside the request, of the field changed
  nlohmann::json value;  ///< its new value; null removes the field
  std::string pointer;   ///< where the error must point
  std::string message;   ///< how the error's message must begin
};

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

/// For each case, `good` with the case's change, handed to `create`, must throw a ScenarioError at the case's
/// pointer whose message begins with the case's message.
template <class F>
void check_bad_requests(const nlohmann::json& good, const std::vector<BadRequest>& cases, F create) {
  for (const BadRequest& c : cases) {
    INFO(c.field << " = " << c.value.dump());
    nlohmann::json request = good;
    nlohmann::json::json_pointer field(c.field);
    if (c.value.is_null())
      request.at(field.parent_pointer()).erase(field.back());
    else
      request[field] = c.value;
    Diagnostic e = error_of([&] { create(request); });
    CHECK(e.pointer == c.pointer);
    CHECK(e.message.substr(0, c.message.size()) == c.message);
  }
}

}  // namespace fleetsim::testing
