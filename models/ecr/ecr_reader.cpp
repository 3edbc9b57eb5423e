#include "models/ecr/ecr_reader.hpp"

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

ImageInfo read_image_info(const nlohmann::json& e, const std::string& name, const std::string& p) {
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
    throw ScenarioError(p, "expected \"sizeMiB\" or \"layers\" for image \"" + name + "\"");
  }
  if (info.layers.empty()) info.layers.push_back({name, info.size_mib});
  return info;
}

ImageTable read_images(const nlohmann::json& section) {
  ImageTable images;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& e = section[i];
    std::string p = append_pointer("/images", i);
    std::string name = e["image"].get<std::string>();
    if (!images.emplace(name, read_image_info(e, name, p)).second) {
      throw ScenarioError(append_pointer(p, "image"), "image " + e["image"].dump() + " is listed twice");
    }
  }
  return images;
}

std::map<std::string, ImageHistory> read_image_histories(const nlohmann::json& section) {
  std::map<std::string, ImageHistory> out;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& e = section[i];
    std::string p = append_pointer("/images", i);
    ImageHistory h;
    h.listed = i;
    if (e.contains("pushedAt")) h.pushed_at = read_signed_duration(e["pushedAt"], append_pointer(p, "pushedAt"));
    h.findings = e.value("x-fleetsim", nlohmann::json::object()).value("findings", nlohmann::json::object());
    out.emplace(e["image"].get<std::string>(), std::move(h));
  }
  return out;
}

std::vector<RepositoryConfig> read_repositories(const nlohmann::json& section) {
  std::vector<RepositoryConfig> out;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& r = section[i];
    std::string p = append_pointer("/repositories", i);
    RepositoryConfig c;
    c.name = r["repositoryName"].get<std::string>();
    for (const RepositoryConfig& seen : out) {
      if (seen.name == c.name)
        throw ScenarioError(append_pointer(p, "repositoryName"), "repository \"" + c.name + "\" is defined twice");
    }
    c.immutable = r.value("imageTagMutability", std::string("MUTABLE")) == "IMMUTABLE";
    c.scan_on_push = r.value("imageScanningConfiguration", nlohmann::json::object()).value("scanOnPush", false);
    if (r.contains("lifecyclePolicyText"))
      c.lifecycle = read_lifecycle_policy(r["lifecyclePolicyText"], append_pointer(p, "lifecyclePolicyText"));
    out.push_back(std::move(c));
  }
  return out;
}

Duration read_signed_duration(const nlohmann::json& v, const std::string& pointer) {
  if (v.is_string() && v.get<std::string>().starts_with("-"))
    return Duration::seconds(0) - read_duration(v.get<std::string>().substr(1), pointer);
  if (v.is_number() && v.get<double>() < 0) return Duration::seconds(0) - read_duration(-v.get<double>(), pointer);
  return read_duration(v, pointer);
}

}  // namespace fleetsim
