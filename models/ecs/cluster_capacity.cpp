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
    : ctx_(ctx), name_(std::move(name)), images_(images), first_port_(first_port), last_port_(last_port) {
  pulled_mib_ = ctx.metrics.add_counter({"fleetsim", "ImagePullMiB", make_dimensions({{"ClusterName", name_}})}, false);
}

Ec2Platform& ClusterCapacity::platform(const std::string& provider) {
  auto& slot = platforms_[provider];
  if (!slot) slot = std::make_unique<Ec2Platform>(*this, provider);
  return *slot;
}

ContainerInstance* ClusterCapacity::find(const std::string& instance_id) const {
  auto it = by_id_.find(instance_id);
  return it == by_id_.end() ? nullptr : it->second;
}

void ClusterCapacity::emit_instance(const ContainerInstance& instance, const char* status, const std::string& reason) {
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
  auto index = static_cast<std::uint32_t>(instances_.size());
  instances_.push_back(std::make_unique<ContainerInstance>(r, index, first_port_, last_port_, ctx_.engine));
  ContainerInstance& instance = *instances_.back();
  by_id_[r.instance_id] = &instance;
  InstanceView view;
  view.index = index;
  view.instance_id = r.instance_id;
  view.availability_zone = r.availability_zone;
  view.instance_type = r.instance_type;
  view.cpu_architecture = r.architecture;
  view.subnet_id = r.subnet_id;
  if (!r.capacity_provider.empty()) view.attributes[kProviderAttribute] = r.capacity_provider;
  view.remaining_cpu_units = r.cpu_units;
  view.remaining_memory_mib = r.memory_mib;
  view.free_enis = r.awsvpc_tasks;
  placement_.add_instance(view);
  for (auto& [_, counts] : group_tasks_) counts.push_back(0);
  emit_instance(instance, "ACTIVE", "");
  place_waiting();
}

void ClusterCapacity::instance_draining(const std::string& instance_id, const std::string& reason) {
  ContainerInstance* instance = find(instance_id);
  if (instance == nullptr || instance->gone || instance->draining) return;
  instance->draining = true;
  placement_.set_draining(instance->index, true);
  emit_instance(*instance, "DRAINING", reason);
  // The agent stops the tasks; their services start replacements on ACTIVE instances.
  std::vector<std::uint32_t> tasks = instance->tasks;
  for (std::uint32_t t : tasks) tickets_[t].task.client->on_host_lost(reason, true);
}

void ClusterCapacity::instance_lost(const std::string& instance_id, const std::string& reason) {
  ContainerInstance* instance = find(instance_id);
  if (instance == nullptr || instance->gone) return;
  if (!instance->draining) placement_.set_draining(instance->index, true);
  instance->draining = true;
  instance->gone = true;
  emit_instance(*instance, "INACTIVE", reason);
  std::vector<std::uint32_t> tasks = instance->tasks;
  for (std::uint32_t t : tasks) tickets_[t].task.client->on_host_lost(reason, false);
}

int ClusterCapacity::tasks_on(const std::string& instance_id) const {
  ContainerInstance* instance = find(instance_id);
  return instance == nullptr ? 0 : static_cast<int>(instance->tasks.size());
}

ProviderLoad ClusterCapacity::load(const std::string& provider) const {
  ProviderLoad l;
  for (const auto& i : instances_) {
    if (i->gone || i->registration.capacity_provider != provider) continue;
    ++l.registered_instances;
    if (!i->tasks.empty()) ++l.busy_instances;
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

void ClusterCapacity::use_group(const std::string& group) {
  if (group == current_group_) return;
  auto& counts = group_tasks_[group];
  counts.resize(placement_.size(), 0);
  placement_.set_group_tasks(counts);
  current_group_ = group;
}

Duration ClusterCapacity::pull_time(ContainerInstance& instance, const std::string& image, bool& missing) {
  std::optional<ImageInfo> info = images_.find(image);
  missing = !info;
  if (missing) return Duration{};
  // Layers already on the instance, or being pulled for another task, are not pulled again; new ones
  // come down at the instance's pull bandwidth (aws-facts §5.3 "Image caching").
  SimTime now = ctx_.engine.now();
  double fresh_mib = 0;
  for (const ImageLayer& l : info->layers) {
    if (!instance.layers_ready.count(l.digest)) fresh_mib += l.size_mib;
  }
  ctx_.metrics.count(pulled_mib_, fresh_mib);
  SimTime ready = now + Duration::from_seconds(fresh_mib / std::max(instance.registration.pull_mibps, 1e-9));
  SimTime done = ready;
  for (const ImageLayer& l : info->layers) {
    auto [it, fresh] = instance.layers_ready.emplace(l.digest, ready);
    if (!fresh) done = std::max(done, it->second);
  }
  return done - now;
}

void ClusterCapacity::request(Ec2Platform& platform, const TaskNeeds& needs, PlacementClient& client, Rng& rng) {
  if (try_place(platform, needs, client, rng, platform.provider().empty())) return;
  if (platform.provider().empty()) return;  // the launch type: the task failed
  // Capacity providers: the task waits in PROVISIONING until managed scaling brings an instance.
  waiting_.push_back(Waiting{&platform, needs, &client, &rng});
}

bool ClusterCapacity::try_place(Ec2Platform& platform, const TaskNeeds& needs, PlacementClient& client, Rng& rng,
                                bool last_chance) {
  TaskRequirement req{needs.cpu_units, needs.memory_mib, needs.static_host_ports,
                      needs.network_mode == NetworkMode::kAwsvpc};
  BoundPolicy& policy = policy_for(platform.provider(), needs);
  use_group(needs.group);
  PlacementResult result = placement_.place(policy, req, &rng);
  ContainerInstance* instance = result.ok() ? instances_[result.instance].get() : nullptr;
  if (instance != nullptr && instance->ports.free() < needs.dynamic_host_ports) {
    result.failure = PlacementFailure::kPorts;  // the ephemeral range is used up
  }
  if (!result.ok()) {
    if (last_chance) {
      std::string closest =
          result.failure == PlacementFailure::kNoInstances ? "" : instances_[result.instance]->registration.instance_id;
      std::string service = needs.group.substr(needs.group.find(':') + 1);
      client.on_unplaceable(service_event_message(service, result, closest));
    }
    return false;
  }
  placement_.commit(instance->index, req);
  ++group_tasks_[needs.group][instance->index];

  std::uint32_t ticket = tickets_.acquire(Ticket{}).index();
  Ticket& t = tickets_[ticket];
  t.instance = instance;
  t.task = HostedTask{&client, needs.group, req, instance->cpu.add_task(needs.cpu_units), {}};
  for (int i = 0; i < needs.dynamic_host_ports; ++i) t.task.dynamic_ports.push_back(instance->ports.take());
  instance->tasks.push_back(ticket);

  Placement p;
  p.ticket = ticket;
  p.availability_zone = instance->registration.availability_zone;
  p.instance_id = instance->registration.instance_id;
  p.cpu_host = &instance->cpu;
  p.cpu_ticket = t.task.cpu_ticket;
  p.vcpu = instance->cpu.share(t.task.cpu_ticket);
  if (needs.network_mode != NetworkMode::kAwsvpc) {
    // instance targets: the instance id and the host port the container's port maps to
    p.target_address = instance->registration.instance_id;
    p.target_port = !t.task.dynamic_ports.empty()      ? t.task.dynamic_ports.front()
                    : !needs.static_host_ports.empty() ? needs.static_host_ports.front()
                                                       : needs.container_port;
    p.host_port = p.target_port;
    p.security_groups = instance->registration.security_groups;
  }
  bool missing = false;
  p.pull = pull_time(*instance, needs.image, missing);
  if (missing) {
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
  Ticket& t = tickets_[ticket];
  ContainerInstance& instance = *t.instance;
  use_group(t.task.group);
  placement_.release(instance.index, t.task.requirement);
  --group_tasks_[t.task.group][instance.index];
  instance.cpu.remove_task(t.task.cpu_ticket);
  for (int port : t.task.dynamic_ports) instance.ports.give_back(port);
  instance.tasks.erase(std::find(instance.tasks.begin(), instance.tasks.end(), ticket));
  tickets_.release(ticket);
  if (!waiting_.empty()) place_waiting();
}

}  // namespace fleetsim
