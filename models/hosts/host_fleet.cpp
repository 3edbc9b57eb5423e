#include "models/hosts/host_fleet.hpp"

#include <algorithm>

namespace fleetsim {

Host& HostFleet::add(const InstanceRegistration& registration, HostView view) {
  const auto index = static_cast<std::uint32_t>(hosts_.size());
  hosts_.push_back(std::make_unique<Host>(registration, index, first_port_, last_port_, engine_));
  Host& host = *hosts_.back();
  by_id_[registration.instance_id] = &host;
  view.index = index;
  table_.add_host(view);
  for (auto& [_, counts] : group_tasks_) counts.push_back(0);
  return host;
}

Host* HostFleet::find(const std::string& host_id) const {
  auto it = by_id_.find(host_id);
  return it == by_id_.end() ? nullptr : it->second;
}

void HostFleet::use_group(const std::string& group) {
  if (group == current_group_) return;
  auto& counts = group_tasks_[group];
  counts.resize(table_.size(), 0);
  table_.set_group_tasks(counts);
  current_group_ = group;
}

std::uint32_t HostFleet::admit(Host& host, PlacementClient& client, const std::string& group,
                               const ResourceRequest& request, int dynamic_ports) {
  use_group(group);
  table_.reserve(host.index, request);
  ++group_tasks_[group][host.index];
  std::uint32_t ticket = tickets_.acquire(Ticket{}).index();
  Ticket& t = tickets_[ticket];
  t.host = &host;
  t.tenant = Tenant{&client, group, request, host.cpu.add_task(request.cpu_units, request.cpu_limit_units), {}};
  for (int i = 0; i < dynamic_ports; ++i) t.tenant.dynamic_ports.push_back(host.ports.take());
  host.tenants.push_back(ticket);
  return ticket;
}

void HostFleet::release(std::uint32_t ticket) {
  Ticket& t = tickets_[ticket];
  Host& host = *t.host;
  use_group(t.tenant.group);
  table_.release(host.index, t.tenant.request);
  --group_tasks_[t.tenant.group][host.index];
  host.cpu.remove_task(t.tenant.cpu_ticket);
  for (int port : t.tenant.dynamic_ports) host.ports.give_back(port);
  host.tenants.erase(std::find(host.tenants.begin(), host.tenants.end(), ticket));
  tickets_.release(ticket);
}

void HostFleet::set_draining(Host& host) {
  host.draining = true;
  table_.set_draining(host.index, true);
}

void HostFleet::set_gone(Host& host) {
  if (!host.draining) set_draining(host);
  host.gone = true;
}

void HostFleet::evict(Host& host, const std::string& reason, bool graceful) const {
  // A tenant told to go may release its ticket at once: walk a copy.
  const std::vector<std::uint32_t> tenants = host.tenants;
  for (std::uint32_t t : tenants) tickets_[t].tenant.client->on_host_lost(reason, graceful);
}

}  // namespace fleetsim
