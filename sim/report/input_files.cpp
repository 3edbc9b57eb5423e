#include "sim/report/input_files.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

namespace fleetsim {

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ReportError(path.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> split_csv_line(std::string_view line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c != '"') {
        fields.back() += c;
      } else if (i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

int CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

CsvTable read_csv_file(const std::filesystem::path& path) {
  std::istringstream in(read_text_file(path));
  CsvTable table;
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    std::vector<std::string> fields = split_csv_line(line);
    if (table.header.empty()) {
      table.header = std::move(fields);
    } else if (fields.size() != table.header.size()) {
      throw ReportError(path.string() + ":" + std::to_string(line_no) + ": expected " +
                        std::to_string(table.header.size()) + " fields, found " + std::to_string(fields.size()));
    } else {
      table.rows.push_back(std::move(fields));
    }
  }
  if (table.header.empty()) throw ReportError(path.string() + ": empty, expected a header line");
  return table;
}

void for_each_json_line(const std::filesystem::path& path,
                        const std::function<void(const nlohmann::json& row, const std::string& where)>& row) {
  std::istringstream in(read_text_file(path));
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    std::string where = path.string() + ":" + std::to_string(line_no);
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw ReportError(where + ": expected a JSON object");
    row(j, where);
  }
}

double parse_number(std::string_view text, const std::string& where) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    throw ReportError(where + ": expected a number, found \"" + std::string(text) + "\"");
  return v;
}

}  // namespace fleetsim
