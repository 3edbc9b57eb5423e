#include "models/ecs/placement.hpp"

#include <algorithm>
#include <stdexcept>

namespace fleetsim {

namespace {

constexpr std::string_view kAttributePrefix = "attribute:";

// ECS's text after "The closest matching container-instance <id> " for each failure.
std::string closest_detail(PlacementFailure failure) {
  switch (failure) {
    case PlacementFailure::kCpu:
      return "has insufficient CPU units available.";
    case PlacementFailure::kMemory:
      return "has insufficient memory available.";
    case PlacementFailure::kPorts:
      return "is already using a port required by your task.";
    case PlacementFailure::kMemberOf:
    case PlacementFailure::kDistinctInstance:
      // ECS quotes constraint errors with a final full stop inside the quotes.
      return "encountered error \"" + std::string(failure_reason(failure)) + ".\".";
    default:
      return "encountered error \"" + std::string(failure_reason(failure)) + "\".";
  }
}

// Keeps the candidates whose key is best: the minimum when placing, the maximum on scale-in.
// The filter is stable, so position order (the final tie-break) survives every narrowing.
// One pass: a better key restarts the kept prefix, an equal one extends it (writes never overtake reads).
template <class Key>
void keep_best(std::vector<std::uint32_t>& candidates, bool maximise, const Key& key) {
  auto best = key(candidates.front());
  std::size_t kept = 0;
  for (std::uint32_t c : candidates) {
    const auto k = key(c);
    if (maximise ? k > best : k < best) {
      best = k;
      kept = 0;
    }
    if (k == best) candidates[kept++] = c;
  }
  candidates.resize(kept);
}

}  // namespace

PlacementStrategy PlacementStrategy::binpack(BinpackField field) {
  PlacementStrategy s;
  s.type = Type::kBinpack;
  s.binpack_field = field;
  return s;
}

PlacementStrategy PlacementStrategy::spread(std::string_view field) {
  PlacementStrategy s;
  s.type = Type::kSpread;
  if (field == "instanceId" || field == "host") return s;
  if (field.substr(0, kAttributePrefix.size()) == kAttributePrefix && field.size() > kAttributePrefix.size()) {
    s.spread_attribute = std::string(field.substr(kAttributePrefix.size()));
    return s;
  }
  throw std::invalid_argument("spread field '" + std::string(field) + "': expected instanceId, host or attribute:NAME");
}

PlacementStrategy PlacementStrategy::random() {
  PlacementStrategy s;
  s.type = Type::kRandom;
  return s;
}

PlacementStrategy PlacementStrategy::parse(std::string_view type, std::string_view field) {
  if (type == "binpack") {
    if (field == "cpu" || field == "CPU") return binpack(BinpackField::kCpu);
    if (field == "memory" || field == "MEMORY") return binpack(BinpackField::kMemory);
    throw std::invalid_argument("binpack field '" + std::string(field) + "': expected cpu or memory");
  }
  if (type == "spread") return spread(field);
  if (type == "random") {
    if (!field.empty()) throw std::invalid_argument("random takes no field, found '" + std::string(field) + "'");
    return random();
  }
  throw std::invalid_argument("placement strategy type '" + std::string(type) +
                              "': expected binpack, spread or random");
}

PlacementConstraint PlacementConstraint::distinct_instance() { return {}; }

PlacementConstraint PlacementConstraint::member_of(std::string_view expression) {
  PlacementConstraint c;
  c.type = Type::kMemberOf;
  c.expression = ClusterQuery::parse(expression);
  return c;
}

std::vector<PlacementStrategy> PlacementPolicy::effective_strategies() const {
  if (!strategies.empty()) return strategies;
  return {PlacementStrategy::spread("attribute:ecs.availability-zone"), PlacementStrategy::spread("instanceId")};
}

std::string_view failure_reason(PlacementFailure failure) {
  switch (failure) {
    case PlacementFailure::kCpu:
      return "RESOURCE:CPU";
    case PlacementFailure::kMemory:
      return "RESOURCE:MEMORY";
    case PlacementFailure::kPorts:
      return "RESOURCE:PORTS";
    case PlacementFailure::kEni:
      return "RESOURCE:ENI";
    case PlacementFailure::kMemberOf:
      return "MemberOf placement constraint unsatisfied";
    case PlacementFailure::kDistinctInstance:
      return "DistinctInstance placement constraint unsatisfied";
    default:
      return "";
  }
}

std::string service_event_message(std::string_view service_name, const PlacementResult& result,
                                  std::string_view closest_instance_id) {
  if (result.ok()) return {};
  std::string msg = "service " + std::string(service_name) +
                    " was unable to place a task because no container instance met all of its requirements.";
  if (result.failure == PlacementFailure::kNoInstances) return msg;
  msg += " The closest matching container-instance " + std::string(closest_instance_id) + " " +
         closest_detail(result.failure) +
         " For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
  return msg;
}

PlacementCluster::PlacementCluster(const std::vector<InstanceView>& instances) {
  for (const InstanceView& v : instances) add_instance(v);
}

std::uint32_t PlacementCluster::column_for(std::string_view name) {
  const std::uint32_t name_id = pool_.intern(name);
  if (column_of_.size() <= name_id) column_of_.resize(name_id + 1, -1);
  if (column_of_[name_id] < 0) {
    column_of_[name_id] = static_cast<std::int32_t>(columns_.size());
    columns_.emplace_back(size(), StringPool::kAbsent);
  }
  return static_cast<std::uint32_t>(column_of_[name_id]);
}

void PlacementCluster::add_instance(const InstanceView& v) {
  if (!index_.empty() && v.index <= index_.back()) {
    throw std::invalid_argument("placement: instance indices must strictly increase; " + std::to_string(v.index) +
                                " follows " + std::to_string(index_.back()));
  }
  const std::size_t pos = size();
  index_.push_back(v.index);
  ids_.push_back(v.instance_id);
  cpu_.push_back(v.remaining_cpu_units);
  memory_.push_back(v.remaining_memory_mib);
  enis_.push_back(v.free_enis);
  group_.push_back(v.tasks_of_group);
  draining_.push_back(v.draining ? 1 : 0);
  std::vector<int> ports = v.used_host_ports;
  std::sort(ports.begin(), ports.end());
  ports_.push_back(std::move(ports));
  for (std::vector<std::uint32_t>& column : columns_) column.push_back(StringPool::kAbsent);
  const std::pair<std::string_view, const std::string*> builtins[] = {
      {"ecs.instance-type", &v.instance_type},
      {"ecs.availability-zone", &v.availability_zone},
      {"ecs.os-type", &v.os_type},
      {"ecs.cpu-architecture", &v.cpu_architecture},
      {"ecs.ami-id", &v.ami_id},
      {"ecs.subnet-id", &v.subnet_id},
  };
  for (const auto& [name, value] : builtins) {
    if (!value->empty()) columns_[column_for(name)][pos] = pool_.intern(*value);
  }
  for (const auto& [name, value] : v.attributes) columns_[column_for(name)][pos] = pool_.intern(value);
  // New values may have been interned: every totals vector keeps one slot per value id.
  for (SpreadTotals& t : spread_totals_) t.tasks.resize(pool_.size() + 1, 0);
  add_to_totals(pos, group_[pos]);
}

void PlacementCluster::refresh(BoundPolicy& policy) const {
  for (std::size_t pos = policy.member_mask_.size(); pos < size(); ++pos) {
    auto value_of_here = [&](std::uint32_t name) { return value_of(pos, name); };
    policy.member_mask_.push_back(std::all_of(policy.member_of_.begin(), policy.member_of_.end(),
                                              [&](const BoundQuery& q) { return q.matches(value_of_here, pool_); }));
  }
}

BoundPolicy PlacementCluster::bind(const PlacementPolicy& policy) {
  BoundPolicy b;
  for (const PlacementStrategy& s : policy.effective_strategies()) {
    std::uint32_t attribute = BoundPolicy::kPerInstance;
    std::int32_t totals = -1;
    if (s.type == PlacementStrategy::Type::kSpread && !s.spread_attribute.empty()) {
      attribute = pool_.intern(s.spread_attribute);
      totals = spread_totals_for(attribute);
    }
    b.rules_.push_back({s.type, s.binpack_field, attribute, totals});
    if (s.type == PlacementStrategy::Type::kRandom) b.needs_rng_ = true;
  }
  for (const PlacementConstraint& c : policy.constraints) {
    if (c.type == PlacementConstraint::Type::kDistinctInstance) {
      b.distinct_instance_ = true;
    } else if (c.expression) {
      b.member_of_.emplace_back(*c.expression, pool_);
    }
  }
  refresh(b);
  return b;
}

std::int32_t PlacementCluster::spread_totals_for(std::uint32_t attribute) {
  // The column is created when nobody has the attribute yet, so instances added later count.
  const std::uint32_t column = column_for(pool_.text(attribute));
  for (std::size_t i = 0; i < spread_totals_.size(); ++i) {
    if (spread_totals_[i].column == column) return static_cast<std::int32_t>(i);
  }
  SpreadTotals t{column, std::vector<int>(pool_.size() + 1, 0)};
  recount(t);
  spread_totals_.push_back(std::move(t));
  return static_cast<std::int32_t>(spread_totals_.size() - 1);
}

void PlacementCluster::recount(SpreadTotals& t) const {
  std::fill(t.tasks.begin(), t.tasks.end(), 0);
  for (std::size_t pos = 0; pos < size(); ++pos) {
    if (draining_[pos] == 0) t.tasks[slot(t, columns_[t.column][pos])] += group_[pos];
  }
}

void PlacementCluster::add_to_totals(std::size_t pos, int tasks) {
  if (draining_[pos] != 0) return;
  for (SpreadTotals& t : spread_totals_) t.tasks[slot(t, columns_[t.column][pos])] += tasks;
}

std::size_t PlacementCluster::position_of(std::uint32_t index) const {
  auto it = std::lower_bound(index_.begin(), index_.end(), index);
  if (it == index_.end() || *it != index) {
    throw std::out_of_range("placement: no instance with index " + std::to_string(index));
  }
  return static_cast<std::size_t>(it - index_.begin());
}

std::uint32_t PlacementCluster::value_of(std::size_t pos, std::uint32_t name) const {
  if (name >= column_of_.size() || column_of_[name] < 0) return StringPool::kAbsent;
  return columns_[static_cast<std::size_t>(column_of_[name])][pos];
}

// Resources first, then constraints, as ECS evaluates them; the first failure is the instance's reason.
PlacementFailure PlacementCluster::check(std::size_t pos, const BoundPolicy& policy,
                                         const TaskRequirement& task) const {
  if (cpu_[pos] < task.cpu_units) return PlacementFailure::kCpu;
  if (memory_[pos] < task.memory_mib) return PlacementFailure::kMemory;
  if (!ports_free(pos, task)) return PlacementFailure::kPorts;
  if (task.needs_eni && enis_[pos] < 1) return PlacementFailure::kEni;
  if (policy.member_mask_[pos] == 0) return PlacementFailure::kMemberOf;
  if (policy.distinct_instance_ && group_[pos] > 0) return PlacementFailure::kDistinctInstance;
  return PlacementFailure::kNone;
}

bool PlacementCluster::ports_free(std::size_t pos, const TaskRequirement& task) const {
  for (int port : task.static_host_ports) {
    if (std::binary_search(ports_[pos].begin(), ports_[pos].end(), port)) return false;
  }
  return true;
}

// The hot loop: one pass over flat columns, appending without a branch. Ports are the only check
// that is not a column compare, so the common portless case gets its own instantiation.
template <bool kCheckPorts>
std::size_t PlacementCluster::scan(const BoundPolicy& policy, const TaskRequirement& task) {
  const std::size_t n = size();
  candidates_.resize(n);
  std::size_t count = 0;
  // Locals and raw pointers: the stores into candidates_ could alias the vectors as far as the compiler
  // knows, which would reload every bound on every iteration.
  const int need_cpu = task.cpu_units;
  const int need_memory = task.memory_mib;
  const int need_eni = task.needs_eni ? 1 : 0;
  const bool any_group_ok = !policy.distinct_instance_;
  const std::uint8_t* member = policy.member_mask_.data();
  const std::uint8_t* draining = draining_.data();
  const int* cpu = cpu_.data();
  const int* memory = memory_.data();
  const int* enis = enis_.data();
  const int* group = group_.data();
  std::uint32_t* out = candidates_.data();
  // Two passes: the column compares into a byte mask (a loop the compiler vectorises), then the
  // branch-free compaction of the positions that passed.
  fit_.resize(n);
  std::uint8_t* fit = fit_.data();
  for (std::size_t pos = 0; pos < n; ++pos) {
    fit[pos] =
        static_cast<std::uint8_t>((draining[pos] == 0) & (cpu[pos] >= need_cpu) & (memory[pos] >= need_memory) &
                                  (enis[pos] >= need_eni) & (member[pos] != 0) & (any_group_ok | (group[pos] == 0)));
  }
  for (std::size_t pos = 0; pos < n; ++pos) {
    bool ok = fit[pos] != 0;
    if constexpr (kCheckPorts) ok = ok && ports_free(pos, task);
    out[count] = static_cast<std::uint32_t>(pos);
    count += ok ? 1 : 0;
  }
  candidates_.resize(count);
  return count;
}

PlacementResult PlacementCluster::place(const BoundPolicy& policy, const TaskRequirement& task, Rng* rng) {
  if (policy.needs_rng_ && rng == nullptr) throw std::invalid_argument("placement: a random strategy needs an Rng");
  if (policy.member_mask_.size() != size()) throw std::invalid_argument("placement: policy bound to another cluster");
  for (const BoundPolicy::Rule& rule : policy.rules_) {
    if (rule.totals >= static_cast<std::int32_t>(spread_totals_.size())) {
      throw std::invalid_argument("placement: policy bound to another cluster");
    }
  }
  const std::size_t count = task.static_host_ports.empty() ? scan<false>(policy, task) : scan<true>(policy, task);
  if (count == 0) {
    // Nothing fits: a second, slower pass finds the closest instance, the one that got furthest.
    PlacementResult result;  // kNoInstances until an ACTIVE instance is seen
    for (std::size_t pos = 0; pos < size(); ++pos) {
      if (draining_[pos] != 0) continue;
      const PlacementFailure f = check(pos, policy, task);
      if (f > result.failure) {  // strictly: the lowest position wins among equally close instances
        result.failure = f;
        result.instance = index_[pos];
      }
    }
    return result;
  }
  for (const BoundPolicy::Rule& rule : policy.rules_) {
    if (candidates_.size() == 1) break;  // also spares the Rng a draw that could not matter
    narrow(rule, false, rng);
  }
  return {PlacementFailure::kNone, index_[candidates_.front()]};
}

std::optional<std::uint32_t> PlacementCluster::choose_scale_in(const BoundPolicy& policy, Rng* rng) {
  if (policy.needs_rng_ && rng == nullptr) throw std::invalid_argument("placement: a random strategy needs an Rng");
  candidates_.clear();
  for (std::size_t pos = 0; pos < index_.size(); ++pos) {
    if (group_[pos] > 0) candidates_.push_back(static_cast<std::uint32_t>(pos));
  }
  if (candidates_.empty()) return std::nullopt;
  for (const BoundPolicy::Rule& rule : policy.rules_) {
    if (candidates_.size() == 1) break;
    narrow(rule, true, rng);
  }
  return index_[candidates_.front()];
}

void PlacementCluster::narrow(const BoundPolicy::Rule& rule, bool scale_in, Rng* rng) {
  switch (rule.type) {
    case PlacementStrategy::Type::kBinpack: {
      // Placing: least left after placing = least left now, as every candidate loses the same amount.
      // Scale-in: most left after stopping, by the same argument.
      const std::vector<int>& left = rule.field == BinpackField::kCpu ? cpu_ : memory_;
      keep_best(candidates_, scale_in, [&](std::uint32_t c) { return left[c]; });
      break;
    }
    case PlacementStrategy::Type::kSpread:
      if (rule.attribute == BoundPolicy::kPerInstance) {
        keep_best(candidates_, scale_in, [&](std::uint32_t c) { return group_[c]; });
      } else if (scale_in) {
        narrow_spread_scale_in(rule.attribute);
      } else if (rule.totals >= 0) {
        const SpreadTotals& t = spread_totals_[static_cast<std::size_t>(rule.totals)];
        const std::vector<std::uint32_t>& column = columns_[t.column];
        keep_best(candidates_, false, [&](std::uint32_t c) { return t.tasks[slot(t, column[c])]; });
      }
      break;
    case PlacementStrategy::Type::kRandom: {
      const std::uint32_t pick = candidates_[rng->next_below(candidates_.size())];
      candidates_.assign(1, pick);
      break;
    }
  }
}

// Scale-in is rare, so it counts afresh, and over every instance: a task on a DRAINING instance is one
// it could stop too.
void PlacementCluster::narrow_spread_scale_in(std::uint32_t attribute) {
  if (attribute >= column_of_.size() || column_of_[attribute] < 0) return;  // nobody has it: one bucket
  const std::vector<std::uint32_t>& column = columns_[static_cast<std::size_t>(column_of_[attribute])];
  const std::size_t absent_slot = pool_.size();
  auto at = [&](std::uint32_t pos) {
    return column[pos] == StringPool::kAbsent ? absent_slot : static_cast<std::size_t>(column[pos]);
  };
  value_tasks_.assign(absent_slot + 1, 0);
  for (std::size_t pos = 0; pos < column.size(); ++pos)
    value_tasks_[at(static_cast<std::uint32_t>(pos))] += group_[pos];
  keep_best(candidates_, true, [&](std::uint32_t c) { return value_tasks_[at(c)]; });
}

void PlacementCluster::commit(std::uint32_t index, const TaskRequirement& task) {
  const std::size_t pos = position_of(index);
  if (cpu_[pos] < task.cpu_units || memory_[pos] < task.memory_mib || (task.needs_eni && enis_[pos] < 1)) {
    throw std::invalid_argument("placement: task does not fit on instance " + ids_[pos]);
  }
  cpu_[pos] -= task.cpu_units;
  memory_[pos] -= task.memory_mib;
  if (task.needs_eni) --enis_[pos];
  for (int port : task.static_host_ports) {
    std::vector<int>& used = ports_[pos];
    used.insert(std::upper_bound(used.begin(), used.end(), port), port);
  }
  ++group_[pos];
  add_to_totals(pos, 1);
}

void PlacementCluster::release(std::uint32_t index, const TaskRequirement& task) {
  const std::size_t pos = position_of(index);
  if (group_[pos] < 1) throw std::invalid_argument("placement: no task of the group on instance " + ids_[pos]);
  cpu_[pos] += task.cpu_units;
  memory_[pos] += task.memory_mib;
  if (task.needs_eni) ++enis_[pos];
  for (int port : task.static_host_ports) {
    std::vector<int>& used = ports_[pos];
    auto it = std::lower_bound(used.begin(), used.end(), port);
    if (it != used.end() && *it == port) used.erase(it);
  }
  --group_[pos];
  add_to_totals(pos, -1);
}

void PlacementCluster::set_draining(std::uint32_t index, bool draining) {
  const std::size_t pos = position_of(index);
  if ((draining_[pos] != 0) == draining) return;
  // A DRAINING instance's tasks leave the spread totals: they are about to be replaced elsewhere.
  if (draining) add_to_totals(pos, -group_[pos]);
  draining_[pos] = draining ? 1 : 0;
  if (!draining) add_to_totals(pos, group_[pos]);
}

void PlacementCluster::set_group_tasks(std::span<const int> tasks_per_instance) {
  if (tasks_per_instance.size() != group_.size()) {
    throw std::invalid_argument("placement: expected " + std::to_string(group_.size()) + " group counts, found " +
                                std::to_string(tasks_per_instance.size()));
  }
  group_.assign(tasks_per_instance.begin(), tasks_per_instance.end());
  for (SpreadTotals& t : spread_totals_) recount(t);
}

}  // namespace fleetsim
