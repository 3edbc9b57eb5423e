#include "sim/experiments/tables.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sim/experiments/statistics.hpp"
#include "sim/output/number_format.hpp"

namespace fleetsim::experiments {

namespace fs = std::filesystem;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

std::optional<double> numeric(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (!v.is_object() || v.empty()) return std::nullopt;
  double sum = 0;
  for (const auto& item : v.items()) {
    if (!item.value().is_number()) return std::nullopt;
    sum += item.value().get<double>();
  }
  return sum;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A parameter's value as a cell: strings bare, anything else as compact JSON.
std::string value_cell(const json& v) { return csv_field(v.is_string() ? v.get<std::string>() : v.dump()); }

std::string number_cells(const Estimate& e) {
  if (e.n == 0) return ",,,";
  std::string m = format_number(e.mean);
  if (!e.has_interval) return m + ",,,";
  return m + "," + format_number(e.sd) + "," + format_number(e.ci_low) + "," + format_number(e.ci_high);
}

std::vector<double> completed(const std::vector<std::optional<double>>& xs) {
  std::vector<double> out;
  for (const auto& x : xs) {
    if (x) out.push_back(*x);
  }
  return out;
}

// The values of metric `m` of variant `v`, one slot per seed (empty for a failed run).
std::vector<std::optional<double>> column(const Plan& plan, const std::vector<RunRecord>& runs, std::size_t v,
                                          std::size_t m) {
  std::vector<std::optional<double>> out;
  for (std::size_t s = 0; s < plan.seeds.size(); ++s) out.push_back(runs[v * plan.seeds.size() + s].values[m]);
  return out;
}

std::string parameter_cells(const Plan& plan, std::size_t v) {
  std::string out;
  for (const Override& o : plan.variants[v].overrides) out += "," + value_cell(o.value);
  return out;
}

std::string parameter_header(const Plan& plan) {
  std::string out;
  for (const std::string& p : plan.parameters) out += "," + csv_field(p);
  return out;
}

}  // namespace

std::optional<double> metric_value(const json& summary, const std::string& path) {
  if (path.empty()) return numeric(summary);
  if (!summary.is_object()) return std::nullopt;
  // Longest key first: "p99.9" before "p99".
  for (std::size_t end = path.size();; end = path.rfind('.', end - 1)) {
    std::string key = path.substr(0, end);
    if (summary.contains(key)) {
      std::optional<double> v = metric_value(summary[key], end == path.size() ? "" : path.substr(end + 1));
      if (v) return v;
    }
    if (end == 0 || path.rfind('.', end - 1) == std::string::npos) return std::nullopt;
  }
}

std::vector<std::string> default_metrics(const json& summary) {
  std::vector<std::string> out = {"requests.total", "requests.http5xx", "requests.latency_ms.p50",
                                  "requests.latency_ms.p99", "cost.totalUsd"};
  if (summary.contains("services") && summary["services"].is_object()) {
    for (const auto& item : summary["services"].items()) {
      out.push_back("services." + item.key() + ".tasks.peakRunning");
      out.push_back("services." + item.key() + ".tasks.meanRunning");
    }
  }
  // EKS's counterparts: each cluster's nodes, and the latency of each Deployment outside kube-system (the
  // system pods serve no workload).
  if (summary.contains("kubernetes") && summary["kubernetes"].is_object()) {
    for (const auto& cluster : summary["kubernetes"].items()) {
      const std::string at = "kubernetes." + cluster.key();
      out.push_back(at + ".nodes.peak");
      out.push_back(at + ".nodes.mean");
      if (!cluster.value().contains("workloads") || !cluster.value()["workloads"].is_object()) continue;
      for (const auto& workload : cluster.value()["workloads"].items()) {
        if (workload.key().starts_with("kube-system/")) continue;
        out.push_back(at + ".workloads." + workload.key() + ".latency_ms.p99");
      }
    }
  }
  for (const char* e : {"underProvisioningAccuracy", "overProvisioningAccuracy", "underProvisioningTimeshare",
                        "overProvisioningTimeshare", "instability"}) {
    out.push_back(std::string("elasticity.") + e);
  }
  return out;
}

ordered_json objective_json(const Objective& objective) {
  ordered_json constraints = ordered_json::object();
  for (const Constraint& c : objective.constraints) {
    ordered_json bounds = ordered_json::object();
    if (c.min) bounds["min"] = *c.min;
    if (c.max) bounds["max"] = *c.max;
    constraints[c.metric] = bounds;
  }
  return {{"constraints", constraints},
          {"minimize", objective.minimize ? ordered_json(*objective.minimize) : ordered_json(nullptr)}};
}

void write_run_error(const fs::path& run_dir, int exit_code, const std::string& message) {
  std::error_code ec;
  fs::create_directories(run_dir, ec);
  std::ofstream out(run_dir / "error.json", std::ios::binary | std::ios::trunc);
  out << ordered_json{{"exitCode", exit_code}, {"message", message}}.dump(2) << '\n';
  if (!out) throw SweepError{3, {"cannot write " + (run_dir / "error.json").string()}};
}

std::vector<RunRecord> read_runs(const fs::path& folder, const Plan& plan, const std::vector<std::string>& metrics) {
  std::vector<RunRecord> out;
  for (const RunKey& key : plan.runs()) {
    fs::path dir = folder / plan.run_folder(key);
    RunRecord r;
    std::ifstream summary(dir / "summary.json"), error(dir / "error.json");
    try {
      if (summary) {
        json s = json::parse(summary);
        for (const std::string& m : metrics) r.values.push_back(metric_value(s, m));
      } else if (error) {
        json e = json::parse(error);
        r.exit_code = e.at("exitCode").get<int>();
        r.message = e.at("message").get<std::string>();
        r.values.assign(metrics.size(), std::nullopt);
      } else {
        throw SweepError{3, {dir.string() + ": the run left neither summary.json nor error.json"}};
      }
    } catch (const json::exception& e) {
      throw SweepError{3, {dir.string() + ": unreadable run result: " + e.what()}};
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string sweep_csv(const Plan& plan, const std::vector<std::string>& metrics, const std::vector<RunRecord>& runs) {
  std::ostringstream out;
  out << "variant" << parameter_header(plan) << ",seed,exitCode,message";
  for (const std::string& m : metrics) out << ',' << csv_field(m);
  out << '\n';
  std::vector<RunKey> keys = plan.runs();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const RunRecord& r = runs[i];
    out << plan.variants[keys[i].variant].id << parameter_cells(plan, keys[i].variant) << ','
        << plan.seeds[keys[i].seed] << ',' << r.exit_code << ',' << csv_field(r.message);
    for (const auto& v : r.values) out << ',' << (v ? format_number(*v) : "");
    out << '\n';
  }
  return out.str();
}

std::string comparison_csv(const Plan& plan, const std::vector<std::string>& metrics,
                           const std::vector<RunRecord>& runs) {
  std::ostringstream out;
  out << "variant" << parameter_header(plan)
      << ",metric,n,mean,sd,ciLow,ciHigh,diffN,diffMean,diffSd,diffCiLow,diffCiHigh\n";
  for (std::size_t v = 0; v < plan.variants.size(); ++v) {
    for (std::size_t m = 0; m < metrics.size(); ++m) {
      std::vector<std::optional<double>> values = column(plan, runs, v, m);
      Estimate e = estimate(completed(values));
      out << plan.variants[v].id << parameter_cells(plan, v) << ',' << csv_field(metrics[m]) << ',' << e.n << ','
          << number_cells(e);
      if (plan.baseline) {
        Estimate d = paired_difference(values, column(plan, runs, *plan.baseline, m));
        out << ',' << d.n << ',' << number_cells(d);
      } else {
        out << ",,,,,";
      }
      out << '\n';
    }
  }
  return out.str();
}

ordered_json best_json(const Plan& plan, const std::vector<std::string>& metrics, const std::vector<RunRecord>& runs,
                       const Objective& objective) {
  auto index_of = [&](const std::string& metric) {
    return static_cast<std::size_t>(std::find(metrics.begin(), metrics.end(), metric) - metrics.begin());
  };
  ordered_json feasible = ordered_json::array();
  std::optional<std::size_t> best;
  double best_mean = 0;
  for (std::size_t v = 0; v < plan.variants.size(); ++v) {
    // Every seed must have completed: a variant that crashes on some seeds is not a configuration to recommend.
    bool ok = true;
    for (std::size_t s = 0; s < plan.seeds.size(); ++s) ok = ok && runs[v * plan.seeds.size() + s].exit_code == 0;
    for (const Constraint& c : objective.constraints) {
      // The whole two-sided 95 % interval must lie within the bounds: the mean alone could satisfy a bound
      // that the next replications break.
      Estimate e = estimate(completed(column(plan, runs, v, index_of(c.metric))));
      ok = ok && e.has_interval && (!c.max || e.ci_high <= *c.max) && (!c.min || e.ci_low >= *c.min);
    }
    if (!ok) continue;
    feasible.push_back(plan.variants[v].id);
    if (objective.minimize) {
      double m = mean(completed(column(plan, runs, v, index_of(*objective.minimize))));
      if (!best || m < best_mean) {
        best = v;
        best_mean = m;
      }
    }
  }
  ordered_json out = objective_json(objective);
  out["confidence"] = 0.95;
  out["feasible"] = feasible;
  if (best) {
    ordered_json overrides = ordered_json::object();
    for (const Override& o : plan.variants[*best].overrides) overrides[o.pointer] = o.value;
    Estimate e = estimate(completed(column(plan, runs, *best, index_of(*objective.minimize))));
    out["best"] = {{"variant", plan.variants[*best].id},
                   {"overrides", overrides},
                   {"mean", e.mean},
                   {"ciLow", e.ci_low},
                   {"ciHigh", e.ci_high}};
  } else {
    out["best"] = nullptr;
  }
  return out;
}

}  // namespace fleetsim::experiments
