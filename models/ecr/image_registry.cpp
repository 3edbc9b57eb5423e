#include "models/ecr/image_registry.hpp"

namespace fleetsim {

std::optional<ImageInfo> ImageRegistry::find(const std::string& image) const {
  if (private_ecr(image)) return repositories_->find(image);
  if (!listed_only_) return ImageInfo{default_size_mib_, {{image, default_size_mib_}}};
  auto it = images_.find(image);
  // EKS's add-on images (coredns, ...) come from AWS's own registry account: they always exist.
  if (it == images_.end() && image.starts_with(kEksAddonRegistry))
    return ImageInfo{default_size_mib_, {{image, default_size_mib_}}};
  if (it == images_.end()) return std::nullopt;
  return it->second;
}

}  // namespace fleetsim
