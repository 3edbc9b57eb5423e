#include "models/ecr/ecr_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void declare_ecr_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& layer = s.object("an image layer", "One layer of an image.");
  layer.field("digest", s.string(), "layer digest (sha256:...)")
      .required("sizeMiB", s.number(0, 1e6), "compressed size, MiB");
  Shape& image = s.object("an image", "An image the registry serves.");
  image.required("image", s.string(), "repository:tag, as a container definition names it")
      .field("sizeMiB", s.number(0, 1e6), "compressed size, MiB (default: the sum of layers)")
      .field("layers", s.array_of(&layer, 1000), "layers, for pull caching on EC2 hosts");
  r.add_section("images", s.array_of(&image, 100000),
                "what the registry serves; without it every image exists at the catalogue's default size");
}

}  // namespace fleetsim
