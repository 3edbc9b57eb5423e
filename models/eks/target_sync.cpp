#include "models/eks/target_sync.hpp"

namespace fleetsim {

void SyncedTarget::on_target_drained() { owner_.drained(*this); }

void TargetSync::want(SyncedTarget& target, bool want) {
  if (target.wanted == want) return;
  target.wanted = want;
  if (!target.sync) target.sync = engine_.schedule_after<&TargetSync::on_sync>(delay_, this, target.id);
}

void TargetSync::forget(SyncedTarget& target) {
  target.gone = true;
  if (target.wanted) {
    want(target, false);
  } else if (!target.handle.valid() && !target.sync && !target.draining) {
    targets_.erase(target.id);
  }
}

void TargetSync::on_sync(std::uint64_t id) {
  auto it = targets_.find(id);
  if (it == targets_.end()) return;
  SyncedTarget& target = *it->second;
  target.sync = EventId{};
  if (target.wanted && !target.handle.valid()) {
    target.handle = group_.register_target(&target, target.info(), &target);
  } else if (!target.wanted && target.handle.valid()) {
    group_.deregister_target(target.handle);
    target.handle = TargetHandle{};
    target.draining = true;
  } else if (!target.wanted && target.gone && !target.draining) {
    targets_.erase(it);
  }
}

void TargetSync::drained(SyncedTarget& target) {
  // A target whose object is gone is freed; one whose object lives on (not ready for a while) waits to return.
  target.draining = false;
  if (target.gone && !target.wanted && !target.sync) targets_.erase(target.id);
}

}  // namespace fleetsim
