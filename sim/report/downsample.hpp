#pragma once
/// Fewer points for long series, keeping what the eye sees: the minimum and the maximum of each of
/// a fixed number of equal-count buckets, in time order, so peaks and dips survive.

#include <cstddef>
#include <vector>

#include "sim/report/metric_table.hpp"

namespace fleetsim {

/// Series longer than this many points are reduced.
inline constexpr std::size_t kMaxChartPoints = 2000;
/// A reduced series keeps the minimum and maximum of this many buckets (at most twice as many points).
inline constexpr std::size_t kDownsampleBuckets = 1000;

/// `points` when it has at most `max_points`; else the minimum and maximum point of each of
/// `buckets` consecutive buckets (one point when they coincide), in time order. First and last
/// points always survive.
std::vector<Point> downsample_min_max(const std::vector<Point>& points, std::size_t max_points = kMaxChartPoints,
                                      std::size_t buckets = kDownsampleBuckets);

}  // namespace fleetsim
