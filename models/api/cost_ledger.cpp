#include "models/api/cost_ledger.hpp"

namespace fleetsim {

IntegralId CostLedger::series(PurchaseOption option) {
  static const char* const kNames[kPurchaseOptions] = {"EC2OnDemand",     "EC2Spot", "Fargate",   "FargateSpot",
                                                       "EKSControlPlane", "EFS",     "ECRStorage"};
  std::optional<IntegralId>& s = series_[static_cast<int>(option)];
  if (!s) {
    s = metrics_.add_integral(
        MetricKey{"fleetsim", "CostUSD", make_dimensions({{"PurchaseOption", kNames[static_cast<int>(option)]}})});
  }
  return *s;
}

void CostLedger::add_rate(PurchaseOption option, SimTime now, double usd_per_hour) {
  metrics_.add_rate(series(option), now, usd_per_hour);
  accrued_.add(now, usd_per_hour);
  option_accrued_[static_cast<int>(option)].add(now, usd_per_hour);
}

void CostLedger::open_window(SimTime now) {
  for (int o = 0; o < kPurchaseOptions; ++o) {
    // Items still open now accrued (rate integral - accruals of settled items) before the window; their bill
    // comes when they end, inside it.
    double open_accrued = option_accrued_[o].integral(now) / 3.6e9 - settled_accrual_[o];
    before_window_[o] = totals_[o] + open_accrued;
  }
}

void CostLedger::settle(PurchaseOption option, double usd, double accrued_usd) {
  totals_[static_cast<int>(option)] += usd;
  settled_accrual_[static_cast<int>(option)] += accrued_usd;
  metrics_.add_lump(series(option), usd - accrued_usd);
}

}  // namespace fleetsim
