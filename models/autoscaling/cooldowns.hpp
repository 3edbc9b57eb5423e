#pragma once
/// Application Auto Scaling's cooldown rules for one scalable target (aws-facts §1.2 "Cooldown
/// semantics", AAS-UG target tracking and step scaling pages):
/// - after a scale-out, capacity does not rise again unless a larger scale-out is asked for; the
///   capacity already added counts toward it, so only the difference is added;
/// - after a scale-in, scale-ins are blocked until the cooldown ends;
/// - a scale-out during a scale-in cooldown runs at once and ends that cooldown.
/// Scheduled actions ignore cooldowns.

#include "sim/time.hpp"

namespace fleetsim {

/// Cooldown state of a scalable target.
class Cooldowns {
 public:
  /// True inside a scale-out cooldown.
  bool scaling_out(SimTime now) const { return now < scale_out_until_; }
  /// The capacity the current scale-out cooldown started from: what later scale-outs inside it are
  /// measured from, so that capacity added already counts.
  int scale_out_base() const { return base_; }
  /// True while scale-in is blocked.
  bool scale_in_blocked(SimTime now) const { return now < scale_in_until_; }
  /// A scale-out from `from` happened now; `cooldown` is the policy's.
  void scaled_out(SimTime now, int from, Duration cooldown) {
    if (!scaling_out(now)) base_ = from;
    scale_out_until_ = now + cooldown;
    scale_in_until_ = SimTime::zero();  // a scale-out cancels the scale-in cooldown
  }
  /// A scale-in happened now.
  void scaled_in(SimTime now, Duration cooldown) { scale_in_until_ = now + cooldown; }

 private:
  SimTime scale_out_until_ = SimTime::zero();
  SimTime scale_in_until_ = SimTime::zero();
  int base_ = 0;
};

}  // namespace fleetsim
