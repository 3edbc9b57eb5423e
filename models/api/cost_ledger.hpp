#pragma once
/// Costs of a run by purchase option, for summary.json and the per-period cost metric.

#include <optional>

#include "models/api/metric_source.hpp"
#include "sim/metrics/metric_store.hpp"

namespace fleetsim {

/// How capacity was bought.
enum class PurchaseOption { kEc2OnDemand, kEc2Spot, kFargate, kFargateSpot, kEksControlPlane, kEfs, kEcrStorage };
/// How many purchase options there are.
inline constexpr int kPurchaseOptions = 7;

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
  /// What summary.json reports for `option`: the total, less what belongs before the summary's window (the bills
  /// settled before it, and the part of still-open items that accrued before it).
  double window_total(PurchaseOption option) const {
    return totals_[static_cast<int>(option)] - before_window_[static_cast<int>(option)];
  }
  /// The summary's window opens at `now`: what was billed or accrued so far stays out of window_total.
  void open_window(SimTime now);
  /// Dollars accrued by the rates of every option from the start to `now`, without billing minimums or
  /// rounding: comparable between two windows of a run (the extra cost of a fault).
  double accrued_usd(SimTime now) const { return accrued_.integral(now) / 3.6e9; }

 private:
  IntegralId series(PurchaseOption option);

  MetricStore& metrics_;
  // Created on first use, so a run without Spot writes no all-zero Spot cost rows.
  std::optional<IntegralId> series_[kPurchaseOptions];
  double totals_[kPurchaseOptions] = {};
  TimeWeightedSignal accrued_;  // USD per hour x microseconds, all options
  // For the summary's window only (their sums never reach an output without a warm-up): each option's rates,
  // the accruals of its settled items, and what window_total leaves out.
  TimeWeightedSignal option_accrued_[kPurchaseOptions];
  double settled_accrual_[kPurchaseOptions] = {};
  double before_window_[kPurchaseOptions] = {};
};

}  // namespace fleetsim
