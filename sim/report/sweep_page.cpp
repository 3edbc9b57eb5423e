#include "sim/report/sweep_page.hpp"

#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "sim/report/input_files.hpp"
#include "sim/report/page_html.hpp"

namespace fleetsim {

namespace {

using Json = nlohmann::ordered_json;

// Column names compared without case or punctuation ("ci95_low" = "CI95 low"), since the tables'
// writers may spell them either way.
std::string normalized(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

int find_column(const CsvTable& t, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    for (std::size_t i = 0; i < t.header.size(); ++i) {
      if (normalized(t.header[i]) == name) return static_cast<int>(i);
    }
  }
  return -1;
}

Json cell_number(const std::vector<std::string>& row, int column, const std::string& where) {
  if (column < 0 || row[static_cast<std::size_t>(column)].empty()) return nullptr;
  const std::string& text = row[static_cast<std::size_t>(column)];
  if (text == "nan" || text == "NaN" || text == "null") return nullptr;
  return parse_number(text, where);
}

std::string id_of(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    for (const char* key : {"variant", "id"})
      if (j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  }
  return "";
}

// A string member, or "" when absent or of another type (null where the writer had none).
std::string string_member(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

Json read_json_if_present(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return Json::object();
  Json j = Json::parse(read_text_file(path), nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw ReportError(path.string() + ": not a JSON object");
  return j;
}

// The baseline's variant id: a string, or the overrides of one of the plan's variants.
std::string baseline_id(const Json& plan, const Json& best) {
  for (const Json* j : {&plan, &best}) {
    if (!j->contains("baseline")) continue;
    const Json& b = (*j)["baseline"];
    if (!id_of(b).empty()) return id_of(b);
    if (plan.contains("variants") && plan["variants"].is_array()) {
      for (const Json& v : plan["variants"]) {
        if (v.contains("overrides") && v["overrides"] == b) return id_of(v);
      }
    }
  }
  return "";
}

Json constraints_of(const Json& plan, const Json& best, const std::string& metric) {
  Json out = Json::array();
  for (const Json* j : {&best, &plan}) {
    if (!j->contains("constraints") || !(*j)["constraints"].contains(metric)) continue;
    for (const char* bound : {"max", "min"}) {
      const Json& c = (*j)["constraints"][metric];
      if (c.contains(bound) && c[bound].is_number())
        out.push_back({{"value", c[bound]}, {"label", std::string(bound) + " " + c[bound].dump()}});
    }
    break;
  }
  return out;
}

std::string runs_table(const CsvTable& runs) {
  std::string out = "<details class=\"runs\" open><summary>All runs (" + std::to_string(runs.rows.size()) +
                    ", from sweep.csv)</summary>\n<table><tr>";
  for (const std::string& h : runs.header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr>\n";
  for (const auto& row : runs.rows) {
    out += "<tr>";
    for (const std::string& cell : row) out += "<td>" + html_escape(cell) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table></details>\n";
}

}  // namespace

bool is_sweep_folder(const std::filesystem::path& dir) { return std::filesystem::exists(dir / "sweep.csv"); }

std::string sweep_report_html(const std::filesystem::path& dir) {
  CsvTable runs = read_csv_file(dir / "sweep.csv");
  std::filesystem::path comparison_path = dir / "comparison.csv";
  CsvTable comparison = read_csv_file(comparison_path);
  Json best_file = read_json_if_present(dir / "best.json");
  Json plan = read_json_if_present(dir / "sweep.json");

  const int variant = find_column(comparison, {"variant", "variantid", "id"});
  const int metric = find_column(comparison, {"metric"});
  if (variant < 0 || metric < 0)
    throw ReportError(comparison_path.string() + ":1: expected columns named variant and metric");
  const int n = find_column(comparison, {"n", "count"});
  const int mean = find_column(comparison, {"mean"});
  const int lo = find_column(comparison, {"cilow", "ci95low", "meancilow", "low", "cilo", "ci95lo"});
  const int hi = find_column(comparison, {"cihigh", "ci95high", "meancihigh", "high", "cihi", "ci95hi"});
  const int diff = find_column(comparison, {"diff", "diffmean", "meandiff", "paireddiff", "paireddifference"});
  const int diff_lo = find_column(comparison, {"difflow", "diffcilow", "diffci95low", "paireddiffcilow", "difflo",
                                               "diffcilo", "diffci95lo", "paireddiffci95low"});
  const int diff_hi = find_column(comparison, {"diffhigh", "diffcihigh", "diffci95high", "paireddiffcihigh", "diffhi",
                                               "diffcihi", "diffci95hi", "paireddiffci95high"});

  std::string best = best_file.contains("best") ? id_of(best_file["best"]) : "";
  std::set<std::string> feasible;
  bool feasibility_known = false;
  for (const char* key : {"feasible", "variants"}) {
    if (!best_file.contains(key) || !best_file[key].is_array()) continue;
    feasibility_known = true;
    for (const Json& v : best_file[key]) feasible.insert(id_of(v));
    break;
  }
  std::string baseline = baseline_id(plan, best_file);

  // Metrics in the order the table lists them; variants in their order within each.
  std::vector<std::string> metric_order;
  std::map<std::string, Json> per_metric;
  std::set<std::string> variants;
  for (std::size_t i = 0; i < comparison.rows.size(); ++i) {
    const auto& row = comparison.rows[i];
    std::string where = comparison_path.string() + ":" + std::to_string(i + 2);
    const std::string& m = row[static_cast<std::size_t>(metric)];
    const std::string& id = row[static_cast<std::size_t>(variant)];
    variants.insert(id);
    if (!per_metric.count(m)) {
      metric_order.push_back(m);
      per_metric[m] = Json::array();
    }
    Json v = {{"id", id},
              {"n", cell_number(row, n, where)},
              {"mean", cell_number(row, mean, where)},
              {"lo", cell_number(row, lo, where)},
              {"hi", cell_number(row, hi, where)},
              {"diff", cell_number(row, diff, where)},
              {"diffLo", cell_number(row, diff_lo, where)},
              {"diffHi", cell_number(row, diff_hi, where)}};
    if (feasibility_known) v["feasible"] = feasible.count(id) > 0;
    per_metric[m].push_back(std::move(v));
  }

  PageParts page;
  std::string name = string_member(plan, "sweep");
  if (name.empty()) name = string_member(plan, "scenario");
  page.title = "fleetsim sweep: " + (name.empty() ? dir.filename().string() : name);
  page.subtitle = std::to_string(variants.size()) + " variants, " + std::to_string(runs.rows.size()) + " runs, " +
                  std::to_string(metric_order.size()) + " metrics";
  page.data = {{"kind", "sweep"}, {"best", best}, {"baseline", baseline}, {"metrics", Json::array()}};
  for (const std::string& m : metric_order) {
    page.data["metrics"].push_back(
        {{"name", m}, {"constraints", constraints_of(plan, best_file, m)}, {"variants", per_metric[m]}});
  }
  std::string minimize = string_member(best_file, "minimize");
  if (minimize.empty()) minimize = string_member(plan, "minimize");
  page.body_html =
      "<p class=\"note\">" +
      html_escape(best.empty() ? std::string("No variant meets every constraint at 95 % confidence.")
                               : "Best variant: " + best + (minimize.empty() ? "" : ", the lowest " + minimize) +
                                     " among those meeting every constraint at 95 % confidence.") +
      " " + html_escape(baseline.empty() ? "" : "Baseline: " + baseline + ".") +
      " Each row is a variant: a dot at its mean over the seeds, a line for its 95 % interval (Student t). "
      "The second plot of each metric is the paired difference from the baseline over the same seeds "
      "(common random numbers). Dashed red lines are constraints; the best variant is highlighted "
      "(\u2605); grey names did not meet the constraints.</p>\n";
  page.after_charts_html = runs_table(runs);
  return render_page(page);
}

}  // namespace fleetsim
