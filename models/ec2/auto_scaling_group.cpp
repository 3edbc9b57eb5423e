#include "models/ec2/auto_scaling_group.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "models/api/event_bus.hpp"
#include "sim/random/stream_seed.hpp"

namespace fleetsim {

AutoScalingGroup::AutoScalingGroup(RunContext& ctx, AsgConfig config, const Catalog& catalog, const std::string& region,
                                   CostLedger& costs, const ZoneHealth& zones)
    : ctx_(ctx),
      config_(std::move(config)),
      catalog_(catalog),
      region_(region),
      costs_(costs),
      zone_health_(zones),
      rng_(ctx.stream("asg/" + config_.name)) {
  // An instant fleet is no Auto Scaling group: it publishes no AWS/AutoScaling metrics.
  if (!config_.instant) {
    std::string dims = make_dimensions({{"AutoScalingGroupName", config_.name}});
    desired_gauge_ = ctx.metrics.add_gauge({"AWS/AutoScaling", "GroupDesiredCapacity", dims}, config_.desired);
    in_service_gauge_ = ctx.metrics.add_gauge({"AWS/AutoScaling", "GroupInServiceInstances", dims});
  }
  // simulation.warmup: the hours settled, and those running instances accrued, before the window stay out of the
  // summary, as the cost ledger leaves out their dollars; the peak restarts from the instances alive then.
  ctx.on_window_open([this](SimTime at) {
    hours_before_window_ = instance_hours_;
    for (const Instance& in : instances_) {
      if (in.state == State::kRunning || in.state == State::kShuttingDown)
        hours_before_window_ += (at - in.billed_from).seconds_f() / 3600;
    }
    peak_ = instance_count();
  });
}

AutoScalingGroup::~AutoScalingGroup() = default;

void AutoScalingGroup::join_cluster(ContainerInstanceRegistry* registry, const std::string& capacity_provider) {
  registry_ = registry;
  // "Managed instance draining is on by default when you create a capacity provider" (ECS developer guide,
  // enable-managed-instance-draining); an EKS managed node group joins through its node group's name and drains
  // its Spot nodes likewise.
  managed_draining_ = !capacity_provider.empty();
  capacity_provider_ = capacity_provider;
}

void AutoScalingGroup::start() { set_desired_capacity(config_.desired, "initial DesiredCapacity"); }

int AutoScalingGroup::instance_count() const {
  return static_cast<int>(
      std::count_if(instances_.begin(), instances_.end(), [&](const Instance& i) { return alive(i); }));
}

int AutoScalingGroup::warming_instances(Duration warmup) const {
  SimTime now = ctx_.engine.now();
  return static_cast<int>(std::count_if(instances_.begin(), instances_.end(),
                                        [&](const Instance& i) { return alive(i) && now - i.launched < warmup; }));
}

std::pair<int, int> AutoScalingGroup::largest_type() const {
  std::pair<int, int> best{0, 0};
  for (const InstanceType* t : config_.types) {
    std::pair<int, int> r{registered_cpu_units(*t), registered_memory_mib(*t, catalog_.container_instance)};
    best = std::max(best, r);
  }
  return best;
}

std::pair<int, int> AutoScalingGroup::smallest_type() const {
  std::pair<int, int> best{INT32_MAX, INT32_MAX};
  for (const InstanceType* t : config_.types) {
    std::pair<int, int> r{registered_cpu_units(*t), registered_memory_mib(*t, catalog_.container_instance)};
    best = std::min(best, r);
  }
  return best;
}

void AutoScalingGroup::emit(const Instance& instance, const char* state, const std::string& reason) {
  if (!ctx_.events.enabled()) return;
  nlohmann::ordered_json e{{"instanceId", instance.id},
                           {"instanceType", instance.type->name},
                           {config_.instant ? "fleet" : "autoScalingGroup", config_.name},
                           {"availabilityZone", config_.zones[instance.zone]},
                           {"lifecycle", instance.spot ? "spot" : "on-demand"},
                           {"state", state}};
  if (!reason.empty()) e["reason"] = reason;
  ctx_.events.emit(ctx_.engine.now(), "InstanceStateChange", e);
}

void AutoScalingGroup::record_counts() {
  SimTime now = ctx_.engine.now();
  int alive_now = instance_count();
  peak_ = std::max(peak_, alive_now);
  if (config_.instant) return;
  int in_service = static_cast<int>(std::count_if(instances_.begin(), instances_.end(),
                                                  [](const Instance& i) { return i.state == State::kRunning; }));
  ctx_.metrics.set(in_service_gauge_, now, in_service);
  ctx_.metrics.set(desired_gauge_, now, config_.desired);
}

bool AutoScalingGroup::choose_spot() const {
  // MixedInstancesPolicy: the first OnDemandBaseCapacity instances are on-demand, then
  // OnDemandPercentageAboveBaseCapacity of the rest; the next launch goes where the split is short.
  int on_demand = 0, spot = 0;
  for (const Instance& i : instances_) {
    if (!alive(i)) continue;
    (i.spot ? spot : on_demand) += 1;
  }
  if (on_demand < config_.on_demand_base) return false;
  int above = on_demand - config_.on_demand_base;
  return above * 100 >= config_.on_demand_percent * (above + spot + 1);
}

std::vector<int> AutoScalingGroup::live_per_zone() const {
  std::vector<int> per_zone(config_.zones.size(), 0);
  for (const Instance& i : instances_) {
    if (alive(i) && !i.leaving) ++per_zone[i.zone];  // one on its way out no longer counts for its AZ
  }
  return per_zone;
}

std::optional<std::size_t> AutoScalingGroup::emptiest_zone() const {
  // AZ balancing: the AZ with the fewest live instances, ties in the group's order, dark AZs skipped
  // (aws-facts "AZ rebalancing").
  std::vector<int> per_zone = live_per_zone();
  std::optional<std::size_t> best;
  for (std::size_t z = 0; z < per_zone.size(); ++z) {
    if (zone_health_.up(config_.zones[z]) && (!best || per_zone[z] < per_zone[*best])) best = z;
  }
  return best;
}

bool AutoScalingGroup::launch() {
  std::optional<std::size_t> zone = emptiest_zone();
  if (!zone) return false;  // every AZ of the group is dark: nothing can launch until one comes back
  launch_in(config_.types.front(), *zone, choose_spot());
  return true;
}

std::string AutoScalingGroup::launch_instance(const std::string& instance_type, const std::string& zone, bool spot) {
  auto type = catalog_.instance_types.find(instance_type);
  auto z = std::find(config_.zones.begin(), config_.zones.end(), zone);
  if (type == catalog_.instance_types.end() || z == config_.zones.end() || !zone_health_.up(zone)) return {};
  launch_in(&type->second, static_cast<std::size_t>(z - config_.zones.begin()), spot);
  return instances_.back().id;
}

void AutoScalingGroup::launch_in(const InstanceType* type, std::size_t zone, bool spot) {
  Instance in;
  std::uint64_t h = stream_seed(serial_++, "instance/" + config_.name);
  char id[24];
  std::snprintf(id, sizeof id, "i-0%016llx", static_cast<unsigned long long>(h));
  in.id = id;
  in.type = type;
  in.zone = zone;
  in.spot = spot;
  in.launched = ctx_.engine.now();
  in.group = this;
  const InstancePrice* price = catalog_.instance_price(region_, in.type->name);
  in.price_hour = price == nullptr ? 0 : (in.spot ? price->spot_hour : price->on_demand_hour);
  instances_.push_back(in);
  std::size_t index = instances_.size() - 1;
  emit(instances_.back(), "pending", "");
  Duration boot = Duration::from_seconds(std::max(0.0, catalog_.ec2.boot_s.sample(rng_)));
  instances_.back().timer = ctx_.engine.schedule_after<&AutoScalingGroup::on_running>(boot, this, index);
  record_counts();
}

void AutoScalingGroup::on_running(std::uint64_t i) {
  Instance& in = instances_[i];
  in.state = State::kRunning;
  // EC2 bills Linux instances per second from the running state, one minute at least (aws-facts §5 "EC2 billing").
  in.billed_from = ctx_.engine.now();
  costs_.add_rate(in.spot ? PurchaseOption::kEc2Spot : PurchaseOption::kEc2OnDemand, in.billed_from, in.price_hour);
  emit(in, "running", "");
  record_counts();
  Duration reg = Duration::from_seconds(std::max(0.0, catalog_.ec2.registration_s.sample(rng_)));
  in.timer = ctx_.engine.schedule_after<&AutoScalingGroup::on_registered>(reg, this, i);
}

void AutoScalingGroup::on_registered(std::uint64_t i) {
  instances_[i].timer = EventId{};
  if (registry_ != nullptr) register_instance(instances_[i]);
  // AZRebalance: the instance this one replaces leaves now that the new capacity is there.
  if (std::optional<std::size_t> old = std::exchange(instances_[i].replaces, std::nullopt)) retire(*old, i);
}

void AutoScalingGroup::register_instance(const Instance& in) {
  const InstanceType& t = *in.type;
  InstanceRegistration r;
  r.instance_id = in.id;
  r.instance_type = t.name;
  r.availability_zone = config_.zones[in.zone];
  r.subnet_id = config_.subnets[in.zone];
  r.architecture = t.architecture;
  r.capacity_provider = capacity_provider_;
  r.vcpu = t.vcpu;
  r.cpu_units = registered_cpu_units(t);
  r.memory_mib = registered_memory_mib(t, catalog_.container_instance);
  r.awsvpc_tasks = awsvpc_task_limit(t, false);
  // Gbit/s to MiB/s, capped by what an ECR pull achieves.
  r.security_groups = config_.security_groups;
  r.instance_profile = config_.instance_profile;
  r.pull_mibps = std::min(t.network_gbps * 1e9 / 8 / 1048576, catalog_.ec2.max_pull_mibps);
  registry_->instance_registered(r);
}

void AutoScalingGroup::retire(std::size_t old, std::size_t successor) {
  instances_[old].leaving = false;
  if (!may_terminate(instances_[old]))
    return;  // tasks came to it meanwhile under managed termination protection: it stays
  terminate(old, "Terminating EC2 instance: AZRebalance, replaced by " + instances_[successor].id + " in " +
                     config_.zones[instances_[successor].zone]);
}

void AutoScalingGroup::settle(Instance& in, SimTime now) {
  if (in.state != State::kRunning && in.state != State::kShuttingDown) return;
  PurchaseOption option = in.spot ? PurchaseOption::kEc2Spot : PurchaseOption::kEc2OnDemand;
  costs_.add_rate(option, now, -in.price_hour);
  double used_s = (now - in.billed_from).seconds_f();
  double billed_s = std::max(60.0, std::ceil(used_s));
  instance_hours_ += billed_s / 3600;
  costs_.settle(option, in.price_hour * billed_s / 3600, in.price_hour * used_s / 3600);
}

void AutoScalingGroup::terminate(std::size_t i, const std::string& reason) {
  Instance& in = instances_[i];
  if (!alive(in) && in.state != State::kShuttingDown) return;
  ctx_.engine.cancel(in.timer);
  in.timer = EventId{};
  // A rebalancing launch lost before it registered: the instance it was to replace stays.
  if (in.replaces) instances_[*std::exchange(in.replaces, std::nullopt)].leaving = false;
  SimTime now = ctx_.engine.now();
  emit(in, "shutting-down", reason);
  if (registry_ != nullptr) registry_->instance_lost(in.id, reason);
  settle(in, now);
  in.state = State::kTerminated;
  emit(in, "terminated", reason);
  record_counts();
}

void AutoScalingGroup::set_desired_capacity(int desired, const std::string& reason) {
  if (config_.instant) return;  // CreateFleet type instant: nothing keeps a count
  config_.desired = std::clamp(desired, config_.min_size, config_.max_size);
  int live = instance_count();
  while (live < config_.desired && launch()) ++live;
  // Scale-in: from the AZ with the most instances, the oldest there first.
  while (live > config_.desired) {
    std::vector<int> per_zone = live_per_zone();
    std::optional<std::size_t> victim;
    for (std::size_t k = 0; k < instances_.size(); ++k) {
      const Instance& in = instances_[k];
      if (!may_terminate(in)) continue;
      if (!victim || per_zone[in.zone] > per_zone[instances_[*victim].zone]) victim = k;
    }
    if (!victim) break;  // every remaining instance is protected: the group stays above desired
    terminate(*victim, "Terminating EC2 instance: scale-in (" + reason + ")");
    --live;
  }
  record_counts();
}

bool AutoScalingGroup::terminate_instance(const std::string& instance_id, const std::string& reason) {
  for (std::size_t k = 0; k < instances_.size(); ++k) {
    if (instances_[k].id != instance_id || !alive(instances_[k])) continue;
    // The API refuses to decrement below MinSize; here the group then replaces the instance.
    config_.desired = std::max(config_.min_size, config_.desired - 1);
    terminate(k, "Terminating EC2 instance: " + reason);
    set_desired_capacity(config_.desired, "replacing a terminated instance");
    return true;
  }
  return false;
}

bool AutoScalingGroup::may_terminate(const Instance& in) const {
  // Never an instance protected from scale-in, nor one that managed termination protection keeps (it runs tasks).
  if (!alive(in) || config_.new_instances_protected) return false;
  return protection_ == nullptr || (in.state == State::kRunning && protection_->tasks_on(in.id) == 0);
}

void AutoScalingGroup::zone_changed(const std::string& zone, bool up) {
  auto it = std::find(config_.zones.begin(), config_.zones.end(), zone);
  if (it == config_.zones.end()) return;
  std::size_t z = static_cast<std::size_t>(it - config_.zones.begin());
  if (up) {
    rebalance();
    return;
  }
  // Everything in the AZ stops: instances are lost whatever their protection, pending ones too.
  for (std::size_t k = 0; k < instances_.size(); ++k) {
    if (instances_[k].zone == z && alive(instances_[k]))
      terminate(k, "Availability Zone " + zone + " outage: instance lost");
  }
  // The group keeps DesiredCapacity with launches in the AZs still up (EC2 Auto Scaling's AZ
  // balancing; aws-facts has no entry: the ASG user guide, "Rebalancing activities").
  set_desired_capacity(config_.desired, "replacing instances lost in " + zone);
}

void AutoScalingGroup::rebalance() {
  // AZRebalance, simplified: while the fullest AZ holds two or more instances more than the emptiest AZ
  // that is up, launch one in the emptiest; the one it replaces, in the fullest AZ (the one scale-in would
  // pick), terminates when the new one has registered. Meanwhile the group may stand above MaxSize by 10%
  // (at least one instance), as AWS allows during rebalancing.
  if (config_.instant) return;
  int ceiling = config_.max_size + std::max(1, config_.max_size / 10);
  while (instance_count() < ceiling) {
    std::optional<std::size_t> emptiest = emptiest_zone();
    if (!emptiest) return;
    std::vector<int> per_zone = live_per_zone();
    std::optional<std::size_t> victim;
    for (std::size_t k = 0; k < instances_.size(); ++k) {
      const Instance& in = instances_[k];
      if (!may_terminate(in) || in.leaving) continue;
      if (!victim || per_zone[in.zone] > per_zone[instances_[*victim].zone]) victim = k;
    }
    if (!victim || per_zone[instances_[*victim].zone] - per_zone[*emptiest] < 2) return;
    instances_[*victim].leaving = true;
    launch();
    instances_.back().replaces = *victim;
  }
}

void AutoScalingGroup::interrupt_spot(int count) {
  for (std::size_t k = instances_.size(); k-- > 0 && count > 0;) {
    Instance& in = instances_[k];
    if (!in.spot || in.state != State::kRunning || in.interrupted) continue;
    in.interrupted = true;
    --count;
    if (ctx_.events.enabled()) {
      ctx_.events.emit(ctx_.engine.now(), "SpotInterruptionWarning",
                       {{"instanceId", in.id}, {config_.instant ? "fleet" : "autoScalingGroup", config_.name}});
    }
    // EC2 user guide, "Spot Instance interruption notices": the warning's detail names the instance and the action.
    publish_event(ctx_, [&](const EventBus& bus) {
      return BusEvent{"aws.ec2",
                      "EC2 Spot Instance Interruption Warning",
                      nlohmann::json::array({bus.arn("ec2", "instance/" + in.id)}),
                      {{"instance-id", in.id}, {"instance-action", "terminate"}}};
    });
    // The instance drains on the notice when the agent's ECS_ENABLE_SPOT_INSTANCE_DRAINING is on ("Spot Instance
    // draining is turned off by default", ECS developer guide, spot-instance-draining-linux-container; aws-facts
    // §6 "Spot draining") or its capacity provider's managed draining is; otherwise its tasks run until the
    // instance is gone.
    if (registry_ != nullptr && (managed_draining_ || config_.agent_spot_draining))
      registry_->instance_draining(in.id, "Spot interruption notice");
    ctx_.engine.cancel(in.timer);
    in.timer = ctx_.engine.schedule_after<&AutoScalingGroup::on_interruption_due>(catalog_.ec2.spot_warning, this, k);
  }
}

void AutoScalingGroup::on_interruption_due(std::uint64_t i) {
  instances_[i].timer = EventId{};
  terminate(i, "Spot instance interrupted");
  set_desired_capacity(config_.desired, "replacing an interrupted Spot instance");
}

void AutoScalingGroup::terminate_instances(int count, const std::string& reason) {
  for (std::size_t k = 0; k < instances_.size() && count > 0; ++k) {
    if (instances_[k].state != State::kRunning) continue;
    terminate(k, reason);
    --count;
  }
  set_desired_capacity(config_.desired, "replacing terminated instances");
}

void AutoScalingGroup::finish(SimTime end) {
  for (Instance& in : instances_) settle(in, end);
}

}  // namespace fleetsim
