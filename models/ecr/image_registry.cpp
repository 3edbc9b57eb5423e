#include "models/ecr/image_registry.hpp"

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

const Shape* ImageRegistry::section_shape(ShapeSet& s) {
  Shape& layer = s.object("an image layer", "One layer of an image.");
  layer.field("digest", s.string(), "layer digest (sha256:...)")
      .required("sizeMiB", s.number(0, 1e6), "compressed size, MiB");
  Shape& image = s.object("an image", "An image the registry serves.");
  image.required("image", s.string(), "repository:tag, as a container definition names it")
      .field("sizeMiB", s.number(0, 1e6), "compressed size, MiB (default: the sum of layers)")
      .field("layers", s.array_of(&layer, 1000), "layers, for pull caching on EC2 hosts");
  return s.array_of(&image, 100000);
}

void ImageRegistry::load(const nlohmann::json& section, const std::string& pointer) {
  listed_only_ = true;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& e = section[i];
    std::string p = append_pointer(pointer, i);
    std::string name = e["image"].get<std::string>();
    ImageInfo info;
    if (e.contains("layers")) {
      const nlohmann::json& layers = e["layers"];
      for (std::size_t l = 0; l < layers.size(); ++l) {
        double mib = layers[l]["sizeMiB"].get<double>();
        info.size_mib += mib;
        // A layer without a digest is this image's own: no other image shares it.
        info.layers.push_back({layers[l].value("digest", name + "#" + std::to_string(l)), mib});
      }
    }
    if (e.contains("sizeMiB")) {
      info.size_mib = e["sizeMiB"].get<double>();
    } else if (!e.contains("layers")) {
      throw ScenarioError(p, "expected \"sizeMiB\" or \"layers\" for image " + e["image"].dump());
    }
    if (info.layers.empty()) info.layers.push_back({name, info.size_mib});
    if (!images_.emplace(name, std::move(info)).second) {
      throw ScenarioError(append_pointer(p, "image"), "image " + e["image"].dump() + " is listed twice");
    }
  }
}

std::optional<ImageInfo> ImageRegistry::find(const std::string& image) const {
  if (!listed_only_) return ImageInfo{default_size_mib_, {{image, default_size_mib_}}};
  auto it = images_.find(image);
  // EKS's add-on images (coredns, ...) come from AWS's own registry account: they always exist.
  if (it == images_.end() && image.starts_with(kEksAddonRegistry))
    return ImageInfo{default_size_mib_, {{image, default_size_mib_}}};
  if (it == images_.end()) return std::nullopt;
  return it->second;
}

}  // namespace fleetsim
