#pragma once
/// One run's output folder read back for its report: summary.json, the metrics and the events
/// (never run.json, whose timings would make the page differ between two identical runs).

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/report/chart.hpp"
#include "sim/report/event_digest.hpp"
#include "sim/report/metric_table.hpp"

namespace fleetsim {

/// A run's files, parsed.
struct RunData {
  std::filesystem::path dir;
  nlohmann::ordered_json summary;  ///< in the file's order
  MetricTable metrics;
  EventDigest events;
  double duration_s = 0;

  /// "scenario, seed N".
  std::string name() const;
};

/// Reads an output folder; throws ReportError when it is not one (no summary.json) or a file is malformed.
RunData load_run(const std::filesystem::path& dir);

/// The numeric leaves of summary.json as (JSON pointer, value), in file order.
std::vector<std::pair<std::string, double>> summary_figures(const nlohmann::ordered_json& summary);

/// The marks, spans and chart sections as report.js reads them; adds downsampled series to `downsampled`.
nlohmann::ordered_json timeline_json(const std::vector<ChartSection>& sections, const EventDigest& events,
                                     double duration_s, int& downsampled);

/// The sentence on the page about reduced series.
std::string downsampling_note(int downsampled);

}  // namespace fleetsim
