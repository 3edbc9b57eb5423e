#pragma once
/// The AWS Load Balancer Controller's registration loop for one target group: each target (a pod in `ip`
/// mode, a node in `instance` mode) is registered when its object becomes eligible and deregistered when it
/// stops being so, each a sync delay after the change (the controller watches the API and calls elbv2).
/// A target outlives its object until the group has drained it.

#include <cstdint>
#include <map>
#include <memory>

#include "models/api/load_balancing.hpp"
#include "sim/engine.hpp"

namespace fleetsim {

class TargetSync;

/// One target as the controller tracks it; the subclass says what serves behind it.
class SyncedTarget : public ServingTarget, public TargetOwner {
 public:
  SyncedTarget(TargetSync& owner, std::uint64_t id) : id(id), owner_(owner) {}
  /// How it is registered (its address and AZ).
  virtual TargetInfo info() const = 0;
  void on_target_healthy(const std::string&) override {}
  void on_target_unhealthy(const std::string&, const std::string&) override {}
  void on_target_drained() override;

  const std::uint64_t id;  ///< its key in the TargetSync (timers carry it)
  TargetHandle handle;     ///< its registration, when registered
  bool wanted = false;     ///< the controller's goal: registered or not
  bool gone = false;       ///< its object is gone: it is freed once deregistered and drained
  EventId sync;            ///< the controller's pending elbv2 call
  bool draining = false;   ///< deregistered, the group still draining it

 private:
  TargetSync& owner_;
};

/// The targets of one target group and the controller's pending calls for them.
class TargetSync {
 public:
  /// Registers in `group` `delay` after each change, on `engine`'s clock.
  TargetSync(Engine& engine, TargetGroupPort& group, Duration delay) : engine_(engine), group_(group), delay_(delay) {}

  /// Adds a target of type `T`, made from (this, its id, `args`...), not yet wanted, and returns it.
  template <class T, class... Args>
  T& add(Args&&... args) {
    auto made = std::make_unique<T>(*this, next_id_++, std::forward<Args>(args)...);
    T& target = *made;
    targets_.emplace(target.id, std::move(made));
    return target;
  }
  /// The controller's goal for `target` changed to `want`: its call goes out after the delay.
  void want(SyncedTarget& target, bool want);
  /// The object behind `target` is gone: deregistered (after the delay) if it was wanted, then freed.
  void forget(SyncedTarget& target);
  /// The group drained `target`: freed if its object is gone.
  void drained(SyncedTarget& target);

 private:
  void on_sync(std::uint64_t id);

  Engine& engine_;
  TargetGroupPort& group_;
  Duration delay_;
  std::map<std::uint64_t, std::unique_ptr<SyncedTarget>> targets_;  // by id: timers carry the id
  std::uint64_t next_id_ = 0;
};

}  // namespace fleetsim
