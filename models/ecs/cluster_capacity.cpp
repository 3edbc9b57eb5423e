#include "models/ecs/cluster_capacity.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace fleetsim {

namespace {
// The instance attribute that ties an instance to the capacity provider whose group launched it.
constexpr const char* kProviderAttribute = "x-fleetsim.capacity-provider";
}  // namespace

void Ec2Platform::request(const TaskNeeds& needs, PlacementClient& client, Rng& rng) {
  cluster_.request(*this, needs, client, rng);
}
void Ec2Platform::withdraw(PlacementClient& client) { cluster_.withdraw(client); }
void Ec2Platform::released(std::uint32_t ticket, SimTime) { cluster_.release(ticket); }

ClusterCapacity::ClusterCapacity(RunContext& ctx, std::string name, const ImageSource& images, int first_port,
                                 int last_port)
    : ctx_(ctx), name_(std::move(name)), images_(images), fleet_(ctx.engine, first_port, last_port) {
  pulled_mib_ = ctx.metrics.add_counter({"fleetsim", "ImagePullMiB", make_dimensions({{"ClusterName", name_}})}, false);
}

Ec2Platform& ClusterCapacity::platform(const std::string& provider) {
  auto& slot = platforms_[provider];
  if (!slot) slot = std::make_unique<Ec2Platform>(*this, provider);
  return *slot;
}

void ClusterCapacity::emit_instance(const Host& instance, const char* status, const std::string& reason) {
  if (!ctx_.events.enabled()) return;
  nlohmann::ordered_json e{{"cluster", name_}, {"instanceId", instance.registration.instance_id}, {"status", status}};
  if (!reason.empty()) e["reason"] = reason;
  if (std::string_view(status) == "ACTIVE") {
    // DescribeContainerInstances' registeredResources: what tasks on it may reserve in all (the tests check it).
    e["availabilityZone"] = instance.registration.availability_zone;
    e["registeredCpu"] = instance.registration.cpu_units;
    e["registeredMemory"] = instance.registration.memory_mib;
  }
  ctx_.events.emit(ctx_.engine.now(), "ContainerInstanceStateChange", e);
}

void ClusterCapacity::instance_registered(const InstanceRegistration& r) {
  if (refused_profiles_.count(r.instance_profile)) return;  // AccessDenied: the agent retries, never registered
  InstanceView view;
  view.instance_id = r.instance_id;
  view.availability_zone = r.availability_zone;
  view.instance_type = r.instance_type;
  view.cpu_architecture = r.architecture;
  view.subnet_id = r.subnet_id;
  if (!r.capacity_provider.empty()) view.attributes[kProviderAttribute] = r.capacity_provider;
  view.remaining_cpu_units = r.cpu_units;
  view.remaining_memory_mib = r.memory_mib;
  view.free_enis = r.awsvpc_tasks;
  const Host& instance = fleet_.add(r, host_view(view));
  emit_instance(instance, "ACTIVE", "");
  place_waiting();
}

void ClusterCapacity::instance_draining(const std::string& instance_id, const std::string& reason) {
  Host* instance = fleet_.find(instance_id);
  if (instance == nullptr || instance->gone || instance->draining) return;
  fleet_.set_draining(*instance);
  emit_instance(*instance, "DRAINING", reason);
  // The agent stops the tasks; their services start replacements on ACTIVE instances.
  fleet_.evict(*instance, reason, true);
}

void ClusterCapacity::instance_lost(const std::string& instance_id, const std::string& reason) {
  Host* instance = fleet_.find(instance_id);
  if (instance == nullptr || instance->gone) return;
  fleet_.set_gone(*instance);
  emit_instance(*instance, "INACTIVE", reason);
  fleet_.evict(*instance, reason, false);
}

int ClusterCapacity::tasks_on(const std::string& instance_id) const {
  const Host* instance = fleet_.find(instance_id);
  return instance == nullptr ? 0 : static_cast<int>(instance->tenants.size());
}

ProviderLoad ClusterCapacity::load(const std::string& provider) const {
  ProviderLoad l;
  for (const auto& i : fleet_.hosts()) {
    if (i->gone || i->registration.capacity_provider != provider) continue;
    ++l.registered_instances;
    if (!i->tenants.empty()) ++l.busy_instances;
  }
  for (const Waiting& w : waiting_) {
    if (w.platform->provider() == provider) l.waiting_tasks.emplace_back(w.needs.cpu_units, w.needs.memory_mib);
  }
  return l;
}

BoundPolicy& ClusterCapacity::policy_for(const std::string& provider, const TaskNeeds& needs) {
  std::string key = provider + "|" + needs.group;
  auto it = policies_.find(key);
  if (it == policies_.end()) {
    PlacementPolicy policy = needs.policy != nullptr ? *needs.policy : PlacementPolicy{};
    if (!provider.empty()) {
      policy.constraints.push_back(
          PlacementConstraint::member_of(std::string("attribute:") + kProviderAttribute + " == " + provider));
    }
    it = policies_.emplace(key, placement_.bind(policy)).first;
  }
  placement_.refresh(it->second);
  return it->second;
}

void ClusterCapacity::request(Ec2Platform& platform, const TaskNeeds& needs, PlacementClient& client, Rng& rng) {
  if (try_place(platform, needs, client, rng, platform.provider().empty())) return;
  if (platform.provider().empty()) return;  // the launch type: the task failed
  // Capacity providers: the task waits in PROVISIONING until managed scaling brings an instance.
  waiting_.push_back(Waiting{&platform, needs, &client, &rng});
}

bool ClusterCapacity::try_place(Ec2Platform& platform, const TaskNeeds& needs, PlacementClient& client, Rng& rng,
                                bool last_chance) {
  ResourceRequest req{needs.cpu_units, needs.memory_mib, needs.static_host_ports,
                      needs.network_mode == NetworkMode::kAwsvpc, needs.cpu_limit_units};
  BoundPolicy& policy = policy_for(platform.provider(), needs);
  fleet_.use_group(needs.group);
  PlacementResult result = placement_.place(policy, req, &rng);
  Host* instance = result.ok() ? &fleet_.at(result.instance) : nullptr;
  if (instance != nullptr && instance->ports.free() < needs.dynamic_host_ports) {
    result.failure = PlacementFailure::kPorts;  // the ephemeral range is used up
  }
  if (!result.ok()) {
    if (last_chance) {
      std::string closest =
          result.failure == PlacementFailure::kNoHosts ? "" : fleet_.at(result.instance).registration.instance_id;
      std::string service = needs.group.substr(needs.group.find(':') + 1);
      client.on_unplaceable(service_event_message(service, result, closest));
    }
    return false;
  }
  const std::uint32_t ticket = fleet_.admit(*instance, client, needs.group, req, needs.dynamic_host_ports);
  const Tenant& task = fleet_.tenant(ticket);

  Placement p;
  p.ticket = ticket;
  p.availability_zone = instance->registration.availability_zone;
  p.instance_id = instance->registration.instance_id;
  p.instance_profile = instance->registration.instance_profile;
  p.cpu_host = &instance->cpu;
  p.cpu_ticket = task.cpu_ticket;
  p.vcpu = instance->cpu.share(task.cpu_ticket);
  if (needs.network_mode != NetworkMode::kAwsvpc) {
    // instance targets: the instance id and the host port the container's port maps to
    p.target_address = instance->registration.instance_id;
    p.target_port = !task.dynamic_ports.empty()        ? task.dynamic_ports.front()
                    : !needs.static_host_ports.empty() ? needs.static_host_ports.front()
                                                       : needs.container_port;
    p.host_port = p.target_port;
    p.security_groups = instance->registration.security_groups;
  }
  if (std::optional<ImageInfo> image = images_.find(needs.image)) {
    const ImagePull pull = instance->pull(*image, ctx_.engine.now());
    ctx_.metrics.count(pulled_mib_, pull.downloaded_mib);
    p.pull = pull.time;
  } else {
    p.pull_fails = true;
    p.failure = "CannotPullContainerError: pull image manifest has been retried: " + needs.image + ": not found";
  }
  client.on_placed(p);
  return true;
}

void ClusterCapacity::place_waiting() {
  // In arrival order; a task that still does not fit keeps its place and does not block smaller ones.
  std::deque<Waiting> still;
  while (!waiting_.empty()) {
    Waiting w = waiting_.front();
    waiting_.pop_front();
    if (!try_place(*w.platform, w.needs, *w.client, *w.rng, false)) still.push_back(w);
  }
  waiting_.swap(still);
}

void ClusterCapacity::withdraw(PlacementClient& client) {
  auto it = std::find_if(waiting_.begin(), waiting_.end(), [&](const Waiting& w) { return w.client == &client; });
  if (it != waiting_.end()) waiting_.erase(it);
}

void ClusterCapacity::release(std::uint32_t ticket) {
  fleet_.release(ticket);
  if (!waiting_.empty()) place_waiting();
}

}  // namespace fleetsim
