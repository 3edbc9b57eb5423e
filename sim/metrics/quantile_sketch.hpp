#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fleetsim {

/// Nearest-rank convention used by QuantileSketch: the 1-based rank ceil(q*n) clamped to [1, n]; 0 when n == 0.
std::uint64_t nearest_rank(double q, std::uint64_t n);

/// Mergeable relative-error quantile sketch (DDSketch idea) over non-negative values such as latencies in ms.
///
/// Every power-of-two octave [2^e, 2^(e+1)) is split into the same K buckets with boundaries 2^e * g^k, g =
/// (1+a)/(1-a), the last bucket of each octave being truncated at 2^(e+1). Restarting at each octave lets the bucket
/// index be taken from the IEEE exponent plus a table lookup on the mantissa, so bucket choice uses only exact bit
/// manipulation and comparisons against boundaries built by repeated multiplication: identical on every IEEE-754
/// machine, no libm. Each bucket spans a ratio of at most g, so its representative value 2*lo*hi/(lo+hi) is within a
/// relative error a of every value in it. Values below min_indexable (and negative or NaN input) land in a zero bucket
/// reported as 0; values at or above max_indexable (including +inf) are clamped into the top bucket, so memory is
/// bounded by max_bucket_index() - min_bucket_index() + 1 counters (3489 for the defaults) whatever the input.
class QuantileSketch {
 public:
  /// Default relative accuracy: every reported quantile is within 0.5% of the sample value at that rank.
  static constexpr double kDefaultRelativeAccuracy = 0.005;
  /// Default smallest value given its own bucket (ms); anything smaller counts as zero.
  static constexpr double kDefaultMinIndexable = 1e-6;
  /// Default largest value given its own bucket (ms, about 11.6 days); anything larger is clamped down to it.
  static constexpr double kDefaultMaxIndexable = 1e9;

  /// Throws std::invalid_argument unless 1e-4 <= relative_accuracy <= 0.5 and 0 < min_indexable < max_indexable
  /// are finite normal doubles.
  explicit QuantileSketch(double relative_accuracy = kDefaultRelativeAccuracy,
                          double min_indexable = kDefaultMinIndexable, double max_indexable = kDefaultMaxIndexable);

  /// Records one value.
  void add(double v) { add(v, 1); }
  /// Records `count` copies of a value.
  void add(double v, std::uint64_t count);
  /// Adds all of `other`'s counts; throws std::invalid_argument if its parameters differ from this sketch's.
  void merge(const QuantileSketch& other);
  /// Value at nearest rank ceil(q*n) within relative accuracy (q is clamped to [0,1]); 0 for an empty sketch.
  double quantile(double q) const;
  /// Number of values recorded.
  std::uint64_t count() const { return count_; }
  /// True when no value has been recorded since construction or clear().
  bool empty() const { return count_ == 0; }
  /// Forgets all values but keeps the bucket storage, so a sketch reused each period stops allocating.
  void clear();

  /// Relative accuracy a the sketch was built with.
  double relative_accuracy() const { return relative_accuracy_; }
  /// Values below this are counted in the zero bucket.
  double min_indexable() const { return min_indexable_; }
  /// Values at or above this are counted in the top bucket.
  double max_indexable() const { return max_indexable_; }
  /// Buckets in each power-of-two octave (70 for a = 0.005).
  int buckets_per_octave() const { return per_octave_; }
  /// Index of the bucket holding min_indexable, the lowest non-zero bucket.
  int min_bucket_index() const { return min_index_; }
  /// Index of the bucket holding max_indexable, the top bucket.
  int max_bucket_index() const { return max_index_; }
  /// Bucket a value >= min_indexable falls in (clamped to the top bucket); bucket 0 starts at 1.0.
  int bucket_index(double v) const;
  /// Representative value reported for a bucket index.
  double bucket_value(int index) const;
  /// Count stored in a bucket (0 for indices never touched).
  std::uint64_t bucket_count(int index) const;
  /// Count stored in the zero bucket.
  std::uint64_t zero_count() const { return zero_; }
  /// Counters currently allocated, for checking the memory bound.
  std::size_t bucket_capacity() const { return buckets_.capacity(); }

  /// Same parameters and the same count in every bucket (storage layout is ignored).
  friend bool operator==(const QuantileSketch& a, const QuantileSketch& b);

 private:
  int unclamped_index(double v) const;
  void grow_to(int index);
  void reserve_window(int lo, int hi);

  double relative_accuracy_;
  double min_indexable_;
  double max_indexable_;
  int per_octave_ = 0;  // K
  int sub_shift_ = 52;  // mantissa bits dropped to form the sub-range table index
  int min_index_ = 0;
  int max_index_ = 0;
  std::vector<double> bounds_;             // K+1 boundaries in [1,2]: 1, g, g^2, ..., 2
  std::vector<double> reps_;               // K representatives inside [1,2)
  std::vector<std::uint16_t> sub_bucket_;  // bucket of each mantissa sub-range's start; sub-ranges hold <= 1 boundary

  std::vector<std::uint64_t> buckets_;  // counts for indices [offset_, offset_ + size)
  int offset_ = 0;
  std::uint64_t zero_ = 0;
  std::uint64_t count_ = 0;
};

inline int QuantileSketch::bucket_index(double v) const { return v < max_indexable_ ? unclamped_index(v) : max_index_; }

inline int QuantileSketch::unclamped_index(double v) const {
  // v >= min_indexable is a positive normal double, so the biased exponent field is never 0 or 2047.
  const auto bits = std::bit_cast<std::uint64_t>(v);
  const int exponent = static_cast<int>(bits >> 52) - 1023;
  const std::uint64_t fraction = bits & 0x000FFFFFFFFFFFFFull;
  const double mantissa = std::bit_cast<double>(fraction | 0x3FF0000000000000ull);
  std::size_t k = sub_bucket_[fraction >> sub_shift_];
  k += mantissa >= bounds_[k + 1] ? 1 : 0;
  return exponent * per_octave_ + static_cast<int>(k);
}

inline void QuantileSketch::add(double v, std::uint64_t count) {
  count_ += count;
  if (!(v >= min_indexable_)) {
    zero_ += count;
    return;
  }
  const int index = bucket_index(v);
  // Unsigned wrap makes one comparison cover both "below" and "above" the window.
  if (static_cast<std::size_t>(static_cast<unsigned>(index - offset_)) >= buckets_.size()) grow_to(index);
  buckets_[static_cast<std::size_t>(index - offset_)] += count;
}

}  // namespace fleetsim
