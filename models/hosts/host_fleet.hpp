#pragma once
/// The hosts of one cluster and their tenants: what any orchestrator running on EC2 instances keeps per
/// cluster (ECS's container instances; later Kubernetes nodes).

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/hosts/host.hpp"
#include "models/hosts/host_table.hpp"
#include "sim/slot_pool.hpp"

namespace fleetsim {

/// A cluster's hosts, the HostTable its scheduler places onto, and the tenants placed: each admitted
/// tenant reserves its resources in the table, a CPU-share slot and its ephemeral ports on its host, and
/// is counted in its placement group's per-host counts until it is released.
class HostFleet {
 public:
  /// Hosts share CPU on `engine` and give ephemeral host ports from [first_port, last_port].
  HostFleet(Engine& engine, int first_port, int last_port)
      : engine_(engine), first_port_(first_port), last_port_(last_port) {}

  /// Adds a host registered as `registration`, with `view`'s attributes and resources; hosts are
  /// numbered in registration order (the view's index is set to it).
  Host& add(const InstanceRegistration& registration, HostView view);
  /// The host with id `host_id`, or nullptr.
  Host* find(const std::string& host_id) const;
  /// Host number `index`.
  Host& at(std::uint32_t index) const { return *hosts_[index]; }
  /// Every host, in registration order (gone ones included).
  const std::vector<std::unique_ptr<Host>>& hosts() const { return hosts_; }
  /// What placement sees.
  HostTable& table() { return table_; }

  /// Makes `group` the table's current group: its per-host counts are the ones placement reads.
  void use_group(const std::string& group);
  /// Admits a tenant of `group` on `host` (it must fit): reserves `request`, a CPU-share slot weighing
  /// its CPU units and `dynamic_ports` ephemeral ports; returns its ticket.
  std::uint32_t admit(Host& host, PlacementClient& client, const std::string& group, const ResourceRequest& request,
                      int dynamic_ports);
  /// The tenant holding `ticket`.
  const Tenant& tenant(std::uint32_t ticket) const { return tickets_[ticket].tenant; }
  /// The tenant leaves its host: its reservation, CPU-share slot and ports are free again.
  void release(std::uint32_t ticket);

  /// The host takes no new tenant.
  void set_draining(Host& host);
  /// The host is gone (deregistered); it takes no new tenant.
  void set_gone(Host& host);
  /// Tells every tenant of `host` that the host is going away (see PlacementClient::on_host_lost).
  void evict(Host& host, const std::string& reason, bool graceful) const;

 private:
  struct Ticket {
    Host* host = nullptr;
    Tenant tenant;
  };

  Engine& engine_;
  int first_port_, last_port_;
  std::vector<std::unique_ptr<Host>> hosts_;  // in registration order = table index
  std::map<std::string, Host*> by_id_;
  HostTable table_;
  std::map<std::string, std::vector<int>> group_tasks_;  // group -> tenants per host position
  std::string current_group_;
  SlotPool<Ticket> tickets_{"tenants on one fleet's hosts"};
};

}  // namespace fleetsim
