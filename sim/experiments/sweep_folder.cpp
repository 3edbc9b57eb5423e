#include "sim/experiments/sweep_folder.hpp"

#include <fstream>
#include <iostream>

#include "sim/output/output_folder.hpp"
#include "sim/report/report.hpp"

namespace fleetsim::experiments {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

namespace {

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) throw SweepError{3, {"cannot write " + file.string()}};
}

}  // namespace

RecordedSweep read_recorded_sweep(const nlohmann::json& j, const std::string& where) {
  // Read back with ordered objects: a variant's overrides must stay in the order of the parameters.
  ordered_json s = ordered_json::parse(j.dump());
  RecordedSweep r;
  try {
    r.plan.parameters = s.at("parameters").get<std::vector<std::string>>();
    r.plan.seeds = s.at("seeds").get<std::vector<std::uint64_t>>();
    r.metrics = s.at("metrics").get<std::vector<std::string>>();
    for (const auto& v : s.at("variants")) {
      Variant variant{v.at("id").get<std::string>(), {}};
      for (const auto& o : v.at("overrides").items())
        variant.overrides.push_back({o.key(), nlohmann::json::parse(o.value().dump())});
      r.plan.variants.push_back(std::move(variant));
    }
    if (!s.at("baseline").is_null()) {
      std::string id = s.at("baseline").get<std::string>();
      for (std::size_t i = 0; i < r.plan.variants.size(); ++i) {
        if (r.plan.variants[i].id == id) r.plan.baseline = i;
      }
    }
    for (const auto& c : s.at("constraints").items()) {
      Constraint constraint{c.key(), {}, {}, ""};
      if (c.value().contains("min")) constraint.min = c.value()["min"].get<double>();
      if (c.value().contains("max")) constraint.max = c.value()["max"].get<double>();
      r.objective.constraints.push_back(constraint);
    }
    if (!s.at("minimize").is_null()) r.objective.minimize = s.at("minimize").get<std::string>();
  } catch (const nlohmann::json::exception& e) {
    throw SweepError{2, {where + ": not a sweep.json written by fleetsim sweep: " + e.what()}};
  }
  return r;
}

std::size_t write_tables(const fs::path& folder, const RecordedSweep& sweep) {
  std::vector<RunRecord> runs = read_runs(folder, sweep.plan, sweep.metrics);
  write_text(folder / "sweep.csv", sweep_csv(sweep.plan, sweep.metrics, runs));
  write_text(folder / "comparison.csv", comparison_csv(sweep.plan, sweep.metrics, runs));
  write_text(folder / "best.json", best_json(sweep.plan, sweep.metrics, runs, sweep.objective).dump(2) + "\n");
  write_report(folder);  // report.html from the tables just written, so merged shards get the same page
  std::size_t failed = 0;
  for (const RunRecord& r : runs) failed += r.exit_code != 0;
  return failed;
}

int exit_code_of(const std::string& who, const std::function<int()>& body) {
  try {
    return body();
  } catch (const SweepError& e) {
    for (const std::string& line : e.lines) std::cerr << line << '\n';
    return e.exit_code;
  } catch (const OutputError& e) {
    std::cerr << who << ": " << e.what() << '\n';
    return 3;
  } catch (const fs::filesystem_error& e) {
    std::cerr << who << ": " << e.what() << '\n';
    return 3;
  } catch (const nlohmann::json::exception& e) {
    std::cerr << who << ": unreadable shard file: " << e.what() << '\n';
    return 3;
  }
}

}  // namespace fleetsim::experiments
