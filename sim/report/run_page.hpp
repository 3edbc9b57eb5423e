#pragma once
/// The pages for one run and for two runs side by side.

#include <string>

#include "sim/report/run_data.hpp"

namespace fleetsim {

/// The page of one run: headline figures, per-service table, charts on one time axis, marks.
std::string run_report_html(const RunData& run);

/// The page comparing run `a` with run `b`: figures side by side with differences, both runs'
/// series on each chart.
std::string compare_report_html(const RunData& a, const RunData& b);

}  // namespace fleetsim
