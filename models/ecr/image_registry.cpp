#include "models/ecr/image_registry.hpp"

#include "models/api/image_ref.hpp"

namespace fleetsim {

bool ImageRegistry::private_ecr(const std::string& image) const {
  ImageRef ref = parse_image_ref(image);
  EcrRegistry registry;
  return parse_ecr_registry(ref.registry, registry) ||
         (repositories_ != nullptr && repositories_->has_repository(ref.repository));
}

std::optional<ImageInfo> ImageRegistry::find(const std::string& image) const {
  // A repository of the scenario serves its images; other images (a private ECR URI included) come from `images`.
  if (repositories_ != nullptr && repositories_->holds(image)) return repositories_->find(image);
  if (!listed_only_) return ImageInfo{default_size_mib_, {{image, default_size_mib_}}};
  auto it = images_.find(image);
  // EKS's add-on images (coredns, ...) come from AWS's own registry account: they always exist.
  if (it == images_.end() && image.starts_with(kEksAddonRegistry))
    return ImageInfo{default_size_mib_, {{image, default_size_mib_}}};
  if (it == images_.end()) return std::nullopt;
  return it->second;
}

}  // namespace fleetsim
