#include "models/kubernetes/restart_backoff.hpp"

#include <algorithm>

namespace fleetsim::kube {

Duration RestartBackoff::restart_after(SimTime exited) {
  // IsInBackOffSince(key, finishedAt): no entry, or one not updated for 2 x max before the exit (hasExpired),
  // lets the container start at once; otherwise it waits the entry's back-off from its exit.
  const bool fresh = backoff_ == Duration{} || exited - last_update_ > max_ + max_;
  const Duration wait = fresh ? Duration{} : backoff_;
  // Next(key, finishedAt) when it restarts: a fresh entry at the initial back-off, else doubled up to max.
  backoff_ = fresh ? initial_ : std::min(backoff_ + backoff_, max_);
  last_update_ = exited + wait;
  return wait;
}

}  // namespace fleetsim::kube
