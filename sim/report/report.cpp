#include "sim/report/report.hpp"

#include <fstream>
#include <iostream>

#include "sim/output/output_folder.hpp"
#include "sim/report/input_files.hpp"
#include "sim/report/run_page.hpp"
#include "sim/report/sweep_page.hpp"

namespace fleetsim {

namespace {

// Writes through a temporary file and a rename, so an existing page is never left half written.
void write_whole_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::path temp = path;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << content;
    out.flush();
    if (!out) throw OutputError("cannot write " + temp.string());
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) throw OutputError("cannot write " + path.string() + ": " + ec.message());
}

}  // namespace

std::string build_run_report(const std::filesystem::path& dir) { return run_report_html(load_run(dir)); }

std::size_t write_report(const std::filesystem::path& dir) {
  std::string page = is_sweep_folder(dir) ? sweep_report_html(dir) : build_run_report(dir);
  write_whole_file(dir / "report.html", page);
  return page.size();
}

int report_command(const std::vector<std::string>& folders, const std::string& out) {
  try {
    if (folders.size() == 1) {
      write_report(folders[0]);
      std::cout << (std::filesystem::path(folders[0]) / "report.html").string() << '\n';
    } else if (folders.size() == 2) {
      std::string path = out.empty() ? "compare.html" : out;
      write_whole_file(path, compare_report_html(load_run(folders[0]), load_run(folders[1])));
      std::cout << path << '\n';
    } else {
      std::cerr << "report: expected one output folder, or two to compare\n";
      return 2;
    }
    return 0;
  } catch (const ReportError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const OutputError& e) {
    std::cerr << e.what() << '\n';
    return 3;
  }
}

}  // namespace fleetsim
