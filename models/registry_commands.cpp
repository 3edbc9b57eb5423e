// What the command asks of the models besides a run: the catalogue, the event types timeline.json
// draws, and the human summary's lines.

#include <cstdarg>
#include <cstdio>

#include "models/catalog/catalog.hpp"
#include "models/fargate/fargate_sizes.hpp"
#include "models/registry.hpp"

namespace fleetsim {

namespace {

// printf into a string, for lines that must read exactly as the command has always printed them.
__attribute__((format(printf, 2, 3))) void append_printf(std::string& out, const char* format, ...) {
  va_list args;
  va_start(args, format);
  va_list again;
  va_copy(again, args);
  int size = std::vsnprintf(nullptr, 0, format, args);
  va_end(args);
  std::size_t at = out.size();
  out.resize(at + static_cast<std::size_t>(size) + 1);
  std::vsnprintf(out.data() + at, static_cast<std::size_t>(size) + 1, format, again);
  va_end(again);
  out.resize(at + static_cast<std::size_t>(size));
}

}  // namespace

std::optional<nlohmann::ordered_json> ModelRegistry::catalog(const std::string& region) const {
  Catalog catalog = Catalog::built_in();
  if (!region.empty() && !catalog.regions.count(region)) return std::nullopt;
  nlohmann::ordered_json out = catalog.to_json(region);
  out["fargate"]["taskSizes"] = fargate_sizes_json();
  return out;
}

// Names from the output spec's events.jsonl types.
std::vector<LifecycleKind> ModelRegistry::lifecycle_kinds() const {
  // Pods by their workload, a slice per step of their lives (Created, Scheduled, Started, ContainersReady,
  // Killing, ...) until Deleted; nodes by name (their instance ids are the instances' tracks) per group.
  return {{"TaskStateChange", "taskId", {"service", "group"}, "lastStatus", "STOPPED"},
          {"InstanceStateChange", "instanceId", {"autoScalingGroup"}, "state", "terminated"},
          {"PodStatusChange", "pod", {"owner", "namespace"}, "reason", "Deleted"},
          {"NodeStateChange", "node", {"nodegroup", "nodePool"}, "state", "NotReady"}};
}

std::set<std::string> ModelRegistry::instant_event_types() const {
  return {"TimelineAction",   "DeploymentStateChange",   "ServiceScalingAction",
          "AlarmStateChange", "CapacityProviderScaling", "SpotInterruptionWarning"};
}

std::string ModelRegistry::summary_lines(const nlohmann::ordered_json& s) const {
  const auto& r = s["requests"];
  std::uint64_t errors = r["http5xx"]["502"].get<std::uint64_t>() + r["http5xx"]["503"].get<std::uint64_t>() +
                         r["http5xx"]["504"].get<std::uint64_t>();
  std::string out;
  append_printf(out, "  requests  %llu (ok %llu, 5xx %llu), latency p50 %.1f ms, p99 %.1f ms\n",
                static_cast<unsigned long long>(r["total"].get<std::uint64_t>()),
                static_cast<unsigned long long>(r["ok"].get<std::uint64_t>()), static_cast<unsigned long long>(errors),
                r["latency_ms"]["p50"].get<double>(), r["latency_ms"]["p99"].get<double>());
  for (const auto& [name, svc] : s["services"].items()) {
    append_printf(out, "  service   %s: peak %d tasks running, mean %.1f, CPU mean %.1f%%\n", name.c_str(),
                  svc["tasks"]["peakRunning"].get<int>(), svc["tasks"]["meanRunning"].get<double>(),
                  svc["cpuUtilization"]["mean"].get<double>());
  }
  append_printf(out, "  cost      $%.2f\n", s["cost"]["totalUsd"].get<double>());
  return out;
}

}  // namespace fleetsim
