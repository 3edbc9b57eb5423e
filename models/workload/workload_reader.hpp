#pragma once
/// The pure reader of the `workloads` section: validated JSON in, workload configs out, no World. Which
/// listeners, ingresses and queues exist it asks a WorkloadLookup, so errors keep their order and pointers;
/// problems are thrown as ScenarioError at the pointer they concern.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/workload/workload.hpp"

namespace fleetsim {

/// The rest of the run as the reader sees it: the wiring answers from the World, tests from a table.
class WorkloadLookup {
 public:
  virtual ~WorkloadLookup() = default;
  /// The names of the request sinks, sorted: listeners ("<lb>:<port>") and the ALBs of EKS Ingresses
  /// ("ingress:<cluster>/<namespace>/<name>").
  virtual std::vector<std::string> request_sinks() const = 0;
  /// The queues' names, sorted.
  virtual std::vector<std::string> queues() const = 0;
};

/// Where a workload sends: a request sink or a queue, by the name the World provides it under.
struct WorkloadTarget {
  bool queue = false;  ///< true: a MessageQueue (each arrival one SendMessage); false: a RequestSink
  std::string name;    ///< "<lb>:<port>", "ingress:<cluster>/<namespace>/<name>" or the queue's name
};

/// A workloads entry.
struct WorkloadEntry {
  WorkloadConfig config;  ///< arrivals and demand
  WorkloadTarget target;  ///< where its requests go
};

/// The workloads section: names once each, targets that `lookup` knows, rates (trace files relative to
/// `scenario_dir`) and requests.
std::vector<WorkloadEntry> read_workloads(const nlohmann::json& section, const std::string& scenario_dir,
                                          const WorkloadLookup& lookup);

}  // namespace fleetsim
