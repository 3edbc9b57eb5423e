#pragma once
/// A container image reference read as Docker reads it: the one parser of the AWS models (ECS, ECR, IAM). The
/// Kubernetes model keeps Kubernetes' own two readings (parsers.ParseImageName for the pull policy, imagelocality's
/// normalizedImageName), which differ from it on digests.

#include <string>

namespace fleetsim {

/// What an image reference names: "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/web:v1" is registry
/// "123456789012.dkr.ecr.us-east-1.amazonaws.com", repository "team/web", tag "v1"; "web" has no registry and tag
/// "latest".
struct ImageRef {
  std::string registry;    ///< the registry host, or "" (Docker Hub)
  std::string repository;  ///< the repository path in that registry
  std::string tag;         ///< the tag ("latest" when none; a digest reference also reads as "latest")
  /// The reference without its tag: "registry/repository" (Docker's name for it in its messages).
  std::string name() const { return registry.empty() ? repository : registry + "/" + repository; }
};

/// Splits `image` as Docker does: a first path component with a dot or colon is the registry host.
ImageRef parse_image_ref(const std::string& image);

/// The account and region of a private ECR registry host ("ACCOUNT.dkr.ecr.REGION.amazonaws.com").
struct EcrRegistry {
  std::string account;  ///< the 12-digit account id
  std::string region;   ///< the region
};

/// True when `registry` is a private ECR registry host; then `out` holds its account and region (else unchanged).
bool parse_ecr_registry(const std::string& registry, EcrRegistry& out);

}  // namespace fleetsim
