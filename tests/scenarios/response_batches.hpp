#pragma once
// Batch means of response time from metrics.csv, for the queueing known-answer tests.

#include <cstdint>
#include <map>
#include <vector>

#include "tests/scenarios/run_in_process.hpp"

namespace fleetsim::testing {

/// Batch means of the mean response time (ms) from the per-minute TargetResponseTime Average and
/// SampleCount rows after `warmup_s`, in batches of `batch_minutes`.
inline std::vector<double> batch_means(const std::vector<CsvMetric>& rows, std::int64_t warmup_s, int batch_minutes) {
  std::map<std::int64_t, double> avg, count;
  for (const CsvMetric& m : rows) {
    if (m.metric != "TargetResponseTime" || m.timestamp <= warmup_s) continue;
    if (m.statistic == "Average") avg[m.timestamp] = m.value;
    if (m.statistic == "SampleCount") count[m.timestamp] = m.value;
  }
  std::vector<double> means;
  double sum = 0, n = 0;
  int minutes = 0;
  for (const auto& [t, a] : avg) {
    sum += a * 1000 * count[t];
    n += count[t];
    if (++minutes == batch_minutes) {
      means.push_back(sum / n);
      sum = n = 0;
      minutes = 0;
    }
  }
  return means;
}

}  // namespace fleetsim::testing
