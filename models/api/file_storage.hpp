#pragma once
/// A shared file system (EFS) as tasks see it, provided under its FileSystemId: where it can be mounted
/// and how long moving bytes through it takes.

#include <cstdint>
#include <string>

namespace fleetsim {

/// Hears that a transfer it started on a FileStorage finished.
class FileIoClient {
 public:
  virtual ~FileIoClient() = default;
  /// The transfer `token` finished now.
  virtual void on_io_done(std::uint32_t token) = 0;
};

/// A file system every task of the run shares.
class FileStorage {
 public:
  virtual ~FileStorage() = default;
  /// "" when a task in `availability_zone` can mount the file system; otherwise the error that stops the task.
  virtual std::string mount_failure(const std::string& availability_zone) const = 0;
  /// True when the file system has the access point `id`.
  virtual bool has_access_point(const std::string& id) const = 0;
  /// Moves `mib` MiB through the file system, sharing its throughput with every other transfer in progress;
  /// `client` hears on_io_done(token) when it is done.
  virtual void transfer(double mib, std::uint32_t token, FileIoClient* client) = 0;
  /// `client` is going away: its transfers in progress finish unheard.
  virtual void forget(FileIoClient* client) = 0;
};

}  // namespace fleetsim
