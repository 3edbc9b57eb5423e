/// EFS: the bursting arithmetic against AWS's published figures, the fluid file system (fair share, credits
/// running out and coming back), mount targets per zone, and the reader's refusals.

#include <catch2/catch.hpp>

#include "models/efs/efs_catalog.hpp"
#include "models/efs/efs_reader.hpp"
#include "models/efs/file_system.hpp"
#include "sim/scenario/diagnostics.hpp"

using namespace fleetsim;

namespace {

constexpr double kMibPerTib = 1024.0 * 1024.0;

// https://docs.aws.amazon.com/efs/latest/ug/performance.html#bursting and
// https://repost.aws/knowledge-center/efs-choosing-correct-throughput-mode: 50 KiB/s per GiB, 100 MiB/s burst
// for any size, 100 MiB/s per TiB above 1 TiB; 1 MiB/s minimum (EFS what's new, 2020-06-30).
TEST_CASE("bursting baseline and burst rates are AWS's per-GiB figures", "[efs]") {
  EfsCatalog c;
  CHECK(baseline_mibps(c, 100) == Approx(100 * 50.0 / 1024));  // 4.88 MiB/s, AWS's table rounds it to 5
  CHECK(baseline_mibps(c, 1024) == Approx(50));                // 50 MiB/s per TiB
  CHECK(baseline_mibps(c, 10) == Approx(1));                   // below 20 GiB the 1 MiB/s floor holds
  CHECK(burst_mibps(c, 100) == Approx(100));
  CHECK(burst_mibps(c, 10) == Approx(100));
  CHECK(burst_mibps(c, 2048) == Approx(200));
  // New file systems start with 2.1 TiB of credits (repost.aws knowledge center, efs-burst-credits); a file system
  // holds at most 2.1 TiB, or 2.1 TiB per TiB stored above 1 TiB.
  CHECK(max_credits_mib(c, 100) == Approx(2.1 * kMibPerTib));
  CHECK(max_credits_mib(c, 2048) == Approx(4.2 * kMibPerTib));
}

TEST_CASE("a 100 GiB file system bursts about 72 minutes a day on what it earns", "[efs]") {
  EfsCatalog c;
  // A day at baseline earns 4.88 MiB/s x 86400 s; AWS's table says this drives 100 MiB/s for 72 minutes a day
  // (computed with the baseline rounded to 5 MiB/s, so within 2.5%).
  double earned = baseline_mibps(c, 100) * 86400;
  CHECK(earned / burst_mibps(c, 100) / 60 == Approx(72).epsilon(0.025));
  // Bursting without pause, the baseline keeps accruing, so the same credits last earned / (100 - 4.88) seconds.
  CHECK(burst_seconds(c, 100, earned) == Approx(earned / (100 - 100 * 50.0 / 1024)));
  // A new 100 GiB file system's 2.1 TiB of credits keep it at 100 MiB/s for about 6.4 hours.
  CHECK(burst_seconds(c, 100, 2.1 * kMibPerTib) / 3600 == Approx(6.43).epsilon(0.01));
}

struct Done : FileIoClient {
  Engine* engine = nullptr;
  std::vector<std::pair<std::uint32_t, double>> finished;  // token, seconds
  void on_io_done(std::uint32_t token) override { finished.emplace_back(token, engine->now().seconds_f()); }
};

struct Harness {
  explicit Harness(FileSystemConfig config) : fs(ctx, std::move(config), catalog, "us-east-1", costs) {
    done.engine = &engine;
  }
  Engine engine;
  MetricStore metrics{{}};
  EventLog events{nullptr};
  RunContext ctx{engine, 1, metrics, events, SimTime::zero() + Duration::seconds(36000)};
  CostLedger costs{metrics};
  EfsCatalog catalog;
  FileSystem fs;
  Done done;
};

FileSystemConfig bursting(double size_gib, double credits_mib) {
  FileSystemConfig c;
  c.id = "fs-1";
  c.size_gib = size_gib;
  c.initial_credits = credits_mib;
  c.mount_targets = {{"us-east-1a", "subnet-a"}};
  return c;
}

void transfer(void* ctx, std::uint64_t mib) {
  auto* h = static_cast<Harness*>(ctx);
  h->fs.transfer(static_cast<double>(mib), static_cast<std::uint32_t>(mib), &h->done);
}

}  // namespace

TEST_CASE("transfers share the file system's throughput equally", "[efs]") {
  Harness h(bursting(100, 1e6));
  h.fs.transfer(100, 1, &h.done);  // alone at 100 MiB/s: 1 s
  h.engine.run_until(SimTime::zero() + Duration::seconds(5));
  h.fs.transfer(50, 2, &h.done);  // two of 50 MiB at once: 50 MiB/s each, both done 1 s later
  h.fs.transfer(50, 3, &h.done);
  h.engine.run_until(SimTime::zero() + Duration::seconds(10));
  REQUIRE(h.done.finished.size() == 3);
  CHECK(h.done.finished[0].second == Approx(1).margin(1e-5));
  CHECK(h.done.finished[1].second == Approx(6).margin(1e-5));
  CHECK(h.done.finished[2].second == Approx(6).margin(1e-5));
  CHECK(h.fs.metered_mib() == Approx(200));
}

TEST_CASE("a busy bursting file system spends burst minus baseline and then runs at its baseline", "[efs]") {
  const double baseline = 100 * 50.0 / 1024;
  // Credits for exactly 10 s of bursting: 10 x (100 - baseline) MiB.
  Harness h(bursting(100, 10 * (100 - baseline)));
  CHECK(h.fs.permitted_mibps() == Approx(100));
  // 1000 MiB in the first 10 s at 100 MiB/s, then 10 s more at the baseline.
  h.fs.transfer(1000 + 10 * baseline, 7, &h.done);
  h.engine.run_until(SimTime::zero() + Duration::seconds(15));
  CHECK(h.fs.permitted_mibps() == Approx(baseline));
  CHECK(h.fs.credits_mib(h.engine.now()) == Approx(0).margin(1e-6));
  h.engine.run_until(SimTime::zero() + Duration::seconds(30));
  REQUIRE(h.done.finished.size() == 1);
  CHECK(h.done.finished[0].second == Approx(20).margin(1e-4));
  // Idle, the file system earns its baseline: 100 s later it holds 100 x baseline MiB and bursts again.
  h.engine.schedule_at(SimTime::zero() + Duration::seconds(120), &transfer, &h, 10);
  h.engine.run_until(SimTime::zero() + Duration::seconds(125));
  REQUIRE(h.done.finished.size() == 2);
  CHECK(h.done.finished[1].second == Approx(120.1).margin(1e-4));
  CHECK(h.fs.credits_mib(h.engine.now()) == Approx(100 * baseline - 0.1 * (100 - baseline) + 4.9 * baseline));
}

TEST_CASE("provisioned and elastic file systems are permitted their configured throughput", "[efs]") {
  FileSystemConfig p = bursting(100, 0);
  p.mode = ThroughputMode::kProvisioned;
  p.provisioned_mibps = 64;
  CHECK(Harness(p).fs.permitted_mibps() == Approx(64));
  p.size_gib = 4096;  // its storage's baseline (200 MiB/s) is more than what was provisioned: that applies
  CHECK(Harness(p).fs.permitted_mibps() == Approx(200));
  FileSystemConfig e = bursting(100, 0);
  e.mode = ThroughputMode::kElastic;
  CHECK(Harness(e).fs.permitted_mibps() == Approx(1024));
}

TEST_CASE("a zone without a mount target cannot mount the file system, as ECS reports it", "[efs]") {
  Harness h(bursting(100, 0));
  CHECK(h.fs.mount_failure("us-east-1a").empty());
  std::string failure = h.fs.mount_failure("us-east-1b");
  CHECK_THAT(failure, Catch::StartsWith("ResourceInitializationError: failed to invoke EFS utils commands to set up "
                                        "EFS volumes: stderr: Failed to resolve \"fs-1.efs.us-east-1.amazonaws.com\""));
}

namespace {
std::optional<std::string> zone_of(const std::string& subnet) {
  if (subnet == "subnet-a") return "us-east-1a";
  if (subnet == "subnet-a2") return "us-east-1a";
  return std::nullopt;
}

std::string refusal(const nlohmann::json& fs) {
  try {
    read_file_system(fs, "/fileSystems/0", EfsCatalog{}, &zone_of);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "accepted";
}
}  // namespace

TEST_CASE("the reader refuses what EFS refuses", "[efs]") {
  nlohmann::json fs = {{"FileSystemId", "fs-1"}, {"MountTargets", {{{"SubnetId", "subnet-a"}}}}};
  CHECK(refusal(fs) == "accepted");
  fs["MountTargets"].push_back({{"SubnetId", "subnet-x"}});
  CHECK_THAT(refusal(fs), Catch::StartsWith("/fileSystems/0/MountTargets/1/SubnetId: subnet \"subnet-x\""));
  fs["MountTargets"][1]["SubnetId"] = "subnet-a2";
  CHECK_THAT(refusal(fs), Catch::Contains("MountTargetConflict"));
  nlohmann::json p = {{"FileSystemId", "fs-1"}, {"ThroughputMode", "provisioned"}};
  CHECK_THAT(refusal(p), Catch::Contains("needs ProvisionedThroughputInMibps"));
  p["ProvisionedThroughputInMibps"] = 5000;
  CHECK_THAT(refusal(p), Catch::StartsWith("/fileSystems/0/ProvisionedThroughputInMibps"));
}
