#pragma once
/// Fargate as a launch platform: start-up latencies from the catalogue, per-second billing.

#include <string>
#include <vector>

#include "models/api/container_instances.hpp"
#include "models/api/cost_ledger.hpp"
#include "models/api/image_source.hpp"
#include "models/api/launch_platform.hpp"
#include "models/catalog/catalog.hpp"
#include "sim/slot_pool.hpp"

namespace fleetsim {

/// Usage totals for summary.json.
struct FargateUsage {
  double vcpu_hours = 0;    ///< billed vCPU-hours
  double gb_hours = 0;      ///< billed GB-hours
  std::uint64_t tasks = 0;  ///< tasks that started pulling
};

/// FARGATE or FARGATE_SPOT capacity: unlimited, each task on its own micro-VM.
class FargatePlatform : public LaunchPlatform, public SpotPool {
 public:
  /// A platform billing at `price` (already discounted for Spot) into `ledger`.
  FargatePlatform(const FargateCatalog& catalog, FargatePrice price, bool spot, const ImageSource& images,
                  CostLedger& ledger);
  void request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) override;
  void withdraw(PlacementClient&) override {}  // placement is immediate: nothing waits
  void pull_started(std::uint32_t ticket, SimTime now) override;
  void released(std::uint32_t ticket, SimTime now) override;
  Duration deprovisioning(Rng& rng) override;
  /// Fargate Spot reclaims the `count` most recently started tasks: each gets SIGTERM with the two-minute
  /// notice and stops as a graceful stop does; its service starts a replacement (aws-facts "Fargate Spot
  /// interruption").
  void interrupt_spot(int count) override;
  /// An AZ went dark: every task placed in it stops at once (not gracefully), its service replaces it elsewhere.
  void zone_lost(const std::string& zone);
  /// Bills every task still running as if it stopped at `end`.
  void finish(SimTime end);
  /// The summary's window opens (after simulation.warmup): what was billed or accrued so far stays out of usage().
  void open_window(SimTime at);
  /// What was used in the summary's window.
  FargateUsage usage() const {
    return {usage_.vcpu_hours - before_window_.vcpu_hours, usage_.gb_hours - before_window_.gb_hours,
            usage_.tasks - before_window_.tasks};
  }

 private:
  struct Billing {
    double vcpu;
    double gb;
    double per_hour;  // USD at this task's architecture's rates
    SimTime start;
    bool billing = false;
    PlacementClient* client = nullptr;
    std::string zone;
  };
  void settle(Billing& b, SimTime now);

  const FargateCatalog& catalog_;
  FargatePrice price_;
  PurchaseOption option_;
  const ImageSource& images_;
  CostLedger& ledger_;
  SlotPool<Billing> tickets_{"Fargate tasks"};
  FargateUsage usage_;
  FargateUsage before_window_;  // left out of usage() by simulation.warmup
};

}  // namespace fleetsim
