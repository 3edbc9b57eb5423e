#pragma once
/// metrics.csv / metrics.jsonl: one datapoint a line, streamed as periods close.

#include <ostream>

#include "sim/metrics/metric_store.hpp"

namespace fleetsim {

/// The two file formats of the spec.
enum class MetricsFormat { kCsv, kJsonl };

/// Writes datapoints as CSV (with a header) or JSON lines.
class MetricsWriter : public MetricRowSink {
 public:
  /// Writes to `out` in `format`; the CSV header is written at once.
  MetricsWriter(std::ostream& out, MetricsFormat format);
  void write(const MetricRow& row) override;
  /// Datapoints written.
  std::uint64_t rows() const { return rows_; }

 private:
  std::ostream& out_;
  MetricsFormat format_;
  std::uint64_t rows_ = 0;
};

}  // namespace fleetsim
