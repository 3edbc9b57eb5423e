// The images section read without a World: sizes given or from layers, layers' digests, errors at their pointers.

#include <catch2/catch.hpp>

#include "models/ecr/ecr_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

TEST_CASE("images: sizes from layers or given, shared and own layers", "[ecr][reader]") {
  ImageTable t =
      read_images({{{"image", "web:1"}, {"layers", {{{"digest", "sha256:base"}, {"sizeMiB", 40}}, {{"sizeMiB", 10}}}}},
                   {{"image", "job:1"}, {"sizeMiB", 70}},
                   {{"image", "big:1"}, {"sizeMiB", 500}, {"layers", {{{"sizeMiB", 20}}}}}});
  REQUIRE(t.size() == 3);
  const ImageInfo& web = t.at("web:1");
  CHECK(web.size_mib == 50);
  REQUIRE(web.layers.size() == 2);
  CHECK(web.layers[0].digest == "sha256:base");
  CHECK(web.layers[0].size_mib == 40);
  CHECK(web.layers[1].digest == "web:1#1");  // a layer without a digest is the image's own
  const ImageInfo& job = t.at("job:1");
  CHECK(job.size_mib == 70);
  REQUIRE(job.layers.size() == 1);  // one layer named after the image
  CHECK(job.layers[0].digest == "job:1");
  CHECK(job.layers[0].size_mib == 70);
  CHECK(t.at("big:1").size_mib == 500);  // a given size wins over the layers' sum
  CHECK(read_images(nlohmann::json::array()).empty());
}

TEST_CASE("what the images reader refuses, and where", "[ecr][reader]") {
  Diagnostic e = error_of([] { read_images({{{"image", "a:1"}, {"sizeMiB", 1}}, {{"image", "web:1"}}}); });
  CHECK(e.pointer == "/images/1");
  CHECK(e.message == "expected \"sizeMiB\" or \"layers\" for image \"web:1\"");
  e = error_of([] { read_images({{{"image", "web:1"}, {"sizeMiB", 1}}, {{"image", "web:1"}, {"sizeMiB", 2}}}); });
  CHECK(e.pointer == "/images/1/image");
  CHECK(e.message == "image \"web:1\" is listed twice");
}

}  // namespace
}  // namespace fleetsim
