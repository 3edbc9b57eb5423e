#pragma once
/// ECS RunTask as other models (EventBridge targets) see it.

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace fleetsim {

/// The name ECS is provided under, as the TaskLauncher.
inline constexpr const char* kEcs = "ecs";

/// Launches standalone tasks on behalf of another model.
class TaskLauncher {
 public:
  virtual ~TaskLauncher() = default;
  /// Checks a RunTask target (its `Arn` names the cluster, `EcsParameters` the tasks) at `pointer` against
  /// the built world, throwing ScenarioError, and returns what launches the tasks.
  virtual std::function<void()> run_task(const nlohmann::json& target, const std::string& pointer) = 0;
};

}  // namespace fleetsim
