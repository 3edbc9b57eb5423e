// What the registry serves: every image at the default size without an images section; with one, only the listed
// images and EKS's add-ons.

#include <catch2/catch.hpp>

#include "models/ecr/image_registry.hpp"

namespace fleetsim {
namespace {

TEST_CASE("without an images section every image exists at the default size", "[ecr]") {
  ImageRegistry r(250);
  std::optional<ImageInfo> i = r.find("anything:latest");
  REQUIRE(i);
  CHECK(i->size_mib == 250);
  REQUIRE(i->layers.size() == 1);
  CHECK(i->layers[0].digest == "anything:latest");
}

TEST_CASE("listed images only, and EKS's add-ons at the default size", "[ecr]") {
  ImageRegistry r(250, {{"web:1", ImageInfo{50, {{"sha256:base", 40}, {"web:1#1", 10}}}}});
  std::optional<ImageInfo> web = r.find("web:1");
  REQUIRE(web);
  CHECK(web->size_mib == 50);
  CHECK(web->layers.size() == 2);
  CHECK_FALSE(r.find("web:2"));
  std::string coredns = std::string(kEksAddonRegistry) + "us-east-1.amazonaws.com/eks/coredns:v1.11.1";
  std::optional<ImageInfo> addon = r.find(coredns);
  REQUIRE(addon);
  CHECK(addon->size_mib == 250);
}

}  // namespace
}  // namespace fleetsim
