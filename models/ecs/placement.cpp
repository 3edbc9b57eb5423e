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
    case PlacementFailure::kNotEligible:
    case PlacementFailure::kGroupOnHost:
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
    case PlacementFailure::kNotEligible:
      return "MemberOf placement constraint unsatisfied";
    case PlacementFailure::kGroupOnHost:
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
  if (result.failure == PlacementFailure::kNoHosts) return msg;
  msg += " The closest matching container-instance " + std::string(closest_instance_id) + " " +
         closest_detail(result.failure) +
         " For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
  return msg;
}

HostView host_view(const InstanceView& v) {
  HostView h;
  h.index = v.index;
  h.host_id = v.instance_id;
  const std::pair<std::string_view, const std::string*> builtins[] = {
      {"ecs.instance-type", &v.instance_type},
      {"ecs.availability-zone", &v.availability_zone},
      {"ecs.os-type", &v.os_type},
      {"ecs.cpu-architecture", &v.cpu_architecture},
      {"ecs.ami-id", &v.ami_id},
      {"ecs.subnet-id", &v.subnet_id},
  };
  for (const auto& [name, value] : builtins) {
    if (!value->empty()) h.attributes.emplace_back(name, *value);
  }
  h.attributes.insert(h.attributes.end(), v.attributes.begin(), v.attributes.end());
  h.remaining_cpu_units = v.remaining_cpu_units;
  h.remaining_memory_mib = v.remaining_memory_mib;
  h.used_host_ports = v.used_host_ports;
  h.free_enis = v.free_enis;
  h.tasks_of_group = v.tasks_of_group;
  h.draining = v.draining;
  return h;
}

void TaskPlacement::refresh(BoundPolicy& policy) const {
  for (std::size_t pos = policy.member_mask_.size(); pos < hosts_.size(); ++pos) {
    auto value_of_here = [&](std::uint32_t name) { return hosts_.value_of(pos, name); };
    policy.member_mask_.push_back(
        std::all_of(policy.member_of_.begin(), policy.member_of_.end(),
                    [&](const BoundQuery& q) { return q.matches(value_of_here, hosts_.names()); }));
  }
}

BoundPolicy TaskPlacement::bind(const PlacementPolicy& policy) {
  BoundPolicy b;
  for (const PlacementStrategy& s : policy.effective_strategies()) {
    std::uint32_t attribute = BoundPolicy::kPerInstance;
    std::int32_t totals = -1;
    if (s.type == PlacementStrategy::Type::kSpread && !s.spread_attribute.empty()) {
      attribute = hosts_.names().intern(s.spread_attribute);
      totals = hosts_.track_spread(attribute);
    }
    b.rules_.push_back({s.type, s.binpack_field, attribute, totals});
    if (s.type == PlacementStrategy::Type::kRandom) b.needs_rng_ = true;
  }
  for (const PlacementConstraint& c : policy.constraints) {
    if (c.type == PlacementConstraint::Type::kDistinctInstance) {
      b.distinct_instance_ = true;
    } else if (c.expression) {
      b.member_of_.emplace_back(*c.expression, hosts_.names());
    }
  }
  refresh(b);
  return b;
}

PlacementResult TaskPlacement::place(const BoundPolicy& policy, const ResourceRequest& task, Rng* rng) {
  if (policy.needs_rng_ && rng == nullptr) throw std::invalid_argument("placement: a random strategy needs an Rng");
  if (policy.member_mask_.size() != hosts_.size()) {
    throw std::invalid_argument("placement: policy bound to another cluster");
  }
  for (const BoundPolicy::Rule& rule : policy.rules_) {
    if (rule.totals >= static_cast<std::int32_t>(hosts_.tracked_spreads())) {
      throw std::invalid_argument("placement: policy bound to another cluster");
    }
  }
  if (hosts_.fit(task, policy.filter(), candidates_) == 0) {
    // Nothing fits: a second, slower pass finds the closest instance, the one that got furthest.
    const auto [failure, instance] = hosts_.closest(task, policy.filter());
    return {failure, instance};
  }
  for (const BoundPolicy::Rule& rule : policy.rules_) {
    if (candidates_.size() == 1) break;  // also spares the Rng a draw that could not matter
    narrow(rule, false, rng);
  }
  return {PlacementFailure::kNone, hosts_.index_at(candidates_.front())};
}

std::optional<std::uint32_t> TaskPlacement::choose_scale_in(const BoundPolicy& policy, Rng* rng) {
  if (policy.needs_rng_ && rng == nullptr) throw std::invalid_argument("placement: a random strategy needs an Rng");
  candidates_.clear();
  const std::vector<int>& group = hosts_.group_column();
  for (std::size_t pos = 0; pos < group.size(); ++pos) {
    if (group[pos] > 0) candidates_.push_back(static_cast<std::uint32_t>(pos));
  }
  if (candidates_.empty()) return std::nullopt;
  for (const BoundPolicy::Rule& rule : policy.rules_) {
    if (candidates_.size() == 1) break;
    narrow(rule, true, rng);
  }
  return hosts_.index_at(candidates_.front());
}

void TaskPlacement::narrow(const BoundPolicy::Rule& rule, bool scale_in, Rng* rng) {
  switch (rule.type) {
    case PlacementStrategy::Type::kBinpack: {
      // Placing: least left after placing = least left now, as every candidate loses the same amount.
      // Scale-in: most left after stopping, by the same argument.
      const std::vector<int>& left = rule.field == BinpackField::kCpu ? hosts_.cpu_column() : hosts_.memory_column();
      keep_best(candidates_, scale_in, [&](std::uint32_t c) { return left[c]; });
      break;
    }
    case PlacementStrategy::Type::kSpread:
      if (rule.attribute == BoundPolicy::kPerInstance) {
        const std::vector<int>& group = hosts_.group_column();
        keep_best(candidates_, scale_in, [&](std::uint32_t c) { return group[c]; });
      } else if (scale_in) {
        narrow_spread_scale_in(rule.attribute);
      } else if (rule.totals >= 0) {
        const HostTable::SpreadCounts counts = hosts_.spread_counts(rule.totals);
        keep_best(candidates_, false, [&](std::uint32_t c) { return counts.at(c); });
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
void TaskPlacement::narrow_spread_scale_in(std::uint32_t attribute) {
  const std::vector<std::uint32_t>* column = hosts_.column(attribute);
  if (column == nullptr) return;  // nobody has it: one bucket
  const std::vector<int>& group = hosts_.group_column();
  const std::size_t absent_slot = hosts_.names().size();
  auto at = [&](std::uint32_t pos) {
    return (*column)[pos] == StringPool::kAbsent ? absent_slot : static_cast<std::size_t>((*column)[pos]);
  };
  value_tasks_.assign(absent_slot + 1, 0);
  for (std::size_t pos = 0; pos < column->size(); ++pos)
    value_tasks_[at(static_cast<std::uint32_t>(pos))] += group[pos];
  keep_best(candidates_, true, [&](std::uint32_t c) { return value_tasks_[at(c)]; });
}

}  // namespace fleetsim
