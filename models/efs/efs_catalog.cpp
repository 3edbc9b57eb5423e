#include "models/efs/efs_catalog.hpp"

#include <algorithm>

namespace fleetsim {

namespace {
constexpr double kGibPerTib = 1024;
constexpr double kKibPerMib = 1024;
constexpr double kMibPerTib = 1024 * 1024;
}  // namespace

double baseline_mibps(const EfsCatalog& c, double size_gib) {
  return std::max(c.min_baseline_mibps, size_gib * c.baseline_kibps_per_gib / kKibPerMib);
}

double burst_mibps(const EfsCatalog& c, double size_gib) {
  return std::max(c.min_burst_mibps, size_gib / kGibPerTib * c.burst_mibps_per_tib);
}

double max_credits_mib(const EfsCatalog& c, double size_gib) {
  return std::max(1.0, size_gib / kGibPerTib) * c.max_credits_tib_per_tib * kMibPerTib;
}

double burst_seconds(const EfsCatalog& c, double size_gib, double credits_mib) {
  return credits_mib / (burst_mibps(c, size_gib) - baseline_mibps(c, size_gib));
}

}  // namespace fleetsim
