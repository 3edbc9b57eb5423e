#pragma once
/// The pure reader of Fargate's settings. Fargate has no section of its own: what a run's two platforms charge
/// comes from the catalogue (built in, or overridden under /catalog/fargate, which the catalog model has already
/// read) and the run's region. No World; problems are thrown as ScenarioError at the pointer they concern.

#include <string>

#include "models/catalog/catalog.hpp"

namespace fleetsim {

/// What FARGATE and FARGATE_SPOT charge in a run's region.
struct FargateConfig {
  FargatePrice on_demand;  ///< FARGATE
  FargatePrice spot;       ///< FARGATE_SPOT: every rate discounted by the catalogue's spotDiscount
};

/// The prices of `region` in `catalog`; throws at /simulation/region when the catalogue has none there.
FargateConfig read_fargate(const FargateCatalog& catalog, const std::string& region);

}  // namespace fleetsim
