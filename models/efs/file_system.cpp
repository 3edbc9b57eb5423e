#include "models/efs/file_system.hpp"

#include <algorithm>
#include <cmath>

namespace fleetsim {

namespace {
constexpr double kBytesPerMib = 1024.0 * 1024.0;
constexpr double kMibPerGib = 1024;
}  // namespace

FileSystem::FileSystem(RunContext& ctx, FileSystemConfig config, const EfsCatalog& catalog, std::string region,
                       CostLedger& costs)
    : ctx_(ctx),
      config_(std::move(config)),
      catalog_(catalog),
      region_(std::move(region)),
      costs_(costs),
      baseline_(baseline_mibps(catalog, config_.size_gib)),
      ceiling_(0),
      permitted_(0),
      credits_at_(ctx.engine.now()),
      server_(ctx.engine, 1.0, 0, this) {
  switch (config_.mode) {
    case ThroughputMode::kBursting:
      ceiling_ = burst_mibps(catalog, config_.size_gib);
      credits_ = std::min(config_.initial_credits.value_or(catalog.initial_credits_tib * kMibPerGib * kMibPerGib),
                          max_credits_mib(catalog, config_.size_gib));
      permitted_ = credits_ > 0 ? ceiling_ : baseline_;
      break;
    case ThroughputMode::kProvisioned:
      // "If the baseline your storage gives is higher than what you provisioned, the file system uses it"
      // (performance page, Provisioned throughput).
      ceiling_ = permitted_ = std::max(config_.provisioned_mibps, baseline_);
      break;
    case ThroughputMode::kElastic:
      ceiling_ = permitted_ = config_.elastic_limit.value_or(catalog.elastic_limit_mibps);
      break;
  }
  server_.set_vcpus(permitted_ / ceiling_);
  std::string dims = make_dimensions({{"FileSystemId", config_.id}});
  // EFS publishes MeteredIOBytes for every period with its sum, zero when idle.
  metered_bytes_ = ctx.metrics.add_counter({"AWS/EFS", "MeteredIOBytes", dims}, true);
  if (config_.mode == ThroughputMode::kBursting)
    credit_balance_ = ctx.metrics.add_gauge({"AWS/EFS", "BurstCreditBalance", dims}, credits_ * kBytesPerMib);
  percent_limit_ = ctx.metrics.add_gauge({"AWS/EFS", "PercentIOLimit", dims});
  permitted_bytes_ = ctx.metrics.add_gauge({"AWS/EFS", "PermittedThroughput", dims}, permitted_ * kBytesPerMib);
  ctx.metrics.add_listener(this);
}

FileSystem::~FileSystem() { ctx_.engine.cancel(credits_out_); }

void FileSystem::start() {
  double usd_per_month = config_.size_gib * catalog_.storage_usd_per_gb_month;
  if (config_.mode == ThroughputMode::kProvisioned)
    usd_per_month += std::max(0.0, config_.provisioned_mibps - baseline_) * catalog_.provisioned_usd_per_mibps_month;
  storage_usd_per_hour_ = usd_per_month / catalog_.hours_per_month;
  costs_.add_rate(PurchaseOption::kEfs, ctx_.engine.now(), storage_usd_per_hour_);
}

void FileSystem::finish(SimTime end) {
  double usd = end.seconds_f() / 3600 * storage_usd_per_hour_;
  costs_.add_rate(PurchaseOption::kEfs, end, -storage_usd_per_hour_);
  costs_.settle(PurchaseOption::kEfs, usd, usd);
}

std::string FileSystem::mount_failure(const std::string& availability_zone) const {
  if (config_.mount_targets.count(availability_zone) != 0) return {};
  // What ECS reports when amazon-efs-utils cannot resolve the file system's DNS name: its zone has no mount
  // target (ECS troubleshooting, "EFS volume" errors; the mount helper's message).
  return "ResourceInitializationError: failed to invoke EFS utils commands to set up EFS volumes: stderr: Failed to "
         "resolve \"" +
         config_.id + ".efs." + region_ +
         ".amazonaws.com\" - check that your file system ID is correct, and ensure that the VPC has an EFS mount "
         "target for this file system ID. See https://docs.aws.amazon.com/console/efs/mount-dns-name for more "
         "detail. : unsuccessful EFS utils command execution; code: 1";
}

bool FileSystem::has_access_point(const std::string& id) const {
  return std::find(config_.access_points.begin(), config_.access_points.end(), id) != config_.access_points.end();
}

double FileSystem::credits_mib(SimTime now) const {
  double used = busy_ ? permitted_ : 0.0;
  double c = credits_ + (baseline_ - used) * (now - credits_at_).seconds_f();
  return std::clamp(c, 0.0, max_credits_mib(catalog_, config_.size_gib));
}

void FileSystem::settle_credits(SimTime now) {
  credits_ = credits_mib(now);
  credits_at_ = now;
}

void FileSystem::transfer(double mib, std::uint32_t token, FileIoClient* client) {
  std::uint32_t id;
  if (free_.empty()) {
    id = static_cast<std::uint32_t>(pending_.size());
    pending_.push_back(Pending{client, token});
  } else {
    id = free_.back();
    free_.pop_back();
    pending_[id] = Pending{client, token};
  }
  metered_mib_ += mib;
  ctx_.metrics.count(metered_bytes_, mib * kBytesPerMib);
  if (config_.mode == ThroughputMode::kElastic) {
    double usd = mib / kMibPerGib * catalog_.elastic_usd_per_gb;
    costs_.settle(PurchaseOption::kEfs, usd, 0);
  }
  // One "vCPU" of the server moves ceiling_ MiB/s: a transfer of `mib` is mib / ceiling_ seconds of its work.
  server_.admit(id, mib / ceiling_ * 1000.0, this);
}

void FileSystem::forget(FileIoClient* client) {
  for (Pending& p : pending_) {
    if (p.client == client) p.client = nullptr;
  }
}

void FileSystem::on_served(std::uint32_t id) {
  Pending done = pending_[id];
  free_.push_back(id);
  if (done.client != nullptr) done.client->on_io_done(done.token);
}

// The server reports the throughput it uses changing; what matters here is only busy or idle (a fluid file system
// uses all its permitted throughput while anything is in progress), and the re-rating below reports again.
void FileSystem::on_busy_change(SimTime now, double) {
  bool busy = server_.outstanding() > 0;
  if (busy == busy_) return;
  settle_credits(now);
  busy_ = busy;
  ctx_.engine.cancel(credits_out_);
  if (config_.mode == ThroughputMode::kBursting) {
    set_permitted(credits_ > 0 ? ceiling_ : baseline_);
    if (busy_ && credits_ > 0 && permitted_ > baseline_) {
      double seconds = credits_ / (permitted_ - baseline_);
      credits_out_ = ctx_.engine.schedule_after<&FileSystem::on_credits_out>(
          Duration::micros(static_cast<std::int64_t>(std::ceil(seconds * 1e6))), this);
    }
  }
  publish(now);
}

void FileSystem::on_credits_out(std::uint64_t) {
  credits_out_ = EventId{};
  SimTime now = ctx_.engine.now();
  settle_credits(now);
  credits_ = 0;
  set_permitted(baseline_);
  publish(now);
}

void FileSystem::set_permitted(double mibps) {
  if (mibps == permitted_) return;
  permitted_ = mibps;
  server_.set_vcpus(permitted_ / ceiling_);
}

void FileSystem::publish(SimTime now) {
  if (config_.mode == ThroughputMode::kBursting)
    ctx_.metrics.set(credit_balance_, now, credits_mib(now) * kBytesPerMib);
  ctx_.metrics.set(percent_limit_, now, busy_ ? 100.0 : 0.0);
  ctx_.metrics.set(permitted_bytes_, now, permitted_ * kBytesPerMib);
}

// Credits change continuously between events; the gauge is brought up to date at each period's end.
void FileSystem::on_period_end(SimTime end, Duration) { publish(end); }

}  // namespace fleetsim
