#pragma once
/// How a container instance's vCPUs are shared between its tasks: Docker CPU shares, i.e. weighted
/// max-min fairness with each task's CPU units as its weight (the spec's request-level model), each
/// task held under its hard limit (CFS quota) where it has one.

#include <cstdint>
#include <vector>

#include "models/api/container_instances.hpp"
#include "sim/engine.hpp"
#include "sim/slot_pool.hpp"

namespace fleetsim {

/// The CPU arbiter of one instance. A task's demand is its requests in progress (each uses at most one
/// vCPU). While the demands fit in the instance every task may use all of it, so a demand change costs
/// O(1); once they do not, the vCPUs are water-filled by CPU units (tasks with no units only get what
/// the others leave) and each task whose share changed is told. A task with a hard limit never gets
/// more than it, and demands no more than it: what it cannot use stays with the others. Re-sharing
/// happens once per instant, after the instant's demand changes so far: the health checks of an
/// instance's tasks, registered together, arrive together, and re-sharing after each of k of them cost
/// O(k^2) updates. No simulated time passes in between, so no work is done at a share about to change.
class CpuShares : public CpuHost {
 public:
  /// An instance with `vcpus`, re-sharing on `engine`.
  CpuShares(double vcpus, Engine& engine) : vcpus_(vcpus), engine_(engine) {}
  /// Adds a task slot weighing `cpu_units` and capped at `limit_units` (1024 per vCPU; 0: no hard
  /// limit, the task may use all idle CPU); returns its ticket.
  std::uint32_t add_task(int cpu_units, int limit_units = 0);
  /// Frees a slot (the task released its capacity).
  void remove_task(std::uint32_t ticket);

  void attach(std::uint32_t ticket, CpuConsumer* consumer) override;
  void demand_changed(std::uint32_t ticket, std::uint32_t active) override;

  /// The share task `ticket` was last given.
  double share(std::uint32_t ticket) const { return slots_[ticket].share; }

 private:
  struct Slot {
    double weight = 0;
    double cap = 0;     // vCPUs at most: the hard limit, or the whole instance
    double demand = 0;  // requests in progress, at most cap
    double share = 0;
    CpuConsumer* consumer = nullptr;
  };
  void rebalance();
  void on_rebalance(std::uint64_t);
  void give(Slot& slot, double share);

  double vcpus_;
  Engine& engine_;
  bool rebalance_pending_ = false;
  double total_demand_ = 0;
  bool contended_ = false;
  SlotPool<Slot> slots_{"tasks on one instance"};
  std::vector<std::uint32_t> order_;  // tickets in use, in the order of the last rebalance
};

}  // namespace fleetsim
