#include "models/hosts/host_table.hpp"

#include <algorithm>
#include <stdexcept>

namespace fleetsim {

HostTable::HostTable(const std::vector<HostView>& hosts) {
  for (const HostView& h : hosts) add_host(h);
}

std::uint32_t HostTable::column_for(std::string_view name) {
  const std::uint32_t name_id = names_.intern(name);
  if (column_of_.size() <= name_id) column_of_.resize(name_id + 1, -1);
  if (column_of_[name_id] < 0) {
    column_of_[name_id] = static_cast<std::int32_t>(columns_.size());
    columns_.emplace_back(size(), StringPool::kAbsent);
  }
  return static_cast<std::uint32_t>(column_of_[name_id]);
}

void HostTable::add_host(const HostView& h) {
  if (!index_.empty() && h.index <= index_.back()) {
    throw std::invalid_argument("host table: host indices must strictly increase; " + std::to_string(h.index) +
                                " follows " + std::to_string(index_.back()));
  }
  const std::size_t pos = size();
  index_.push_back(h.index);
  ids_.push_back(h.host_id);
  cpu_.push_back(h.remaining_cpu_units);
  memory_.push_back(h.remaining_memory_mib);
  enis_.push_back(h.free_enis);
  group_.push_back(h.tasks_of_group);
  draining_.push_back(h.draining ? 1 : 0);
  std::vector<int> ports = h.used_host_ports;
  std::sort(ports.begin(), ports.end());
  ports_.push_back(std::move(ports));
  for (std::vector<std::uint32_t>& column : columns_) column.push_back(StringPool::kAbsent);
  for (const auto& [name, value] : h.attributes) columns_[column_for(name)][pos] = names_.intern(value);
  // New values may have been interned: every totals vector keeps one slot per value id.
  for (SpreadTotals& t : spread_totals_) t.tasks.resize(names_.size() + 1, 0);
  add_to_totals(pos, group_[pos]);
}

std::int32_t HostTable::track_spread(std::uint32_t name) {
  // The column is created when nobody has the attribute yet, so hosts added later count.
  const std::uint32_t column = column_for(names_.text(name));
  for (std::size_t i = 0; i < spread_totals_.size(); ++i) {
    if (spread_totals_[i].column == column) return static_cast<std::int32_t>(i);
  }
  SpreadTotals t{column, std::vector<int>(names_.size() + 1, 0)};
  recount(t);
  spread_totals_.push_back(std::move(t));
  return static_cast<std::int32_t>(spread_totals_.size() - 1);
}

void HostTable::recount(SpreadTotals& t) const {
  std::fill(t.tasks.begin(), t.tasks.end(), 0);
  for (std::size_t pos = 0; pos < size(); ++pos) {
    if (draining_[pos] == 0) t.tasks[slot(columns_[t.column][pos])] += group_[pos];
  }
}

void HostTable::add_to_totals(std::size_t pos, int tasks) {
  if (draining_[pos] != 0) return;
  for (SpreadTotals& t : spread_totals_) t.tasks[slot(columns_[t.column][pos])] += tasks;
}

std::size_t HostTable::position_of(std::uint32_t index) const {
  auto it = std::lower_bound(index_.begin(), index_.end(), index);
  if (it == index_.end() || *it != index) {
    throw std::out_of_range("host table: no host with index " + std::to_string(index));
  }
  return static_cast<std::size_t>(it - index_.begin());
}

std::uint32_t HostTable::value_of(std::size_t pos, std::uint32_t name) const {
  const std::vector<std::uint32_t>* c = column(name);
  return c == nullptr ? StringPool::kAbsent : (*c)[pos];
}

const std::vector<std::uint32_t>* HostTable::column(std::uint32_t name) const {
  if (name >= column_of_.size() || column_of_[name] < 0) return nullptr;
  return &columns_[static_cast<std::size_t>(column_of_[name])];
}

// Resources first, then constraints, as ECS evaluates them; the first failure is the host's reason.
PlacementFailure HostTable::check(std::size_t pos, const ResourceRequest& request, const HostFilter& filter) const {
  if (cpu_[pos] < request.cpu_units) return PlacementFailure::kCpu;
  if (memory_[pos] < request.memory_mib) return PlacementFailure::kMemory;
  if (!ports_free(pos, request)) return PlacementFailure::kPorts;
  if (request.needs_eni && enis_[pos] < 1) return PlacementFailure::kEni;
  if (filter.eligible[pos] == 0) return PlacementFailure::kNotEligible;
  if (filter.one_per_host && group_[pos] > 0) return PlacementFailure::kGroupOnHost;
  return PlacementFailure::kNone;
}

bool HostTable::ports_free(std::size_t pos, const ResourceRequest& request) const {
  for (int port : request.static_host_ports) {
    if (std::binary_search(ports_[pos].begin(), ports_[pos].end(), port)) return false;
  }
  return true;
}

// The hot loop: one pass over flat columns, appending without a branch. Ports are the only check
// that is not a column compare, so the common portless case gets its own instantiation.
template <bool kCheckPorts>
std::size_t HostTable::scan(const ResourceRequest& request, const HostFilter& filter,
                            std::vector<std::uint32_t>& candidates) {
  const std::size_t n = size();
  candidates.resize(n);
  std::size_t count = 0;
  // Locals and raw pointers: the stores into candidates could alias the vectors as far as the compiler
  // knows, which would reload every bound on every iteration.
  const int need_cpu = request.cpu_units;
  const int need_memory = request.memory_mib;
  const int need_eni = request.needs_eni ? 1 : 0;
  const bool any_group_ok = !filter.one_per_host;
  const std::uint8_t* member = filter.eligible;
  const std::uint8_t* draining = draining_.data();
  const int* cpu = cpu_.data();
  const int* memory = memory_.data();
  const int* enis = enis_.data();
  const int* group = group_.data();
  std::uint32_t* out = candidates.data();
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
    if constexpr (kCheckPorts) ok = ok && ports_free(pos, request);
    out[count] = static_cast<std::uint32_t>(pos);
    count += ok ? 1 : 0;
  }
  candidates.resize(count);
  return count;
}

std::size_t HostTable::fit(const ResourceRequest& request, const HostFilter& filter, std::vector<std::uint32_t>& out) {
  return request.static_host_ports.empty() ? scan<false>(request, filter, out) : scan<true>(request, filter, out);
}

std::pair<PlacementFailure, std::uint32_t> HostTable::closest(const ResourceRequest& request,
                                                              const HostFilter& filter) const {
  std::pair<PlacementFailure, std::uint32_t> best{PlacementFailure::kNoHosts, 0};
  for (std::size_t pos = 0; pos < size(); ++pos) {
    if (draining_[pos] != 0) continue;
    const PlacementFailure f = check(pos, request, filter);
    if (f > best.first) best = {f, index_[pos]};  // strictly: the lowest position wins among equally close hosts
  }
  return best;
}

void HostTable::reserve(std::uint32_t index, const ResourceRequest& request) {
  const std::size_t pos = position_of(index);
  if (cpu_[pos] < request.cpu_units || memory_[pos] < request.memory_mib || (request.needs_eni && enis_[pos] < 1)) {
    throw std::invalid_argument("host table: the request does not fit on host " + ids_[pos]);
  }
  cpu_[pos] -= request.cpu_units;
  memory_[pos] -= request.memory_mib;
  if (request.needs_eni) --enis_[pos];
  for (int port : request.static_host_ports) {
    std::vector<int>& used = ports_[pos];
    used.insert(std::upper_bound(used.begin(), used.end(), port), port);
  }
  ++group_[pos];
  add_to_totals(pos, 1);
}

void HostTable::release(std::uint32_t index, const ResourceRequest& request) {
  const std::size_t pos = position_of(index);
  if (group_[pos] < 1) throw std::invalid_argument("host table: no tenant of the group on host " + ids_[pos]);
  cpu_[pos] += request.cpu_units;
  memory_[pos] += request.memory_mib;
  if (request.needs_eni) ++enis_[pos];
  for (int port : request.static_host_ports) {
    std::vector<int>& used = ports_[pos];
    auto it = std::lower_bound(used.begin(), used.end(), port);
    if (it != used.end() && *it == port) used.erase(it);
  }
  --group_[pos];
  add_to_totals(pos, -1);
}

void HostTable::set_draining(std::uint32_t index, bool draining) {
  const std::size_t pos = position_of(index);
  if ((draining_[pos] != 0) == draining) return;
  // A draining host's tenants leave the spread totals: they are about to be replaced elsewhere.
  if (draining) add_to_totals(pos, -group_[pos]);
  draining_[pos] = draining ? 1 : 0;
  if (!draining) add_to_totals(pos, group_[pos]);
}

void HostTable::set_group_tasks(std::span<const int> tasks_per_host) {
  if (tasks_per_host.size() != group_.size()) {
    throw std::invalid_argument("host table: expected " + std::to_string(group_.size()) + " group counts, found " +
                                std::to_string(tasks_per_host.size()));
  }
  group_.assign(tasks_per_host.begin(), tasks_per_host.end());
  for (SpreadTotals& t : spread_totals_) recount(t);
}

}  // namespace fleetsim
