#include "sim/report/downsample.hpp"

#include <algorithm>

namespace fleetsim {

std::vector<Point> downsample_min_max(const std::vector<Point>& points, std::size_t max_points, std::size_t buckets) {
  if (points.size() <= max_points || buckets == 0) return points;
  std::vector<Point> out;
  out.reserve(2 * buckets);
  const std::size_t n = points.size();
  for (std::size_t b = 0; b < buckets; ++b) {
    // Integer bucket bounds: every point lands in exactly one bucket, whatever n and buckets.
    std::size_t begin = b * n / buckets, end = (b + 1) * n / buckets;
    if (begin == end) continue;
    std::size_t lo = begin, hi = begin;
    for (std::size_t i = begin + 1; i < end; ++i) {
      if (points[i].v < points[lo].v) lo = i;
      if (points[i].v > points[hi].v) hi = i;
    }
    std::size_t first = std::min(lo, hi), second = std::max(lo, hi);
    out.push_back(points[first]);
    if (second != first) out.push_back(points[second]);
  }
  // The end points survive too, so the reduced series spans the same time.
  if (out.front().t != points.front().t) out.insert(out.begin(), points.front());
  if (out.back().t != points.back().t) out.push_back(points.back());
  return out;
}

}  // namespace fleetsim
