#include "models/ecr/repositories.hpp"

#include <algorithm>
#include <set>

#include "models/api/event_bus.hpp"
#include "sim/output/sha256.hpp"

namespace fleetsim {

namespace {
// AWS's pricing pages count a month as 730 hours.
constexpr double kHoursPerMonth = 730;
}  // namespace

Repositories::Repositories(RunContext& ctx, std::vector<RepositoryConfig> configs, const ImageTable& listed,
                           const std::map<std::string, ImageHistory>& histories, double storage_usd_gb_month)
    : ctx_(ctx), usd_gb_month_(storage_usd_gb_month) {
  for (RepositoryConfig& c : configs) repositories_.push_back({std::move(c), {}});
  // Listed images in push order (list order among equal times), so later pushes are newer.
  std::vector<std::pair<const std::string*, const ImageHistory*>> order;
  for (const auto& [name, history] : histories) order.emplace_back(&name, &history);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    return a.second->pushed_at != b.second->pushed_at ? a.second->pushed_at < b.second->pushed_at
                                                      : a.second->listed < b.second->listed;
  });
  for (const auto& [name, history] : order) {
    ImageRef ref = parse_image_ref(*name);
    Repository* repo = index_of(ref.repository);
    if (repo == nullptr) continue;
    add_image(*repo, {"", {ref.tag}, SimTime::zero() + history->pushed_at, listed.at(*name), history->findings});
  }
}

const Repositories::Repository* Repositories::index_of(const std::string& name) const {
  for (const Repository& r : repositories_) {
    if (r.config.name == name) return &r;
  }
  return nullptr;
}

bool Repositories::holds(const std::string& image) const { return index_of(parse_image_ref(image).repository); }

std::optional<ImageInfo> Repositories::find(const std::string& image) const {
  ImageRef ref = parse_image_ref(image);
  const Repository* repo = index_of(ref.repository);
  if (repo == nullptr) return std::nullopt;
  for (const StoredImage& s : repo->images) {
    if (!s.expired && std::find(s.tags.begin(), s.tags.end(), ref.tag) != s.tags.end()) return s.info;
  }
  return std::nullopt;
}

const std::vector<StoredImage>& Repositories::images(const std::string& repository) const {
  return index_of(repository)->images;
}

void Repositories::add_image(Repository& repo, StoredImage image) {
  // A digest derived from what was pushed and when, so runs repeat it.
  image.digest = "sha256:" + sha256_hex(repo.config.name + ":" + image.tags.front() + "#" + std::to_string(++pushes_));
  repo.images.push_back(std::move(image));
}

void Repositories::push(const std::string& repository, const std::string& tag, ImageInfo info,
                        nlohmann::json findings) {
  Repository& repo = *index_of(repository);
  auto holder = std::find_if(repo.images.begin(), repo.images.end(), [&](const StoredImage& s) {
    return !s.expired && std::find(s.tags.begin(), s.tags.end(), tag) != s.tags.end();
  });
  if (holder != repo.images.end() && repo.config.immutable) {
    // ECR's PutImage error for a tag that exists in an IMMUTABLE repository (ECR API reference, PutImage errors).
    if (ctx_.events.enabled()) {
      ctx_.events.emit(ctx_.engine.now(), "EcrImagePushFailed",
                       {{"repository", repository},
                        {"tag", tag},
                        {"error", "ImageTagAlreadyExistsException: The image tag '" + tag +
                                      "' already exists in the '" + repository +
                                      "' repository and cannot be overwritten because the repository "
                                      "is immutable."}});
    }
    return;
  }
  // A mutable push moves the tag: the image that had it keeps its other tags, or becomes untagged.
  if (holder != repo.images.end()) holder->tags.erase(std::find(holder->tags.begin(), holder->tags.end(), tag));
  add_image(repo, {"", {tag}, ctx_.engine.now(), std::move(info), std::move(findings)});
  const StoredImage& pushed = repo.images.back();
  if (ctx_.events.enabled()) {
    ctx_.events.emit(
        ctx_.engine.now(), "EcrImagePush",
        {{"repository", repository}, {"tag", tag}, {"imageDigest", pushed.digest}, {"sizeMiB", pushed.info.size_mib}});
  }
  if (repo.config.scan_on_push) scan(repo, pushed);
  update_storage();
}

void Repositories::scan(const Repository& repo, const StoredImage& image) {
  if (ctx_.events.enabled()) {
    ctx_.events.emit(ctx_.engine.now(), "EcrImageScan",
                     {{"repository", repo.config.name},
                      {"imageDigest", image.digest},
                      {"imageTags", image.tags},
                      {"findingSeverityCounts", image.findings}});
  }
  // ECR user guide, "Amazon ECR events and EventBridge": the basic scan's completion event.
  publish_event(ctx_, [&](const EventBus& bus) {
    return BusEvent{"aws.ecr",
                    "ECR Image Scan",
                    nlohmann::json::array({bus.arn("ecr", "repository/" + repo.config.name)}),
                    {{"scan-status", "COMPLETE"},
                     {"repository-name", repo.config.name},
                     {"finding-severity-counts", image.findings},
                     {"image-digest", image.digest},
                     {"image-tags", image.tags}}};
  });
}

void Repositories::evaluate_lifecycles() {
  const double now_s = ctx_.engine.now().seconds_f();
  bool changed = false;
  for (Repository& repo : repositories_) {
    if (!repo.config.lifecycle) continue;
    std::vector<std::size_t> live;
    std::vector<LifecycleImage> view;
    for (std::size_t i = 0; i < repo.images.size(); ++i) {
      if (repo.images[i].expired) continue;
      live.push_back(i);
      view.push_back({repo.images[i].tags, repo.images[i].pushed_at.seconds_f()});
    }
    for (const LifecycleExpiry& e : evaluate_lifecycle(*repo.config.lifecycle, view, now_s)) {
      StoredImage& image = repo.images[live[e.image]];
      image.expired = true;
      changed = true;
      if (ctx_.events.enabled()) {
        ctx_.events.emit(ctx_.engine.now(), "EcrImageExpired",
                         {{"repository", repo.config.name},
                          {"imageDigest", image.digest},
                          {"imageTags", image.tags},
                          {"rulePriority", e.rule_priority}});
      }
    }
  }
  if (changed) update_storage();
}

void Repositories::start(CostLedger& costs) {
  costs_ = &costs;
  since_ = ctx_.engine.now();
  update_storage();
}

void Repositories::update_storage() {
  if (costs_ == nullptr) return;
  // ECR stores a layer once per repository, however many images share it.
  double mib = 0;
  for (const Repository& repo : repositories_) {
    std::set<std::string> layers;
    for (const StoredImage& image : repo.images) {
      if (image.expired) continue;
      for (const ImageLayer& l : image.info.layers) {
        if (layers.insert(l.digest).second) mib += l.size_mib;
      }
    }
  }
  const double rate = mib / 1024 * usd_gb_month_ / kHoursPerMonth;
  const SimTime now = ctx_.engine.now();
  accrued_usd_ += usd_per_hour_ * (now - since_).seconds_f() / 3600;
  since_ = now;
  costs_->add_rate(PurchaseOption::kEcrStorage, now, rate - usd_per_hour_);
  usd_per_hour_ = rate;
}

void Repositories::finish(SimTime end) {
  if (costs_ == nullptr) return;
  accrued_usd_ += usd_per_hour_ * (end - since_).seconds_f() / 3600;
  costs_->add_rate(PurchaseOption::kEcrStorage, end, -usd_per_hour_);
  costs_->settle(PurchaseOption::kEcrStorage, accrued_usd_, accrued_usd_);
  costs_ = nullptr;
}

}  // namespace fleetsim
