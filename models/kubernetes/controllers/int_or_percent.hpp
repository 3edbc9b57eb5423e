#pragma once
/// intstr.IntOrString as the controllers read it: an absolute count or a percentage of a total.

namespace fleetsim::kube {

/// A count ("maxSurge: 2") or a percentage ("maxSurge: 25%").
struct IntOrPercent {
  int value = 0;         ///< the count, or the percentage
  bool percent = false;  ///< true for "N%"

  /// An absolute count.
  static IntOrPercent count(int n) { return {n, false}; }
  /// A percentage.
  static IntOrPercent percentage(int p) { return {p, true}; }
};

/// GetScaledValueFromIntOrPercent: the count, or value% of `total` rounded up or down.
int scaled_value(IntOrPercent v, int total, bool round_up);

}  // namespace fleetsim::kube
