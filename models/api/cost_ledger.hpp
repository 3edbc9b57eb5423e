#pragma once
/// Costs of a run by purchase option, for summary.json and the per-period cost metric.

#include <optional>

#include "models/api/metric_source.hpp"
#include "sim/metrics/metric_store.hpp"

namespace fleetsim {

/// How capacity was bought.
enum class PurchaseOption { kEc2OnDemand, kEc2Spot, kFargate, kFargateSpot, kEksControlPlane };

/// Accumulates billed US dollars by purchase option.
class CostLedger {
 public:
  /// Records into the `fleetsim` `CostUSD` metric (dimension PurchaseOption).
  explicit CostLedger(MetricStore& metrics) : metrics_(metrics) {}
  /// A billed item starts or stops accruing `usd_per_hour` now (negative to stop).
  void add_rate(PurchaseOption option, SimTime now, double usd_per_hour);
  /// Adds a final charge: `usd` is the exact bill of an item that ended (after minimums and rounding);
  /// `accrued_usd` is what the rate already put into the period metric, so only the difference is added there.
  void settle(PurchaseOption option, double usd, double accrued_usd);
  /// Total billed for `option` so far (settled items only).
  double total(PurchaseOption option) const { return totals_[static_cast<int>(option)]; }
  /// True when something was billed (or began accruing) under `option`.
  bool used(PurchaseOption option) const { return series_[static_cast<int>(option)].has_value(); }
  /// Dollars accrued by the rates of every option from the start to `now`, without billing minimums or
  /// rounding: comparable between two windows of a run (the extra cost of a fault).
  double accrued_usd(SimTime now) const { return accrued_.integral(now) / 3.6e9; }

 private:
  IntegralId series(PurchaseOption option);

  MetricStore& metrics_;
  // Created on first use, so a run without Spot writes no all-zero Spot cost rows.
  std::optional<IntegralId> series_[5];
  double totals_[5] = {0, 0, 0, 0, 0};
  PlainIntegral accrued_;  // USD per hour x microseconds, all options
};

}  // namespace fleetsim
