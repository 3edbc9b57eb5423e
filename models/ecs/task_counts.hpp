#pragma once
/// What summary.json counts of a group of ECS tasks (a service's, a RunTask group's), with the window that
/// simulation.warmup opens.

#include <cstdint>
#include <nlohmann/json.hpp>

namespace fleetsim {

/// Counts of a group's tasks since the start of the run.
struct TaskCounts {
  std::uint64_t launched = 0, stopped = 0, failed_to_start = 0, placement_failures = 0;

  /// The counts since `earlier` was taken (summary.json's window after simulation.warmup).
  TaskCounts since(const TaskCounts& earlier) const {
    return {launched - earlier.launched, stopped - earlier.stopped, failed_to_start - earlier.failed_to_start,
            placement_failures - earlier.placement_failures};
  }
  /// Adds another group's counts (RunTask targets sharing a group).
  TaskCounts& operator+=(const TaskCounts& o) {
    launched += o.launched;
    stopped += o.stopped;
    failed_to_start += o.failed_to_start;
    placement_failures += o.placement_failures;
    return *this;
  }
  /// The counts as summary.json writes them.
  nlohmann::ordered_json summary() const {
    return {{"launched", launched},
            {"stopped", stopped},
            {"failedToStart", failed_to_start},
            {"placementFailures", placement_failures}};
  }
};

}  // namespace fleetsim
