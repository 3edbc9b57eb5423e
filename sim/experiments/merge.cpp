#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "sim/experiments/sweep_command.hpp"
#include "sim/experiments/sweep_folder.hpp"
#include "sim/output/output_folder.hpp"

namespace fleetsim::experiments {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw SweepError{2, {file.string() + ": cannot read; not a shard folder of fleetsim sweep --shard"}};
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

int merge_command(const std::vector<std::string>& shard_dirs, const std::string& out) {
  return exit_code_of("sweep merge", [&] {
    // Every shard must hold the same plan, and together the shards 0..N-1 exactly once.
    std::string plan_text;
    std::set<std::size_t> seen;
    std::size_t count = 0;
    for (const std::string& dir : shard_dirs) {
      std::string text = read_text(fs::path(dir) / "sweep.json");
      if (plan_text.empty()) plan_text = text;
      if (text != plan_text) {
        throw SweepError{2, {dir + ": sweep.json differs from " + shard_dirs[0] + "'s: not shards of one sweep"}};
      }
      nlohmann::json shard = nlohmann::json::parse(read_text(fs::path(dir) / "shard.json"), nullptr, false);
      if (!shard.is_object() || !shard.contains("shard") || !shard.contains("of")) {
        throw SweepError{2, {dir + "/shard.json: expected {\"shard\": I, \"of\": N}"}};
      }
      std::size_t index = shard["shard"].get<std::size_t>();
      if (count == 0) count = shard["of"].get<std::size_t>();
      if (shard["of"].get<std::size_t>() != count) throw SweepError{2, {dir + ": a shard of a different split"}};
      if (!seen.insert(index).second) throw SweepError{2, {dir + ": shard " + std::to_string(index) + " given twice"}};
    }
    if (seen.size() != count) {
      std::string missing;
      for (std::size_t i = 0; i < count; ++i) {
        if (!seen.count(i)) missing += (missing.empty() ? "" : ", ") + std::to_string(i);
      }
      throw SweepError{2, {"sweep merge: shards missing: " + missing + " of 0.." + std::to_string(count - 1)}};
    }
    nlohmann::json plan = nlohmann::json::parse(plan_text, nullptr, false);
    RecordedSweep sweep = read_recorded_sweep(plan, shard_dirs[0] + "/sweep.json");
    OutputFolder folder(out.empty() ? "out/" + plan.value("sweep", std::string("sweep")) : out);
    for (const std::string& dir : shard_dirs) {
      if (!fs::exists(fs::path(dir) / "runs")) continue;  // a shard of more shards than runs
      fs::copy(fs::path(dir) / "runs", folder.staging() / "runs",
               fs::copy_options::recursive | fs::copy_options::skip_existing);
    }
    folder.write_file("sweep.json", plan_text);
    std::size_t failed = write_tables(folder.staging(), sweep);
    folder.commit();
    if (failed > 0) {
      std::cerr << "sweep merge: " << failed << " runs failed; see " << (folder.destination() / "sweep.csv").string()
                << '\n';
      return 3;
    }
    return 0;
  });
}

}  // namespace fleetsim::experiments
