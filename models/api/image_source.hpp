#pragma once
/// What a container registry tells a launch platform about an image.

#include <optional>
#include <string>
#include <vector>

namespace fleetsim {

/// One layer of an image: hosts that already hold a digest do not pull it again.
struct ImageLayer {
  std::string digest;
  double size_mib = 0;
};

/// An image's size as the registry serves it.
struct ImageInfo {
  double size_mib = 0;             ///< compressed size pulled over the network
  std::vector<ImageLayer> layers;  ///< its layers; one layer named after the image when the scenario lists none
};

/// The registry account EKS serves its add-on images from (coredns, kube-proxy, the VPC CNI) in every
/// commercial region; images there exist whatever the scenario lists.
inline constexpr const char* kEksAddonRegistry = "602401143452.dkr.ecr.";

/// A container registry (ECR) as platforms see it.
class ImageSource {
 public:
  virtual ~ImageSource() = default;
  /// The image, or nothing when the registry does not have it.
  virtual std::optional<ImageInfo> find(const std::string& image) const = 0;
  /// True when `image` is a private ECR image: its registry is a private ECR host
  /// ("ACCOUNT.dkr.ecr.REGION.amazonaws.com"), or it names one of the scenario's `repositories`. The one place that
  /// decides it: pulling such an image needs ECR permissions (IAM asks it).
  virtual bool private_ecr(const std::string& image) const = 0;
};

}  // namespace fleetsim
