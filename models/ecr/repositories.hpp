#pragma once
/// ECR private repositories during a run: the images each holds (tags, push times, layers), pushes with tag
/// mutability, scan on push, lifecycle expiry and storage billing. Images of other repositories are not its business.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/api/cost_ledger.hpp"
#include "models/api/image_ref.hpp"
#include "models/api/image_source.hpp"
#include "models/api/run_context.hpp"
#include "models/ecr/ecr_reader.hpp"

namespace fleetsim {

/// One image a repository holds.
struct StoredImage {
  std::string digest;                                  ///< imageDigest
  std::vector<std::string> tags;                       ///< empty: untagged
  SimTime pushed_at;                                   ///< may be before the start (pushedAt)
  ImageInfo info;                                      ///< size and layers
  nlohmann::json findings = nlohmann::json::object();  ///< scan findings by severity
  bool expired = false;                                ///< removed by a lifecycle rule
};

/// Every private repository of a run.
class Repositories {
 public:
  /// `configs` in section order; the listed images whose repository is one of them are its first images.
  Repositories(RunContext& ctx, std::vector<RepositoryConfig> configs, const ImageTable& listed,
               const std::map<std::string, ImageHistory>& histories, double storage_usd_gb_month);
  /// True when `image` names a repository of the scenario (a private ECR image).
  bool holds(const std::string& image) const;
  /// The image `image` names now, or nothing (never pushed, expired, or its tag moved away).
  std::optional<ImageInfo> find(const std::string& image) const;
  /// True when the repository `name` exists.
  bool has_repository(const std::string& name) const { return index_of(name) != nullptr; }
  /// PutImage of `tag` into `repository`: refused (an event, no change) when the tag exists and the repository is
  /// IMMUTABLE; otherwise the tag moves to the new image, and a scan runs when scanOnPush is set.
  void push(const std::string& repository, const std::string& tag, ImageInfo info, nlohmann::json findings);
  /// Expires what every lifecycle policy selects now.
  void evaluate_lifecycles();
  /// Starts billing storage.
  void start(CostLedger& costs);
  /// Settles the storage bill at `end`.
  void finish(SimTime end);
  /// The images of `repository` (expired ones included), in push order.
  const std::vector<StoredImage>& images(const std::string& repository) const;

 private:
  struct Repository {
    RepositoryConfig config;
    std::vector<StoredImage> images;
  };
  const Repository* index_of(const std::string& name) const;
  Repository* index_of(const std::string& name) { return const_cast<Repository*>(std::as_const(*this).index_of(name)); }
  void add_image(Repository& repo, StoredImage image);
  void scan(const Repository& repo, const StoredImage& image);
  // Re-bills storage after the stored bytes changed.
  void update_storage();

  RunContext& ctx_;
  std::vector<Repository> repositories_;
  double usd_gb_month_;
  CostLedger* costs_ = nullptr;
  double usd_per_hour_ = 0;
  double accrued_usd_ = 0;
  SimTime since_;
  std::uint64_t pushes_ = 0;
};

}  // namespace fleetsim
