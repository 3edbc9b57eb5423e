#include "sim/output/output_folder.hpp"

#include <unistd.h>

namespace fleetsim {

namespace fs = std::filesystem;

OutputFolder::OutputFolder(fs::path destination) : destination_(std::move(destination)) {
  if (destination_.filename().empty()) destination_ = destination_.parent_path();
  std::error_code exists_ec;
  if (fs::exists(destination_, exists_ec) && !fs::is_directory(destination_, exists_ec)) {
    throw OutputError(destination_.string() + " exists and is not a folder");
  }
  fs::path parent = destination_.parent_path();
  if (parent.empty()) parent = ".";
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) throw OutputError("cannot create " + parent.string() + ": " + ec.message());
  // The process id makes concurrent runs into one parent folder use distinct staging names.
  std::string base = "." + destination_.filename().string() + ".tmp-" + std::to_string(::getpid());
  staging_ = parent / base;
  fs::remove_all(staging_, ec);
  if (!fs::create_directory(staging_, ec) || ec) {
    throw OutputError("cannot create " + staging_.string() + ": " + (ec ? ec.message() : "already exists"));
  }
}

OutputFolder::~OutputFolder() {
  if (!committed_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);
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
