#pragma once
/// ECR as fleetsim sees it: which images exist and how large they are.

#include <map>
#include <nlohmann/json.hpp>

#include "models/api/image_source.hpp"
#include "sim/scenario/shape.hpp"

namespace fleetsim {

/// The scenario's `images` section, or "every image exists at the default size" without one.
class ImageRegistry : public ImageSource {
 public:
  /// Every image exists at `default_size_mib`.
  explicit ImageRegistry(double default_size_mib) : default_size_mib_(default_size_mib) {}
  /// Only the listed images exist (a task with another image fails: CannotPullContainerError).
  void load(const nlohmann::json& section, const std::string& pointer);
  std::optional<ImageInfo> find(const std::string& image) const override;
  /// The shape of the `images` section.
  static const Shape* section_shape(ShapeSet& shapes);

 private:
  double default_size_mib_;
  bool listed_only_ = false;
  std::map<std::string, ImageInfo> images_;
};

}  // namespace fleetsim
