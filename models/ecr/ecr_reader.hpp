#pragma once
/// The pure reader of the `images` section: validated JSON in, the listed images out, no World; problems are
/// thrown as ScenarioError at the pointer they concern.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/api/image_source.hpp"
#include "models/ecr/lifecycle_policy.hpp"
#include "sim/time.hpp"

namespace fleetsim {

/// The images a registry serves, by repository:tag.
using ImageTable = std::map<std::string, ImageInfo>;

/// What a repository needs of a listed image beyond its size: when it was pushed and what a scan finds.
struct ImageHistory {
  std::size_t listed = 0;  ///< its index in the section (pushes at one time count in list order)
  Duration pushed_at;      ///< pushedAt, from the start of the run (negative: before it; default 0)
  nlohmann::json findings = nlohmann::json::object();  ///< x-fleetsim.findings: counts by severity
};

/// The images section (at /images): each image once, its size given or the sum of its layers; a layer without a
/// digest is the image's own (named "<image>#<index>"), an image without layers is one layer named after it.
ImageTable read_images(const nlohmann::json& section);

/// The size and layers of the image `name` described by `entry` (an images entry or a pushImage action) at `p`.
ImageInfo read_image_info(const nlohmann::json& entry, const std::string& name, const std::string& p);

/// Every listed image's push time and scan findings, by name.
std::map<std::string, ImageHistory> read_image_histories(const nlohmann::json& section);

/// A CreateRepository request with its PutLifecyclePolicy, read.
struct RepositoryConfig {
  std::string name;                          ///< repositoryName
  bool immutable = false;                    ///< imageTagMutability IMMUTABLE
  bool scan_on_push = false;                 ///< imageScanningConfiguration.scanOnPush
  std::optional<LifecyclePolicy> lifecycle;  ///< lifecyclePolicyText
};

/// The repositories section (at /repositories): each name once, its lifecycle policy checked as ECR checks it.
std::vector<RepositoryConfig> read_repositories(const nlohmann::json& section);

/// A duration that may be negative: "-30d", or a negative number of seconds.
Duration read_signed_duration(const nlohmann::json& v, const std::string& pointer);

}  // namespace fleetsim
