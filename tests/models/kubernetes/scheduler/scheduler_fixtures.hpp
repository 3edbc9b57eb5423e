#pragma once
// Small builders for scheduler tests: nodes in zones and pods with requests.

#include <string>

#include "models/kubernetes/scheduler/node_info.hpp"

namespace fleetsim::kube::testing {

inline constexpr std::int64_t kGi = 1024LL * 1024 * 1024;

inline NodeInfo make_node(const std::string& name, const std::string& zone, std::int64_t cpu_milli = 4000,
                          std::int64_t memory = 16 * kGi, int pods = 110) {
  NodeInfo n;
  n.name = name;
  n.labels = {{kHostnameLabel, name}, {kZoneLabel, zone}};
  n.allocatable = {cpu_milli, memory};
  n.allocatable_pods = pods;
  return n;
}

inline PodSchedulingSpec make_pod(const std::string& name, std::int64_t cpu_milli = 100, std::int64_t memory = kGi / 4,
                                  const std::string& app = "web") {
  PodSchedulingSpec p;
  p.name = name;
  p.labels = {{"app", app}};
  p.requests = {cpu_milli, memory};
  return p;
}

inline PodRecord make_record(const std::string& name, std::int64_t cpu_milli, int priority = 0,
                             const std::string& app = "other") {
  return {name, "default", {{"app", app}}, priority, {cpu_milli, kGi / 4}, {}};
}

}  // namespace fleetsim::kube::testing
