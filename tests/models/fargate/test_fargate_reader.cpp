// Fargate's prices read without a World: the region's on-demand rates from the built-in catalogue or an override,
// Spot at the catalogue's discount, and the error for a region the catalogue has no prices for.

#include <catch2/catch.hpp>

#include "models/fargate/fargate_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

TEST_CASE("Fargate prices: the region's on-demand rates, Spot at the discount", "[fargate][reader]") {
  const Catalog& built_in = Catalog::built_in();
  FargateConfig c = read_fargate(built_in.fargate, "us-east-1");
  CHECK(c.on_demand.vcpu_hour == 0.04048);  // the built-in catalogue's us-east-1 rates
  CHECK(c.on_demand.gb_hour == 0.004445);
  CHECK(c.on_demand.arm_vcpu_hour == 0.03238);
  CHECK(c.on_demand.arm_gb_hour == 0.00356);
  CHECK(c.spot.vcpu_hour == Approx(0.04048 * 0.3));  // the built-in 70 % Spot discount
  CHECK(c.spot.gb_hour == Approx(0.004445 * 0.3));
  CHECK(c.spot.arm_vcpu_hour == Approx(0.03238 * 0.3));
  CHECK(c.spot.arm_gb_hour == Approx(0.00356 * 0.3));
  FargateCatalog own = built_in.fargate;
  own.spot_discount = 0.5;
  own.prices["ap-south-1"] = {0.1, 0.01, 0.08, 0.008};
  c = read_fargate(own, "ap-south-1");
  CHECK(c.on_demand.vcpu_hour == 0.1);
  CHECK(c.spot.vcpu_hour == 0.05);
  CHECK(c.spot.arm_gb_hour == 0.004);
}

TEST_CASE("Fargate prices: a region the catalogue does not price is refused at the region", "[fargate][reader]") {
  FargateCatalog none;
  Diagnostic e = error_of([&] { read_fargate(none, "us-east-1"); });
  CHECK(e.pointer == "/simulation/region");
  CHECK(e.message ==
        "the catalogue has no Fargate prices for region \"us-east-1\"; add them under /catalog/fargate/prices");
}

}  // namespace
}  // namespace fleetsim
