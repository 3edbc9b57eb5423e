#pragma once
/// The kubelet's container restart back-off (client-go flowcontrol.Backoff as kuberuntime's doBackOff uses
/// it): the first restart is immediate; each later one waits the current back-off, which starts at 10 s
/// and doubles at every restart up to 5 minutes; a container that ran for more than twice the maximum
/// since the last restart starts again from nothing.

#include "sim/time.hpp"

namespace fleetsim::kube {

/// One container's back-off entry.
class RestartBackoff {
 public:
  /// A back-off of `initial`, doubling, at most `max`.
  RestartBackoff(Duration initial, Duration max) : initial_(initial), max_(max) {}

  /// The container exited at `exited` and will be restarted: how long after `exited` the kubelet starts
  /// it again. Records the restart (Backoff.Next at the restart time).
  Duration restart_after(SimTime exited);

 private:
  Duration initial_;
  Duration max_;
  Duration backoff_;  // zero: no entry yet
  SimTime last_update_;
};

}  // namespace fleetsim::kube
