#include "models/api/cost_ledger.hpp"

namespace fleetsim {

IntegralId CostLedger::series(PurchaseOption option) {
  static const char* const kNames[5] = {"EC2OnDemand", "EC2Spot", "Fargate", "FargateSpot", "EKSControlPlane"};
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
}

void CostLedger::settle(PurchaseOption option, double usd, double accrued_usd) {
  totals_[static_cast<int>(option)] += usd;
  metrics_.add_lump(series(option), usd - accrued_usd);
}

}  // namespace fleetsim
