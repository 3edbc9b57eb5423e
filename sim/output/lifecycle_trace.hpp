#pragma once
/// timeline.json: the lifecycles of tasks, instances and the like as Chrome trace events (Perfetto
/// and chrome://tracing open it), built from the same state-change events as events.jsonl.

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "sim/time.hpp"

namespace fleetsim {

/// An event type that moves one entity through states, and how to read it.
struct LifecycleKind {
  std::string type;                     ///< event type, e.g. "TaskStateChange"
  std::string id_key;                   ///< field naming the entity, e.g. "taskId"
  std::vector<std::string> group_keys;  ///< fields naming its group (the first present wins), e.g. "service"
  std::string state_key;                ///< field with the new state, e.g. "lastStatus"
  std::string final_state;              ///< the state after which the entity is gone, e.g. "STOPPED"
};

/// Streams a Chrome trace: one process per group, one thread per concurrently live entity (slots are
/// reused, lowest first, so the number of tracks follows the peak, not the total), one complete ("X")
/// slice per state, and instant events for the listed types. Memory holds only the live entities.
class LifecycleTrace {
 public:
  /// Writes to `out`; `kinds` describe lifecycles, events of `instant_types` become instants.
  LifecycleTrace(std::ostream& out, std::vector<LifecycleKind> kinds, std::set<std::string> instant_types);
  /// Takes one event as EventLog emits it.
  void record(SimTime t, const char* type, const nlohmann::ordered_json& fields);
  /// Closes the slices still open at `end` and the JSON document.
  void finish(SimTime end);

 private:
  struct Group {
    int pid = 0;
    std::set<int> free_slots;
    int next_slot = 1;
  };
  struct Open {
    Group* group = nullptr;  // map nodes do not move
    int pid = 0, tid = 0;
    std::string state;
    SimTime since;
    nlohmann::ordered_json args;
  };
  void write(const nlohmann::ordered_json& e);
  void close_slice(const Open& o, SimTime until);
  int slot_in(Group& g);

  std::ostream& out_;
  std::vector<LifecycleKind> kinds_;
  std::set<std::string> instant_types_;
  std::map<std::string, Group> groups_;  // by "key value"
  std::map<std::string, Open> open_;     // by entity id
  std::set<std::pair<int, int>> named_threads_;
  bool first_ = true;
};

}  // namespace fleetsim
