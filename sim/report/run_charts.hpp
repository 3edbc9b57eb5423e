#pragma once
/// The charts of one run, built from its metrics and events: load, latency and errors per target
/// group; tasks and utilization per service; capacity; queues; cost; alarms; any other metric.

#include <vector>

#include "sim/report/chart.hpp"
#include "sim/report/event_digest.hpp"
#include "sim/report/metric_table.hpp"

namespace fleetsim {

/// The run's chart sections in reading order; sections without data are left out.
std::vector<ChartSection> run_chart_sections(const MetricTable& metrics, const EventDigest& events, double duration_s);

}  // namespace fleetsim
