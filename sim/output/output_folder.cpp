#include "sim/output/output_folder.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace fleetsim {

namespace fs = std::filesystem;

namespace {

// Why `destination` must not be replaced, or "" (see the class comment).
std::string refusal(const fs::path& destination, const fs::path& protect) {
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(destination, ec);
  if (!fs::exists(status)) return "";
  if (fs::is_symlink(status)) return " is a symbolic link; give the folder itself, or a new name";
  if (!fs::is_directory(status)) return " exists and is not a folder";
  if (!protect.empty()) {
    const fs::path folder = fs::weakly_canonical(destination, ec);
    const fs::path kept = fs::weakly_canonical(protect, ec);
    const auto [end, rest] = std::mismatch(folder.begin(), folder.end(), kept.begin(), kept.end());
    if (end == folder.end()) return " holds the scenario " + protect.string() + "; choose another --out";
  }
  if (fs::is_empty(destination, ec) || fs::is_regular_file(destination / "run.json", ec)) return "";
  return " is a folder that is not fleetsim output (no run.json); remove it or choose another --out";
}

}  // namespace

OutputFolder::OutputFolder(fs::path destination, const fs::path& protect) : destination_(std::move(destination)) {
  if (destination_.filename().empty()) destination_ = destination_.parent_path();
  if (std::string why = refusal(destination_, protect); !why.empty()) throw OutputError(destination_.string() + why);
  fs::path parent = destination_.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw OutputError("cannot create " + parent.string() + ": " + ec.message());
  lock_path_ = parent / ("." + destination_.filename().string() + ".lock");
  lock_fd_ = ::open(lock_path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) throw OutputError("cannot create " + lock_path_.string() + ": " + std::strerror(errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd_);
    lock_fd_ = -1;  // the other run's lock file: not ours to remove
    throw OutputError("another fleetsim run is writing " + destination_.string() + " (" + lock_path_.string() +
                      " is locked); wait for it or choose another --out");
  }
  // The process id makes concurrent runs into one parent folder use distinct staging names.
  std::string base = "." + destination_.filename().string() + ".tmp-" + std::to_string(::getpid());
  staging_ = parent / base;
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec) {
    std::error_code ignored;
    fs::remove(lock_path_, ignored);
    ::close(lock_fd_);
    lock_fd_ = -1;
    throw OutputError("cannot create " + staging_.string() + ": " + (ec ? ec.message() : "already exists"));
  }
}

OutputFolder::~OutputFolder() {
  std::error_code ec;
  if (!committed_ && !staging_.empty()) fs::remove_all(staging_, ec);
  if (lock_fd_ >= 0) {
    fs::remove(lock_path_, ec);  // while still holding it, so no run can lock the name we remove
    ::close(lock_fd_);
  }
}

std::ofstream OutputFolder::open(const std::string& name) const {
  std::ofstream out(staging_ / name, std::ios::binary | std::ios::trunc);
  if (!out) throw OutputError("cannot write " + (staging_ / name).string());
  return out;
}

void OutputFolder::write_file(const std::string& name, const std::string& content) const {
  std::ofstream out = open(name);
  out << content;
  out.flush();
  if (!out) throw OutputError("cannot write " + (staging_ / name).string());
}

void OutputFolder::commit() {
  std::error_code ec;
  fs::path old;
  if (fs::exists(destination_, ec)) {
    if (!fs::is_directory(destination_, ec)) throw OutputError(destination_.string() + " exists and is not a folder");
    old = destination_;
    old += ".old-" + std::to_string(::getpid());
    fs::remove_all(old, ec);
    fs::rename(destination_, old, ec);
    if (ec) throw OutputError("cannot move aside " + destination_.string() + ": " + ec.message());
  }
  fs::rename(staging_, destination_, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, destination_, ec);
    throw OutputError("cannot rename output into " + destination_.string());
  }
  committed_ = true;
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace fleetsim
