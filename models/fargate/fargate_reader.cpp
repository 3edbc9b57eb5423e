#include "models/fargate/fargate_reader.hpp"

#include "sim/scenario/diagnostics.hpp"

namespace fleetsim {

FargateConfig read_fargate(const FargateCatalog& catalog, const std::string& region) {
  auto price = catalog.prices.find(region);
  if (price == catalog.prices.end()) {
    throw ScenarioError("/simulation/region", "the catalogue has no Fargate prices for region \"" + region +
                                                  "\"; add them under /catalog/fargate/prices");
  }
  const FargatePrice& p = price->second;
  const double f = 1 - catalog.spot_discount;
  return {p, {p.vcpu_hour * f, p.gb_hour * f, p.arm_vcpu_hour * f, p.arm_gb_hour * f}};
}

}  // namespace fleetsim
