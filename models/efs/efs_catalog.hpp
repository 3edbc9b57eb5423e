#pragma once
/// EFS's published throughput and price figures, and the throughput a file system is permitted from its size and
/// mode. Each number cites the AWS page it comes from; a scenario overrides what it must through x-fleetsim.

namespace fleetsim {

/// How a file system's throughput is bought (CreateFileSystem ThroughputMode).
enum class ThroughputMode { kBursting, kElastic, kProvisioned };

/// EFS's constants for one run.
struct EfsCatalog {
  /// Bursting baseline: 50 KiB/s per GiB stored (50 MiB/s per TiB), and at least 1 MiB/s
  /// (https://docs.aws.amazon.com/efs/latest/ug/performance.html#bursting; the 1 MiB/s floor since 2020:
  /// https://aws.amazon.com/about-aws/whats-new/2020/06/amazon-efs--increases-file-system-minimum-throughput/).
  double baseline_kibps_per_gib = 50;
  double min_baseline_mibps = 1;
  /// Bursting burst rate: 100 MiB/s per TiB stored, and 100 MiB/s whatever the size (same page).
  double burst_mibps_per_tib = 100;
  double min_burst_mibps = 100;
  /// A new file system starts with 2.1 TiB of burst credits, and holds at most 2.1 TiB, or 2.1 TiB per TiB stored
  /// above 1 TiB (https://repost.aws/knowledge-center/efs-burst-credits; the performance page's credit table).
  double initial_credits_tib = 2.1;
  double max_credits_tib_per_tib = 2.1;
  /// Elastic: the per-file-system write ceiling, the low end of the performance page's 1-5 GiB/s range (regions
  /// differ); a scenario's x-fleetsim.throughputLimitMiBps overrides it.
  double elastic_limit_mibps = 1024;
  /// Provisioned: CreateFileSystem accepts 1-3414 MiB/s (EFS API reference, ProvisionedThroughputInMibps).
  double max_provisioned_mibps = 3414;
  /// Prices, us-east-1 (https://aws.amazon.com/efs/pricing/): Standard storage per GB-month, provisioned throughput
  /// per MB/s-month above the bursting baseline the storage gives, Elastic throughput per GB transferred (writes,
  /// the higher of the read and write rates: requests' I/O is not split into reads and writes).
  double storage_usd_per_gb_month = 0.30;
  double provisioned_usd_per_mibps_month = 6.00;
  double elastic_usd_per_gb = 0.06;
  /// AWS's pricing pages count a month as 730 hours.
  double hours_per_month = 730;
};

/// The permitted throughput of a bursting file system of `size_gib` without credits, MiB/s.
double baseline_mibps(const EfsCatalog& c, double size_gib);
/// The permitted throughput of a bursting file system of `size_gib` with credits, MiB/s.
double burst_mibps(const EfsCatalog& c, double size_gib);
/// The most burst credits a file system of `size_gib` holds, MiB.
double max_credits_mib(const EfsCatalog& c, double size_gib);
/// Seconds a bursting file system of `size_gib` holding `credits_mib` drives its burst rate without pause: credits
/// are spent at the burst rate less the baseline, which keeps accruing.
double burst_seconds(const EfsCatalog& c, double size_gib, double credits_mib);

}  // namespace fleetsim
