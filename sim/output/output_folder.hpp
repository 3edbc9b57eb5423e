#pragma once
/// Writes a run's files into a temporary folder beside the destination and renames it into place
/// only when everything is written, so a failed run never leaves partial output or damages an older one.

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

namespace fleetsim {

/// Raised when output cannot be written (exit code 3).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A staging folder for one run's output.
///
/// What may be replaced: nothing that is not fleetsim's. The destination must be absent, an empty folder or an
/// earlier run's output (it holds run.json); a file, a symbolic link, any other folder, and a folder that holds
/// `protect` (the scenario) are refused. A lock file beside the destination (`.<name>.lock`, removed at the end)
/// makes a second run into the same destination fail at once instead of racing the first one's rename.
class OutputFolder {
 public:
  /// Creates `<parent of dest>/.<name>.tmp-<pid>`; throws OutputError when it cannot or must not.
  explicit OutputFolder(std::filesystem::path destination, const std::filesystem::path& protect = {});
  /// Removes the staging folder if the run did not commit.
  ~OutputFolder();
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  /// Opens `name` inside the staging folder for writing; throws OutputError when it cannot.
  std::ofstream open(const std::string& name) const;
  /// Writes a whole file at once.
  void write_file(const std::string& name, const std::string& content) const;
  /// Replaces the destination with the staging folder. The older folder, if any, is moved aside
  /// first and removed only after the rename succeeded.
  void commit();
  /// The staging folder.
  const std::filesystem::path& staging() const { return staging_; }
  /// Where the output ends up.
  const std::filesystem::path& destination() const { return destination_; }

 private:
  std::filesystem::path destination_;
  std::filesystem::path staging_;
  std::filesystem::path lock_path_;
  int lock_fd_ = -1;
  bool committed_ = false;
};

}  // namespace fleetsim
