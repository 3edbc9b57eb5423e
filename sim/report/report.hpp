#pragma once
/// report.html: one self-contained page per run, per pair of runs and per sweep (sim/report/README.md).

#include <filesystem>
#include <string>
#include <vector>

namespace fleetsim {

/// The page of the run in output folder `dir`, built from its files; throws ReportError when the
/// folder is not a run's output or a file in it is malformed.
std::string build_run_report(const std::filesystem::path& dir);

/// Writes `dir`/report.html from the folder's files (a run's or a sweep's); returns its size in
/// bytes. Throws ReportError for bad input and OutputError when the file cannot be written.
std::size_t write_report(const std::filesystem::path& dir);

/// `fleetsim report`: one folder rewrites its report.html; two run folders write a comparison page
/// to `out` (default: compare.html). Exit 0, 2 (not an output folder, malformed file, bad
/// arguments) or 3 (cannot write).
int report_command(const std::vector<std::string>& folders, const std::string& out);

}  // namespace fleetsim
