// The images section read without a World: sizes from layers or given, every image without a section, errors.

#include <catch2/catch.hpp>

#include "models/ecr/image_registry.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

// The diagnostic loading `section` throws.
Diagnostic error_loading(const nlohmann::json& section) {
  return error_of([&] { ImageRegistry(100).load(section, "/images"); });
}

TEST_CASE("without an images section every image exists at the default size", "[ecr][reader]") {
  ImageRegistry r(250);
  std::optional<ImageInfo> i = r.find("anything:latest");
  REQUIRE(i);
  CHECK(i->size_mib == 250);
  REQUIRE(i->layers.size() == 1);
  CHECK(i->layers[0].digest == "anything:latest");
}

TEST_CASE("listed images: sizes from layers, shared digests, nothing else exists", "[ecr][reader]") {
  ImageRegistry r(250);
  r.load({{{"image", "web:1"}, {"layers", {{{"digest", "sha256:base"}, {"sizeMiB", 40}}, {{"sizeMiB", 10}}}}},
          {{"image", "job:1"}, {"sizeMiB", 70}}},
         "/images");
  std::optional<ImageInfo> web = r.find("web:1");
  REQUIRE(web);
  CHECK(web->size_mib == 50);
  REQUIRE(web->layers.size() == 2);
  CHECK(web->layers[0].digest == "sha256:base");
  CHECK(web->layers[1].digest == "web:1#1");  // a layer without a digest is the image's own
  CHECK(r.find("job:1")->size_mib == 70);
  CHECK_FALSE(r.find("web:2"));
}

TEST_CASE("what the images reader refuses, and where", "[ecr][reader]") {
  Diagnostic e = error_loading({{{"image", "web:1"}}});
  CHECK(e.pointer == "/images/0");
  CHECK(e.message == "expected \"sizeMiB\" or \"layers\" for image \"web:1\"");
  e = error_loading({{{"image", "web:1"}, {"sizeMiB", 1}}, {{"image", "web:1"}, {"sizeMiB", 2}}});
  CHECK(e.pointer == "/images/1/image");
  CHECK(e.message == "image \"web:1\" is listed twice");
}

}  // namespace
}  // namespace fleetsim
