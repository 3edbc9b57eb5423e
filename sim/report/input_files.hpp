#pragma once
/// Reading the files a report is built from: whole text files and CSV rows, with errors that name
/// the file and line.

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fleetsim {

/// A folder or file a report is built from is missing or unreadable (exit code 2).
class ReportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The whole content of `path`; throws ReportError when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

/// The fields of one CSV line (RFC 4180 quoting: "a,""b""" reads as a,"b"); no trailing newline.
std::vector<std::string> split_csv_line(std::string_view line);

/// A CSV file: its header and its rows, each as long as the header.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  /// The index of column `name`, or -1.
  int column(std::string_view name) const;
};

/// Reads a CSV file with a header line; a row of another width throws ReportError naming FILE:LINE.
CsvTable read_csv_file(const std::filesystem::path& path);

/// Calls `row` with each non-empty line of a JSON Lines file, parsed, and its "FILE:LINE" for
/// messages; a line that is not a JSON object throws ReportError naming FILE:LINE.
void for_each_json_line(const std::filesystem::path& path,
                        const std::function<void(const nlohmann::json& row, const std::string& where)>& row);

/// Reads `text` as a number; throws ReportError with `where` when it is not one.
double parse_number(std::string_view text, const std::string& where);

}  // namespace fleetsim
