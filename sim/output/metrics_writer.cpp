#include "sim/output/metrics_writer.hpp"

#include <nlohmann/json.hpp>

#include "sim/output/number_format.hpp"

namespace fleetsim {

MetricsWriter::MetricsWriter(std::ostream& out, MetricsFormat format) : out_(out), format_(format) {
  if (format_ == MetricsFormat::kCsv) out_ << "timestamp,namespace,metric,dimensions,statistic,value\n";
}

namespace {
// Dimension values are scenario names and may hold commas or quotes; CSV-quote those.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}
}  // namespace

void MetricsWriter::write(const MetricRow& row) {
  ++rows_;
  if (format_ == MetricsFormat::kCsv) {
    out_ << row.timestamp_s << ',' << csv_field(row.key->name_space) << ',' << csv_field(row.key->metric) << ','
         << csv_field(row.key->dimensions) << ',' << row.statistic << ',' << format_number(row.value) << '\n';
  } else {
    out_ << "{\"timestamp\":" << row.timestamp_s << ",\"namespace\":" << nlohmann::json(row.key->name_space).dump()
         << ",\"metric\":" << nlohmann::json(row.key->metric).dump()
         << ",\"dimensions\":" << nlohmann::json(row.key->dimensions).dump() << ",\"statistic\":\"" << row.statistic
         << "\",\"value\":" << format_number(row.value) << "}\n";
  }
}

}  // namespace fleetsim
