#include "models/kubernetes/node_fleet.hpp"

#include <algorithm>

namespace fleetsim::kube {

void NodePlatform::request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) {
  fleet_.request(spec_, needs, client, rng);
}
void NodePlatform::withdraw(PlacementClient& client) { fleet_.withdraw(client); }
void NodePlatform::released(std::uint32_t ticket, SimTime) { fleet_.release(ticket); }

NodeFleet::NodeFleet(Cluster& cluster, const ImageSource& images, Engine& engine)
    : cluster_(cluster), images_(images), engine_(engine), hosts_(engine, 30000, 32767) {}

LaunchPlatform& NodeFleet::platform_for(const PodBlueprint& blueprint) {
  auto& slot = platforms_[&blueprint.scheduling];
  if (!slot) slot = std::make_unique<NodePlatform>(*this, blueprint.scheduling);
  return *slot;
}

void NodeFleet::emit_node(const NodeRegistration& node, const char* state) {
  RunContext& ctx = cluster_.context();
  if (!ctx.events.enabled()) return;
  ctx.events.emit(ctx.engine.now(), "NodeStateChange",
                  {{"cluster", cluster_.name()},
                   {"node", node.name},
                   {"instanceId", node.machine.instance_id},
                   {"instanceType", node.machine.instance_type},
                   {"capacityType", node.capacity_type},
                   {"nodegroup", node.pool},
                   {"state", state}});
}

NodeInfo NodeFleet::node_info(const NodeRegistration& node) {
  NodeInfo info;
  info.name = node.name;
  info.labels = node.labels;
  info.taints = node.taints;
  info.allocatable = node.allocatable;
  info.allocatable_pods = node.max_pods;
  for (int i = 0; i < node.daemon_pods; ++i) {
    PodRecord daemon;
    daemon.name = "daemon-" + std::to_string(i);
    daemon.namespace_name = "kube-system";
    daemon.requests = i == 0 ? node.daemon_requests : Resources{};
    info.add_pod(daemon);
  }
  return info;
}

void NodeFleet::add_node(const NodeRegistration& node) {
  HostView view;
  view.host_id = node.machine.instance_id;
  // The scheduler decides what fits; the host only keeps the CPU shares and the image cache.
  view.remaining_cpu_units = 1 << 30;
  view.remaining_memory_mib = 1 << 30;
  hosts_.add(node.machine, view);
  nodes_.push_back(node_info(node));
  changed();
  registrations_.push_back(node);
  gone_.push_back(false);
  emit_node(node, "Ready");
  cluster_.event("Node", "", node.name, "Normal", "NodeReady", "Node " + node.name + " status is now: NodeReady");
  schedule_waiting();
}

bool NodeFleet::cordon(const std::string& instance_id) {
  Host* host = hosts_.find(instance_id);
  if (host == nullptr || host->gone || host->draining) return false;
  hosts_.set_draining(*host);
  nodes_[host->index].unschedulable = true;
  changed();
  const NodeRegistration& node = registrations_[host->index];
  emit_node(node, "SchedulingDisabled");
  // The kubelet's event when it sees spec.unschedulable set (recordNodeSchedulableEvent).
  cluster_.event("Node", "", node.name, "Normal", "NodeNotSchedulable",
                 "Node " + node.name + " status is now: NodeNotSchedulable");
  return true;
}

bool NodeFleet::drain(const std::string& instance_id, const std::string& reason) {
  if (!cordon(instance_id)) return false;
  hosts_.evict(*hosts_.find(instance_id), reason, true);
  return true;
}

const NodeRegistration* NodeFleet::lose(const std::string& instance_id, const std::string& reason) {
  Host* host = hosts_.find(instance_id);
  if (host == nullptr || host->gone) return nullptr;
  hosts_.set_gone(*host);
  nodes_[host->index].unschedulable = true;
  changed();
  gone_[host->index] = true;
  emit_node(registrations_[host->index], "NotReady");
  hosts_.evict(*host, reason, false);
  return &registrations_[host->index];
}

int NodeFleet::pods_on(const std::string& instance_id) const {
  const Host* host = hosts_.find(instance_id);
  return host == nullptr ? 0 : static_cast<int>(host->tenants.size());
}

std::vector<PendingPod> NodeFleet::pending_pods() const {
  std::vector<PendingPod> out;
  for (const Waiting& w : waiting_) {
    out.push_back({*w.spec, w.since});
    out.back().spec.name = w.pod_name;
  }
  return out;
}

std::vector<PodSchedulingSpec> NodeFleet::pods_on_node(std::size_t index) const {
  std::map<std::pair<std::string, std::string>, const PodSchedulingSpec*> here;
  for (const auto& [ticket, bound] : bound_) {
    if (bound.node == index) here[{bound.ns, bound.name}] = bound.spec;
  }
  // In the node's binding order (tickets are reused, so their order is not it).
  std::vector<PodSchedulingSpec> out;
  for (const PodRecord& pod : nodes_[index].pods) {
    auto it = here.find({pod.namespace_name, pod.name});
    if (it == here.end()) continue;  // a DaemonSet pod
    out.push_back(*it->second);
    out.back().name = pod.name;
  }
  return out;
}

int NodeFleet::ready_nodes() const {
  return static_cast<int>(
      std::count_if(nodes_.begin(), nodes_.end(), [](const NodeInfo& n) { return !n.unschedulable; }));
}

void NodeFleet::request(const PodSchedulingSpec& spec, const TaskNeeds& needs, PlacementClient& client, Rng& rng) {
  Waiting w{&spec, needs, &client, &rng, needs.family, {}, engine_.now()};
  if (!try_schedule(w)) waiting_.push_back(std::move(w));
}

void NodeFleet::failed(Waiting& w, const std::string& message) {
  // The scheduler writes FailedScheduling at every failed attempt; a retry that fails for the same
  // reasons adds nothing to read, so only a new message is written.
  if (message != w.last_failure) w.client->on_unplaceable(message);
  w.last_failure = message;
}

bool NodeFleet::try_schedule(Waiting& w) {
  if (failures_version_ != version_) {
    failures_.clear();
    failures_version_ = version_;
  }
  if (auto known = failures_.find(w.spec); known != failures_.end()) {
    failed(w, known->second);
    return false;
  }
  // The scheduler reads no pod name: the spec is the template's, the name only goes on the record.
  const PodSchedulingSpec& spec = *w.spec;
  ScheduleResult result = scheduler_.schedule(spec, nodes_, *w.rng);
  if (!result.node) {
    failed(w, result.message);
    // Preemption: the victims are deleted gracefully; the pod is nominated and waits for the room. The
    // next pod of this spec may find other victims, so the failure is not remembered.
    if (result.preemption) {
      evict_victims(*result.preemption, spec.namespace_name, w.pod_name);
    } else {
      failures_.emplace(w.spec, std::move(result.message));
    }
    return false;
  }
  const std::size_t index = *result.node;
  Host& host = hosts_.at(static_cast<std::uint32_t>(index));
  PodRecord record = spec.record();
  record.name = w.pod_name;
  nodes_[index].add_pod(std::move(record));
  changed();
  ResourceRequest req{w.needs.cpu_units, w.needs.memory_mib, {}, false, w.needs.cpu_limit_units};
  const std::uint32_t ticket = hosts_.admit(host, *w.client, w.needs.group, req, 0);
  bound_[ticket] = BoundPod{index, spec.namespace_name, w.pod_name, w.spec};
  Placement p;
  p.ticket = ticket;
  p.availability_zone = host.registration.availability_zone;
  p.instance_id = registrations_[index].name;
  p.cpu_host = &host.cpu;
  p.cpu_ticket = hosts_.tenant(ticket).cpu_ticket;
  p.vcpu = host.cpu.share(p.cpu_ticket);
  p.host_vcpus = host.registration.vcpu;
  if (std::optional<ImageInfo> image = images_.find(w.needs.image)) {
    p.pull = host.pull(*image, engine_.now()).time;
  } else {
    p.pull_fails = true;
    p.failure =
        "rpc error: code = NotFound desc = failed to pull and unpack image \"" + w.needs.image + "\": not found";
  }
  w.client->on_placed(p);
  return true;
}

void NodeFleet::evict_victims(const Preemption& preemption, const std::string& namespace_name,
                              const std::string& name) {
  for (const PodRecord& victim : preemption.victims) {
    for (const auto& [ticket, bound] : bound_) {
      if (bound.node != preemption.node || bound.name != victim.name || bound.ns != victim.namespace_name) continue;
      cluster_.event("Pod", victim.namespace_name, victim.name, "Normal", "Preempted",
                     "Preempted by pod " + namespace_name + "/" + name + " on node " + registrations_[bound.node].name);
      hosts_.tenant(ticket).client->on_host_lost("Preempted", true);
      break;
    }
  }
}

void NodeFleet::schedule_waiting() {
  // The scheduling queue moves unschedulable pods back to active on a cluster event (a node added, a pod
  // deleted); within one instant that happens once.
  if (!retry_ && !waiting_.empty()) retry_ = engine_.schedule_after<&NodeFleet::on_retry>(Duration{}, this);
}

void NodeFleet::on_retry(std::uint64_t) {
  retry_ = EventId{};
  std::deque<Waiting> still;
  while (!waiting_.empty()) {
    Waiting w = std::move(waiting_.front());
    waiting_.pop_front();
    if (!try_schedule(w)) still.push_back(std::move(w));
  }
  waiting_.swap(still);
}

void NodeFleet::withdraw(PlacementClient& client) {
  auto it = std::find_if(waiting_.begin(), waiting_.end(), [&](const Waiting& w) { return w.client == &client; });
  if (it != waiting_.end()) waiting_.erase(it);
}

void NodeFleet::release(std::uint32_t ticket) {
  auto it = bound_.find(ticket);
  const BoundPod& bound = it->second;
  nodes_[bound.node].remove_pod(bound.ns, bound.name);
  changed();
  bound_.erase(it);
  hosts_.release(ticket);
  schedule_waiting();
}

}  // namespace fleetsim::kube
