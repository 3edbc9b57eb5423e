#pragma once
/// Helpers for scenario tests: run the fleetsim binary, write scenarios to fresh folders, mutate the quickstart.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace fleetsim::scenario_test {

/// What one run of the fleetsim binary did.
struct ProcessResult {
  int exit_code = -1;       ///< the exit status, or 128 + signal number when killed by a signal
  std::string out;          ///< everything written to stdout
  std::string err;          ///< everything written to stderr
  double wall_seconds = 0;  ///< elapsed time, spawn to exit
  long peak_rss_kib = 0;    ///< the child's peak resident set size (wait4's ru_maxrss)
};

/// The fleetsim binary named by FLEETSIM_BIN; fails the test when unset.
std::string fleetsim_binary();
/// The project's source root named by FLEETSIM_SOURCE_ROOT; fails the test when unset.
std::filesystem::path source_root();

/// Runs fleetsim with `args` (stdin from /dev/null), capturing exit code, stdout and stderr.
ProcessResult run_fleetsim(const std::vector<std::string>& args);

using testing::TempDir;

/// Writes `text` byte for byte to `dir`/`file_name` and returns the file's path.
std::filesystem::path write_scenario(const TempDir& dir, const std::string& text,
                                     const std::string& file_name = "scenario.json");

/// The bytes of a file.
std::string read_text(const std::filesystem::path& file);

/// scenarios/NAME.json of the source root, parsed (its comments dropped).
nlohmann::json example_json(const std::string& name);
/// scenarios/quickstart.json of the source root, parsed (its comments dropped).
nlohmann::json quickstart_json();

/// One change to a JSON document: set the value at `pointer` (RFC 6901; a last token "-" appends), or remove it.
struct Mutation {
  std::string pointer;   ///< where
  nlohmann::json value;  ///< the new value (ignored by removals)
  bool remove = false;   ///< true: erase the member or element at `pointer`
};

/// A Mutation that sets `pointer` to `value`.
Mutation set_at(std::string pointer, nlohmann::json value);
/// A Mutation that removes `pointer`.
Mutation remove_at(std::string pointer);

/// `base` with `mutations` applied in order; throws nlohmann::json::exception for a pointer that does not fit.
nlohmann::json mutated(nlohmann::json base, const std::vector<Mutation>& mutations);

/// 1-based line and byte column of the first occurrence of `needle` in `text`; {0, 0} when absent.
std::pair<int, int> line_column_of(const std::string& text, const std::string& needle);

}  // namespace fleetsim::scenario_test
