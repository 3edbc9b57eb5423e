#include "models/ecr/ecr_reader.hpp"

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

ImageTable read_images(const nlohmann::json& section) {
  ImageTable images;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& e = section[i];
    std::string p = append_pointer("/images", i);
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
    if (!images.emplace(name, std::move(info)).second) {
      throw ScenarioError(append_pointer(p, "image"), "image " + e["image"].dump() + " is listed twice");
    }
  }
  return images;
}

}  // namespace fleetsim
