#pragma once
/// Which Availability Zones are up. A fault (an AZ outage) darkens a zone; every model with capacity in
/// zones (Auto Scaling groups, Fargate, ECS services) subscribes and reacts on its own side.

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

namespace fleetsim {

/// The state of every Availability Zone of the run, and who wants to know when it changes.
class ZoneHealth {
 public:
  /// Called with the zone and whether it is up now.
  using Listener = std::function<void(const std::string& zone, bool up)>;
  /// False while the zone is dark.
  bool up(const std::string& zone) const { return std::find(dark_.begin(), dark_.end(), zone) == dark_.end(); }
  /// `listener` hears every change from now on, after the listeners subscribed before it.
  void subscribe(Listener listener) { listeners_.push_back(std::move(listener)); }
  /// The zone goes dark (`up` false) or comes back. The state changes before any listener runs, so a
  /// listener's replacements (a relaunched instance, a rescheduled task) already avoid a dark zone.
  void set_up(const std::string& zone, bool up) {
    if (this->up(zone) == up) return;
    if (up) {
      dark_.erase(std::find(dark_.begin(), dark_.end(), zone));
    } else {
      dark_.push_back(zone);
    }
    for (const Listener& l : listeners_) l(zone, up);
  }

 private:
  std::vector<std::string> dark_;  // few zones: a vector beats a set
  std::vector<Listener> listeners_;
};

}  // namespace fleetsim
