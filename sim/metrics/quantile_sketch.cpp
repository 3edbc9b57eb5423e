#include "sim/metrics/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace fleetsim {

namespace {

// Keeps the memory bound meaningful even for odd constructor arguments (8 MiB of counters at most).
constexpr long long kMaxBucketSpan = 1 << 20;

int floor_div(int a, int b) {
  const int q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

}  // namespace

std::uint64_t nearest_rank(double q, std::uint64_t n) {
  if (n == 0) return 0;
  if (!(q > 0.0)) return 1;  // also NaN
  if (q >= 1.0) return n;
  const double r = std::ceil(q * static_cast<double>(n));
  if (r < 1.0) return 1;
  if (r >= static_cast<double>(n)) return n;
  return static_cast<std::uint64_t>(r);
}

QuantileSketch::QuantileSketch(double relative_accuracy, double min_indexable, double max_indexable)
    : relative_accuracy_(relative_accuracy), min_indexable_(min_indexable), max_indexable_(max_indexable) {
  if (!(relative_accuracy >= 1e-4 && relative_accuracy <= 0.5)) {
    throw std::invalid_argument("QuantileSketch: relative accuracy must be in [1e-4, 0.5]");
  }
  if (!(min_indexable >= std::numeric_limits<double>::min() && max_indexable > min_indexable &&
        max_indexable <= std::numeric_limits<double>::max())) {
    throw std::invalid_argument("QuantileSketch: need 0 < min_indexable < max_indexable, finite and normal");
  }

  // Boundaries come from repeated multiplication so that they are the same doubles on every IEEE machine.
  const double gamma = (1.0 + relative_accuracy) / (1.0 - relative_accuracy);
  bounds_.push_back(1.0);
  for (double b = gamma; b < 2.0; b *= gamma) bounds_.push_back(b);
  per_octave_ = static_cast<int>(bounds_.size());
  bounds_.push_back(2.0);
  for (int k = 0; k < per_octave_; ++k) {
    const double lo = bounds_[static_cast<std::size_t>(k)];
    const double hi = bounds_[static_cast<std::size_t>(k) + 1];
    reps_.push_back(2.0 * lo * hi / (lo + hi));
  }

  // Sub-ranges narrower than the closest pair of interior boundaries contain at most one boundary, so the table
  // entry plus one comparison finds the bucket. The truncated last gap is excluded: its upper end 2 is never crossed.
  double min_gap = 2.0;
  for (int k = 0; k + 1 < per_octave_; ++k) {
    min_gap = std::min(min_gap, bounds_[static_cast<std::size_t>(k) + 1] - bounds_[static_cast<std::size_t>(k)]);
  }
  int table_bits = 0;
  double width = 1.0;
  while (width >= min_gap) {
    width *= 0.5;
    ++table_bits;
  }
  sub_shift_ = 52 - table_bits;
  const std::size_t table_size = std::size_t{1} << table_bits;
  sub_bucket_.resize(table_size);
  std::size_t k = 0;
  for (std::size_t j = 0; j < table_size; ++j) {
    const double start = 1.0 + static_cast<double>(j) * width;  // exact: j * 2^-bits
    while (bounds_[k + 1] <= start) ++k;
    sub_bucket_[j] = static_cast<std::uint16_t>(k);
  }

  min_index_ = unclamped_index(min_indexable);
  max_index_ = unclamped_index(max_indexable);
  if (static_cast<long long>(max_index_) - min_index_ + 1 > kMaxBucketSpan) {
    throw std::invalid_argument("QuantileSketch: too many buckets between min_indexable and max_indexable");
  }
}

double QuantileSketch::bucket_value(int index) const {
  const int exponent = floor_div(index, per_octave_);
  const int k = index - exponent * per_octave_;
  return std::ldexp(reps_[static_cast<std::size_t>(k)], exponent);  // exact scaling by a power of two
}

std::uint64_t QuantileSketch::bucket_count(int index) const {
  const long long pos = static_cast<long long>(index) - offset_;
  if (pos < 0 || pos >= static_cast<long long>(buckets_.size())) return 0;
  return buckets_[static_cast<std::size_t>(pos)];
}

void QuantileSketch::reserve_window(int lo, int hi) {
  // Exact reservations keep capacity within the index span; vector's geometric growth could overshoot it.
  const auto needed = static_cast<std::size_t>(hi - lo + 1);
  if (needed > buckets_.capacity()) buckets_.reserve(needed);
  if (buckets_.empty()) {
    buckets_.assign(needed, 0);
    offset_ = lo;
    return;
  }
  const int old_hi = offset_ + static_cast<int>(buckets_.size()) - 1;
  if (lo < offset_) buckets_.insert(buckets_.begin(), static_cast<std::size_t>(offset_ - lo), 0);
  if (hi > old_hi) buckets_.resize(buckets_.size() + static_cast<std::size_t>(hi - old_hi), 0);
  offset_ = std::min(offset_, lo);
}

void QuantileSketch::grow_to(int index) {
  // Slack of an octave or half the window keeps the number of regrowths logarithmic in the final span.
  if (buckets_.empty()) {
    reserve_window(std::max(min_index_, index - per_octave_), std::min(max_index_, index + per_octave_));
    return;
  }
  const int size = static_cast<int>(buckets_.size());
  const int slack = std::max(per_octave_, size / 2);
  const int lo = offset_;
  const int hi = offset_ + size - 1;
  if (index < lo) reserve_window(std::max(min_index_, std::min(index, lo - slack)), hi);
  if (index > hi) reserve_window(lo, std::min(max_index_, std::max(index, hi + slack)));
}

void QuantileSketch::merge(const QuantileSketch& other) {
  if (other.relative_accuracy_ != relative_accuracy_ || other.min_indexable_ != min_indexable_ ||
      other.max_indexable_ != max_indexable_) {
    throw std::invalid_argument("QuantileSketch::merge: sketches have different parameters");
  }
  std::size_t first = 0;
  std::size_t last = other.buckets_.size();
  while (first < last && other.buckets_[first] == 0) ++first;
  while (last > first && other.buckets_[last - 1] == 0) --last;
  if (first < last) {
    const int lo = other.offset_ + static_cast<int>(first);
    const int hi = other.offset_ + static_cast<int>(last) - 1;
    grow_to(lo);
    grow_to(hi);
    for (std::size_t i = first; i < last; ++i) {
      buckets_[static_cast<std::size_t>(other.offset_ + static_cast<int>(i) - offset_)] += other.buckets_[i];
    }
  }
  zero_ += other.zero_;
  count_ += other.count_;
}

double QuantileSketch::quantile(double q) const {
  if (count_ == 0) return 0.0;
  const std::uint64_t rank = nearest_rank(q, count_);
  std::uint64_t seen = zero_;
  if (seen >= rank) return 0.0;
  for (std::size_t i = 0; i < buckets_.size(); ++i) {
    seen += buckets_[i];
    if (seen >= rank) return bucket_value(offset_ + static_cast<int>(i));
  }
  return bucket_value(max_index_);  // unreachable while counts are consistent
}

void QuantileSketch::clear() {
  std::fill(buckets_.begin(), buckets_.end(), std::uint64_t{0});
  zero_ = 0;
  count_ = 0;
}

bool operator==(const QuantileSketch& a, const QuantileSketch& b) {
  if (a.relative_accuracy_ != b.relative_accuracy_ || a.min_indexable_ != b.min_indexable_ ||
      a.max_indexable_ != b.max_indexable_ || a.count_ != b.count_ || a.zero_ != b.zero_) {
    return false;
  }
  for (int i = a.min_index_; i <= a.max_index_; ++i) {
    if (a.bucket_count(i) != b.bucket_count(i)) return false;
  }
  return true;
}

}  // namespace fleetsim
