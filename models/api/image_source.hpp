#pragma once
/// What a container registry tells a launch platform about an image.

#include <optional>
#include <string>

namespace fleetsim {

/// An image's size as the registry serves it.
struct ImageInfo {
  double size_mib = 0;  ///< compressed size pulled over the network
};

/// A container registry (ECR) as platforms see it.
class ImageSource {
 public:
  virtual ~ImageSource() = default;
  /// The image, or nothing when the registry does not have it.
  virtual std::optional<ImageInfo> find(const std::string& image) const = 0;
};

}  // namespace fleetsim
