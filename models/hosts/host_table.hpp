#pragma once
/// The hosts of one cluster as placement sees them: flat columns of what is left on each host, its
/// attributes, and the tenants of one group on it. Any orchestrator's scheduler filters on it (resources,
/// ports, ENIs, an eligibility mask, one tenant of a group per host) and scores over its columns.
///
/// A pure component: no engine, no clock. Hosts are kept in the order they were added, which must be
/// increasing `index`; that position is every scheduler's final tie-break, so choices are the same on
/// every machine (positions, not ids or pointers).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/hosts/string_pool.hpp"

namespace fleetsim {

/// One host as a scheduler sees it when it joins the table.
struct HostView {
  std::uint32_t index = 0;  ///< the caller's id; must increase along the table
  std::string host_id;      ///< e.g. "i-0abc"; only for messages
  /// Attributes (labels) in order; a name given twice keeps its last value.
  std::vector<std::pair<std::string, std::string>> attributes;
  int remaining_cpu_units = 0;       ///< registered minus reserved by its tenants
  int remaining_memory_mib = 0;      ///< registered minus reserved by its tenants
  std::vector<int> used_host_ports;  ///< static ports taken, including the agent's reserved ones
  int free_enis = 0;                 ///< ENI attachment points left for tenants with their own ENI
  int tasks_of_group = 0;            ///< tenants of the group being placed
  bool draining = false;             ///< a draining host takes no new tenant
};

/// What one tenant (a task, a pod) needs from a host.
struct ResourceRequest {
  int cpu_units = 0;                   ///< CPU reservation (1024 units per vCPU)
  int memory_mib = 0;                  ///< memory reservation
  std::vector<int> static_host_ports;  ///< fixed host ports
  bool needs_eni = false;              ///< the tenant takes an ENI of its own (awsvpc, VPC CNI)
  int cpu_limit_units = 0;             ///< hard CPU limit (CFS quota), not reserved; 0: none, idle CPU is usable
};

/// Why no host was chosen; ordered by how far the closest host got (resources, then constraints).
enum class PlacementFailure : std::uint8_t {
  kNone,         ///< placed
  kNoHosts,      ///< no host that takes tenants at all
  kCpu,          ///< not enough CPU units left
  kMemory,       ///< not enough memory left
  kPorts,        ///< a host port is taken
  kEni,          ///< no ENI left
  kNotEligible,  ///< the host's attributes fail a constraint
  kGroupOnHost,  ///< the host already runs a tenant of a group that wants one per host
};

/// Which hosts a tenant may use beyond its resources.
struct HostFilter {
  const std::uint8_t* eligible = nullptr;  ///< per position: 1 if the host passes the attribute constraints
  bool one_per_host = false;               ///< at most one tenant of the group per host
};

/// The hosts of one cluster, as flat columns, with the tenants of one group.
class HostTable {
 public:
  /// Builds the columns; throws std::invalid_argument unless indices strictly increase.
  explicit HostTable(const std::vector<HostView>& hosts = {});

  /// Appends one host (its index above every other).
  void add_host(const HostView& host);

  /// Writes the positions of the hosts `request` fits on (resources and `filter`) into `out`; returns how many.
  std::size_t fit(const ResourceRequest& request, const HostFilter& filter, std::vector<std::uint32_t>& out);
  /// The host that got furthest in the checks (resources first, then constraints) and how far; the
  /// lowest position among equally close ones. kNoHosts when every host drains.
  std::pair<PlacementFailure, std::uint32_t> closest(const ResourceRequest& request, const HostFilter& filter) const;

  /// Reserves `request` on the host at `index` and counts the tenant in the group.
  void reserve(std::uint32_t index, const ResourceRequest& request);
  /// Returns `request`'s reservation on the host at `index` and removes the tenant from the group.
  void release(std::uint32_t index, const ResourceRequest& request);
  /// Marks the host at `index` draining (or taking tenants again).
  void set_draining(std::uint32_t index, bool draining);
  /// Replaces the group tenant counts (one per host, in table order), to place for another group.
  void set_group_tasks(std::span<const int> tasks_per_host);

  /// The value id of attribute `name` on the host at position `pos`, or StringPool::kAbsent.
  std::uint32_t value_of(std::size_t pos, std::uint32_t name) const;
  /// The column of attribute `name` (value ids per position), or nullptr when no host has it.
  const std::vector<std::uint32_t>* column(std::uint32_t name) const;
  /// Names and values, interned.
  StringPool& names() { return names_; }
  /// Names and values, interned.
  const StringPool& names() const { return names_; }

  /// Group tenants per value of one tracked attribute, read per host position.
  class SpreadCounts {
   public:
    /// Group tenants on the hosts (taking tenants) that share the value the host at `pos` has.
    int at(std::size_t pos) const { return tasks_[slot(column_[pos])]; }

   private:
    friend class HostTable;
    SpreadCounts(const std::uint32_t* column, const int* tasks) : column_(column), tasks_(tasks) {}
    const std::uint32_t* column_;  // value id per position
    const int* tasks_;             // per slot()
  };

  /// Starts counting group tenants per value of attribute `name` (an interned id) over the hosts taking
  /// tenants, kept current by every change, so a spread step costs O(candidates) rather than O(hosts);
  /// returns the handle for spread_counts (the same one for the same attribute).
  std::int32_t track_spread(std::uint32_t name);
  /// Number of tracked attributes; handles are below it.
  std::size_t tracked_spreads() const { return spread_totals_.size(); }
  /// The counts of tracked attribute `spread`, valid until the table next changes.
  SpreadCounts spread_counts(std::int32_t spread) const {
    const SpreadTotals& t = spread_totals_[static_cast<std::size_t>(spread)];
    return {columns_[t.column].data(), t.tasks.data()};
  }

  /// Number of hosts.
  std::size_t size() const { return index_.size(); }
  /// The position of host `index`; throws std::out_of_range if absent.
  std::size_t position_of(std::uint32_t index) const;
  /// The index of the host at position `pos`.
  std::uint32_t index_at(std::size_t pos) const { return index_[pos]; }
  /// Remaining CPU units of the host at `index`.
  int remaining_cpu(std::uint32_t index) const { return cpu_[position_of(index)]; }
  /// Remaining memory (MiB) of the host at `index`.
  int remaining_memory(std::uint32_t index) const { return memory_[position_of(index)]; }
  /// Free ENIs of the host at `index`.
  int free_enis(std::uint32_t index) const { return enis_[position_of(index)]; }
  /// Tenants of the current group on the host at `index`.
  int group_tasks(std::uint32_t index) const { return group_[position_of(index)]; }
  /// The host id of the host at `index`, for messages.
  const std::string& host_id(std::uint32_t index) const { return ids_[position_of(index)]; }
  /// Remaining CPU units per position.
  const std::vector<int>& cpu_column() const { return cpu_; }
  /// Remaining memory per position.
  const std::vector<int>& memory_column() const { return memory_; }
  /// Tenants of the current group per position.
  const std::vector<int>& group_column() const { return group_; }

 private:
  struct SpreadTotals {
    std::uint32_t column;
    std::vector<int> tasks;  // slot 0: "attribute absent"; value id v at v + 1
  };
  static std::size_t slot(std::uint32_t value) { return value == StringPool::kAbsent ? 0 : value + 1; }

  std::uint32_t column_for(std::string_view name);
  PlacementFailure check(std::size_t pos, const ResourceRequest& request, const HostFilter& filter) const;
  bool ports_free(std::size_t pos, const ResourceRequest& request) const;
  template <bool kCheckPorts>
  std::size_t scan(const ResourceRequest& request, const HostFilter& filter, std::vector<std::uint32_t>& out);
  void recount(SpreadTotals& t) const;
  void add_to_totals(std::size_t pos, int tasks);

  StringPool names_;
  // One entry per host, in table order (the tie-break order).
  std::vector<std::uint32_t> index_;
  std::vector<std::string> ids_;
  std::vector<int> cpu_;
  std::vector<int> memory_;
  std::vector<int> enis_;
  std::vector<int> group_;
  std::vector<std::uint8_t> draining_;
  std::vector<std::vector<int>> ports_;  // sorted
  // Attribute columns: column_of_[name id] is a column number or -1; columns_[c][pos] a value id.
  std::vector<std::int32_t> column_of_;
  std::vector<std::vector<std::uint32_t>> columns_;
  std::vector<SpreadTotals> spread_totals_;
  std::vector<std::uint8_t> fit_;  // scratch: per position, passed the column checks
};

}  // namespace fleetsim
