#pragma once
/// ECR as fleetsim sees it: which images exist and how large they are.

#include <optional>
#include <string>

#include "models/api/image_source.hpp"
#include "models/ecr/ecr_reader.hpp"
#include "models/ecr/repositories.hpp"

namespace fleetsim {

/// The scenario's `images` section, or "every image exists at the default size" without one; images of the
/// scenario's `repositories` are what those repositories hold at the time of the pull.
class ImageRegistry : public ImageSource {
 public:
  /// Every image exists at `default_size_mib`.
  explicit ImageRegistry(double default_size_mib) : default_size_mib_(default_size_mib) {}
  /// Only the `listed` images exist (a task with another image fails: CannotPullContainerError), and EKS's
  /// add-ons at `default_size_mib`.
  ImageRegistry(double default_size_mib, ImageTable listed)
      : default_size_mib_(default_size_mib), listed_only_(true), images_(std::move(listed)) {}
  /// Images of `repositories` come from it (null: none).
  void use_repositories(const Repositories* repositories) { repositories_ = repositories; }
  std::optional<ImageInfo> find(const std::string& image) const override;
  bool private_ecr(const std::string& image) const override;

 private:
  double default_size_mib_;
  bool listed_only_ = false;
  ImageTable images_;
  const Repositories* repositories_ = nullptr;
};

}  // namespace fleetsim
