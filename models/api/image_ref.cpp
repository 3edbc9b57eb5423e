#include "models/api/image_ref.hpp"

#include <algorithm>
#include <cctype>

namespace fleetsim {

ImageRef parse_image_ref(const std::string& image) {
  ImageRef ref;
  std::string rest = image;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    std::string first = rest.substr(0, slash);
    if (first.find('.') != std::string::npos || first.find(':') != std::string::npos) {
      ref.registry = first;
      rest = rest.substr(slash + 1);
    }
  }
  rest = rest.substr(0, rest.find('@'));
  auto colon = rest.rfind(':');
  ref.repository = rest.substr(0, colon);
  ref.tag = colon == std::string::npos ? "latest" : rest.substr(colon + 1);
  return ref;
}

bool parse_ecr_registry(const std::string& registry, EcrRegistry& out) {
  // ECR's registry URL (https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html):
  // aws_account_id.dkr.ecr.region.amazonaws.com.
  constexpr std::string_view kMiddle = ".dkr.ecr.";
  constexpr std::string_view kSuffix = ".amazonaws.com";
  if (registry.size() <= 12 + kMiddle.size() + kSuffix.size() || registry.compare(12, kMiddle.size(), kMiddle) != 0 ||
      !registry.ends_with(kSuffix))
    return false;
  if (!std::all_of(registry.begin(), registry.begin() + 12, [](unsigned char c) { return std::isdigit(c); }))
    return false;
  std::string region = registry.substr(12 + kMiddle.size(), registry.size() - kSuffix.size() - 12 - kMiddle.size());
  if (region.empty() || region.find('.') != std::string::npos) return false;
  out = {registry.substr(0, 12), region};
  return true;
}

}  // namespace fleetsim
