#pragma once
/// The page of a sweep folder (shared/spec/experiments.md): per metric, each variant's mean with its
/// 95 % interval and its paired difference from the baseline, constraints as lines, the best variant
/// marked; and the table of all runs.

#include <filesystem>
#include <string>

namespace fleetsim {

/// True when `dir` holds a sweep's tables (sweep.csv) rather than one run's output.
bool is_sweep_folder(const std::filesystem::path& dir);

/// The sweep's page from sweep.csv, comparison.csv, best.json and sweep.json (the last two optional);
/// throws ReportError when a table is missing or malformed.
std::string sweep_report_html(const std::filesystem::path& dir);

}  // namespace fleetsim
