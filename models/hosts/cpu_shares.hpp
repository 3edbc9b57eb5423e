#pragma once
/// How a container instance's vCPUs are shared between its tasks: Docker CPU shares, i.e. weighted
/// max-min fairness with each task's CPU units as its weight (the spec's request-level model).

#include <cstdint>
#include <vector>

#include "models/api/container_instances.hpp"
#include "sim/engine.hpp"
#include "sim/slot_pool.hpp"

namespace fleetsim {

/// The CPU arbiter of one instance. A task's demand is its requests in progress (each uses at most one
/// vCPU). While the demands fit in the instance every task may use all of it, so a demand change costs
/// O(1); once they do not, the vCPUs are water-filled by CPU units (tasks with no units only get what
/// the others leave) and each task whose share changed is told. That happens once per instant, after
/// the instant's demand changes so far: the health checks of an instance's tasks, registered together,
/// arrive together, and re-sharing after each of k of them cost O(k^2) updates. No simulated time
/// passes in between, so no work is done at a share about to change.
class CpuShares : public CpuHost {
 public:
  /// An instance with `vcpus`, re-sharing on `engine`.
  CpuShares(double vcpus, Engine& engine) : vcpus_(vcpus), engine_(engine) {}
  /// Adds a task slot weighing `cpu_units`; returns its ticket.
  std::uint32_t add_task(int cpu_units);
  /// Frees a slot (the task released its capacity).
  void remove_task(std::uint32_t ticket);

  void attach(std::uint32_t ticket, CpuConsumer* consumer) override;
  void demand_changed(std::uint32_t ticket, std::uint32_t active) override;

  /// The share task `ticket` was last given.
  double share(std::uint32_t ticket) const { return slots_[ticket].share; }

 private:
  struct Slot {
    double weight = 0;
    double demand = 0;
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
  std::vector<std::uint32_t> order_;  // scratch for rebalance
};

}  // namespace fleetsim
