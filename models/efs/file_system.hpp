#pragma once
/// One EFS file system in a run: its mount targets, its throughput shared by every transfer of every task in every
/// zone, its burst credits, its AWS/EFS metrics and its bill.

#include <cstdint>
#include <string>
#include <vector>

#include "models/api/cost_ledger.hpp"
#include "models/api/file_storage.hpp"
#include "models/api/request_path.hpp"
#include "models/api/run_context.hpp"
#include "models/efs/efs_catalog.hpp"
#include "models/efs/efs_reader.hpp"
#include "models/serving/task_server.hpp"

namespace fleetsim {

/// A file system as a fluid: while any transfer is in progress the file system moves bytes at its permitted
/// throughput, split equally between the transfers in progress (processor sharing, through a TaskServer of one
/// "vCPU" whose speed is the permitted throughput); idle, it moves none. Bursting mode earns credits at the
/// baseline rate and spends them at the rate used, so a busy file system spends (burst - baseline) per second and
/// drops to the baseline when they run out.
class FileSystem final : public FileStorage, public ServingObserver, public BusyListener, public PeriodListener {
 public:
  /// The file system `config` of a run in `region`, priced and limited by `catalog`, billed to `costs`.
  FileSystem(RunContext& ctx, FileSystemConfig config, const EfsCatalog& catalog, std::string region,
             CostLedger& costs);
  ~FileSystem() override;
  FileSystem(const FileSystem&) = delete;
  FileSystem& operator=(const FileSystem&) = delete;

  /// Starts billing storage (and provisioned throughput).
  void start();
  /// Settles the bill at the end of the run.
  void finish(SimTime end);

  std::string mount_failure(const std::string& availability_zone) const override;
  bool has_access_point(const std::string& id) const override;
  void transfer(double mib, std::uint32_t token, FileIoClient* client) override;
  void forget(FileIoClient* client) override;

  void on_served(std::uint32_t token) override;
  void on_dropped(std::uint32_t) override {}
  void on_busy_change(SimTime now, double delta) override;
  void on_period_end(SimTime end, Duration) override;

  /// The FileSystemId.
  const std::string& id() const { return config_.id; }
  /// The throughput permitted now, MiB/s.
  double permitted_mibps() const { return permitted_; }
  /// Burst credits held now, MiB (bursting mode).
  double credits_mib(SimTime now) const;
  /// MiB moved so far.
  double metered_mib() const { return metered_mib_; }

 private:
  struct Pending {
    FileIoClient* client;
    std::uint32_t token;
  };
  void settle_credits(SimTime now);
  void set_permitted(double mibps);
  void on_credits_out(std::uint64_t);
  void publish(SimTime now);

  RunContext& ctx_;
  FileSystemConfig config_;
  const EfsCatalog& catalog_;
  std::string region_;
  CostLedger& costs_;
  double baseline_;     // MiB/s
  double ceiling_;      // the most the file system is ever permitted, MiB/s: the server's one "vCPU"
  double permitted_;    // MiB/s now
  double credits_ = 0;  // MiB, at credits_at_
  SimTime credits_at_;
  bool busy_ = false;
  TaskServer server_;
  std::vector<Pending> pending_;  // by server token
  std::vector<std::uint32_t> free_;
  EventId credits_out_;
  double metered_mib_ = 0;
  double storage_usd_per_hour_ = 0;
  double elastic_usd_ = 0;
  CounterId metered_bytes_;
  GaugeId credit_balance_, percent_limit_, permitted_bytes_;
};

}  // namespace fleetsim
