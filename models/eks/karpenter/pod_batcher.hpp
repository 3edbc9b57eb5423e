#pragma once
/// Karpenter's batching of pending pods: a batch opens when a pod becomes pending and closes once no new pod came
/// for batchIdleDuration or batchMaxDuration after it opened, whichever is first (karpenter.sh settings
/// BATCH_IDLE_DURATION 1s, BATCH_MAX_DURATION 10s).

#include "sim/time.hpp"

namespace fleetsim {

/// One batch window at a time.
class PodBatcher {
 public:
  /// The defaults: idle 1 s, max 10 s.
  static constexpr Duration kIdle = Duration::seconds(1);
  static constexpr Duration kMax = Duration::seconds(10);

  PodBatcher(Duration idle = kIdle, Duration max = kMax) : idle_(idle), max_(max) {}
  /// New pending pods were seen at `now`: a batch opens, or the open one waits again.
  void pods_arrived(SimTime now) {
    if (!open_) start_ = now;
    open_ = true;
    last_ = now;
  }
  /// True when the open batch closes at `now`.
  [[nodiscard]] bool due(SimTime now) const { return open_ && (now - last_ >= idle_ || now - start_ >= max_); }
  /// When the open batch began.
  [[nodiscard]] SimTime started() const { return start_; }
  /// The batch was provisioned.
  void close() { open_ = false; }

 private:
  Duration idle_, max_;
  bool open_ = false;
  SimTime start_, last_;
};

}  // namespace fleetsim
