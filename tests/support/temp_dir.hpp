#pragma once
// A fresh empty folder per test, removed with everything in it.

#include <filesystem>
#include <string>
#include <vector>

namespace fleetsim::testing {

/// A fresh, empty folder under the system temp folder, removed with everything in it on destruction.
class TempDir {
 public:
  /// Creates the folder.
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  /// Where it is.
  const std::filesystem::path& path() const { return path_; }
  /// The names of the entries in it (hidden ones included), sorted.
  std::vector<std::string> entries() const;

 private:
  std::filesystem::path path_;
};

}  // namespace fleetsim::testing
