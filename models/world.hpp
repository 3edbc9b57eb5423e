#pragma once
/// The assembled simulation: the run-wide services, the model instances, and a typed directory through
/// which models provide and find each other's interfaces by name.

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/api/cost_ledger.hpp"
#include "models/api/request_totals.hpp"
#include "models/api/run_context.hpp"
#include "models/api/zone_health.hpp"
#include "models/catalog/catalog.hpp"
#include "sim/exec/exec_permission.hpp"
#include "sim/scenario/diagnostics.hpp"

namespace fleetsim {

class World;

/// A model instance's part in the run's life: linking, checking, start, finish, and its lines in summary.json.
class Model {
 public:
  virtual ~Model() = default;
  /// Build stage 2: finds what other models provided (by interface and name) and connects to it.
  virtual void link(World&) {}
  /// Build stage 3: cross-model checks and warnings, once everything is linked.
  virtual void check(World&) {}
  /// Schedules the model's first events (all models are built before any starts).
  virtual void start() {}
  /// The run reached its end: settle bills and counters (before the last period closes).
  virtual void finish(SimTime) {}
  /// Adds the model's figures to summary.json.
  virtual void write_summary(nlohmann::ordered_json&) const {}
};

/// A model whose parts each schedule their own first events (workloads, scheduled rules): it owns them
/// and starts them in the order they were built.
template <class Part>
class PartsModel : public Model {
 public:
  void start() override {
    for (auto& p : parts) p->start();
  }
  std::vector<std::unique_ptr<Part>> parts;
};

/// Name -> interface, ordered so iteration never depends on addresses.
template <class T>
class Directory {
 public:
  /// Adds `item` under `name`; false when the name is taken.
  bool add(const std::string& name, T* item) { return items_.emplace(name, item).second; }
  /// The item, or nullptr.
  T* find(const std::string& name) const {
    auto it = items_.find(name);
    return it == items_.end() ? nullptr : it->second;
  }
  /// All names, sorted.
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [n, _] : items_) out.push_back(n);
    return out;
  }
  /// Every (name, item), in name order.
  const std::map<std::string, T*>& items() const { return items_; }

 private:
  std::map<std::string, T*> items_;
};

/// A timeline action a model provides (under the action's name): checks a validated entry against the
/// built world (throwing ScenarioError with the entry's pointer) and returns the effect to run at its time.
using TimelineHandler = std::function<std::function<void()>(const nlohmann::json& entry, const std::string& pointer)>;

/// Everything built from one scenario.
class World {
 public:
  /// A world for `ctx`.
  explicit World(RunContext& context) : ctx(context), costs(context.metrics) {}

  /// Offers `item` to other models as an `I` named `name`; false when an `I` of that name exists.
  template <class I>
  bool provide(const std::string& name, I* item) {
    return directory<I>().add(name, item);
  }
  /// The `I` named `name`, or nullptr.
  template <class I>
  I* find(const std::string& name) const {
    const Directory<I>* d = existing<I>();
    return d == nullptr ? nullptr : d->find(name);
  }
  /// The `I` named `name`; otherwise throws ScenarioError at `pointer`: "no WHAT named "NAME"" with the
  /// closest provided name as a suggestion.
  template <class I>
  I& need(const std::string& name, const std::string& pointer, const std::string& what) const {
    if (I* item = find<I>(name)) return *item;
    throw ScenarioError(pointer, missing(what, name, names<I>()));
  }
  /// Every `I` by name, in name order.
  template <class I>
  std::vector<std::pair<std::string, I*>> all() const {
    std::vector<std::pair<std::string, I*>> out;
    if (const Directory<I>* d = existing<I>()) out.assign(d->items().begin(), d->items().end());
    return out;
  }
  /// The names of every `I`, sorted.
  template <class I>
  std::vector<std::string> names() const {
    const Directory<I>* d = existing<I>();
    return d == nullptr ? std::vector<std::string>{} : d->names();
  }
  /// The directory of every `I` (made empty on first use), for models that look names up while running.
  template <class I>
  Directory<I>& directory() {
    std::unique_ptr<TypedSlot>& slot = slot_at(type_key<I>());
    if (!slot) slot = std::make_unique<Slot<I>>();
    return static_cast<Slot<I>&>(*slot).directory;
  }

  /// Provides `handler` (kept by the world) as the timeline action `name`; false when the name is taken.
  bool provide_action(const std::string& name, TimelineHandler handler) {
    actions_.push_back(std::move(handler));
    return provide<const TimelineHandler>(name, &actions_.back());
  }
  /// Takes ownership of a model and returns it.
  template <class M>
  M& own(std::unique_ptr<M> m) {
    M& ref = *m;
    models.push_back(std::move(m));
    return ref;
  }

  /// The security group ids of the array `list` at `pointer`, each checked against the securityGroups
  /// section (throws ScenarioError naming the unknown one); unchecked when the scenario has no such section.
  std::vector<std::string> security_groups_at(const nlohmann::json& list, const std::string& pointer) const;

  RunContext& ctx;                                 ///< engine, seed, metrics, events, end
  Catalog catalog = Catalog::built_in();           ///< instance types, prices, service constants
  std::string region = "us-east-1";                ///< simulation.region
  std::vector<std::string> availability_zones;     ///< the scenario's AZs, in order
  ZoneHealth zone_health;                          ///< which AZs are up (azOutage darkens one)
  std::string scenario_dir;                        ///< for paths relative to the scenario file
  ExecPermission exec = ExecPermission::kRefused;  ///< may the scenario start programs (--allow-exec)
  std::int64_t start_unix_s = 1767225600;          ///< simulation.startTime (default 2026-01-01T00:00:00Z)
  CostLedger costs;                                ///< every bill of the run
  RequestTotals requests;                          ///< request outcomes and latencies
  std::vector<Diagnostic> warnings;                ///< valid, but probably not what the author meant
  std::vector<std::unique_ptr<Model>> models;      ///< in build order

 private:
  // One slot per interface type; the key is a number handed out on a type's first use (no RTTI), used only
  // to index, never to order anything.
  struct TypedSlot {
    virtual ~TypedSlot() = default;
  };
  template <class I>
  struct Slot : TypedSlot {
    Directory<I> directory;
  };
  static std::size_t next_type_key();
  template <class I>
  static std::size_t type_key() {
    static const std::size_t kKey = next_type_key();
    return kKey;
  }
  std::unique_ptr<TypedSlot>& slot_at(std::size_t key) {
    if (slots_.size() <= key) slots_.resize(key + 1);
    return slots_[key];
  }
  template <class I>
  const Directory<I>* existing() const {
    std::size_t key = type_key<I>();
    if (key >= slots_.size() || !slots_[key]) return nullptr;
    return &static_cast<const Slot<I>&>(*slots_[key]).directory;
  }
  static std::string missing(const std::string& what, const std::string& name, const std::vector<std::string>& known);

  std::vector<std::unique_ptr<TypedSlot>> slots_;
  std::deque<TimelineHandler> actions_;  // a deque: provided addresses stay put as it grows
};

}  // namespace fleetsim
