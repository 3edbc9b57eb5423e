// What the registry serves: every image at the default size without an images section; with one, only the listed
// images and EKS's add-ons.

#include <catch2/catch.hpp>

#include "models/api/image_ref.hpp"
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

// ECR's registry URL is aws_account_id.dkr.ecr.region.amazonaws.com
// (https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html); Docker reads a first path component
// with a dot or a colon as the registry host.
TEST_CASE("a private ECR image is one in an ECR registry host, whatever the images section lists", "[ecr]") {
  ImageRegistry r(250);
  CHECK(r.private_ecr("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:v1"));
  CHECK(r.private_ecr("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web"));
  CHECK_FALSE(r.private_ecr("web:v1"));  // Docker Hub, and no repositories section names it
  CHECK_FALSE(r.private_ecr("public.ecr.aws/nginx/nginx:1"));
  CHECK_FALSE(r.private_ecr("12345678901.dkr.ecr.us-east-1.amazonaws.com/web:v1"));  // 11 digits
  CHECK_FALSE(r.private_ecr("ghcr.io/123456789012.dkr.ecr.us-east-1.amazonaws.com:v1"));

  ImageRef ref = parse_image_ref("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:v1");
  CHECK(ref.registry == "123456789012.dkr.ecr.us-east-1.amazonaws.com");
  CHECK(ref.repository == "team/web");
  CHECK(ref.tag == "v1");
  CHECK(ref.name() == "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web");
  EcrRegistry registry;
  REQUIRE(parse_ecr_registry(ref.registry, registry));
  CHECK(registry.account == "123456789012");
  CHECK(registry.region == "us-east-1");
  ImageRef hub = parse_image_ref("localhost:5000/web");
  CHECK(hub.registry == "localhost:5000");
  CHECK(hub.tag == "latest");
}

}  // namespace
}  // namespace fleetsim
