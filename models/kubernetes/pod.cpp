#include "models/kubernetes/pod.hpp"

#include <algorithm>

namespace fleetsim::kube {

const char* phase_name(PodPhase phase) {
  static const char* const kNames[] = {"Pending", "Running", "Succeeded", "Failed"};
  return kNames[static_cast<int>(phase)];
}

namespace {
Duration seconds_from(const Distribution& d, Rng& rng) { return Duration::from_seconds(std::max(0.0, d.sample(rng))); }

// What a pod asks of its platform: its requests as the node reserves them (1024 CPU units per core,
// so Docker-style shares weigh requests as the kubelet's cpu.shares do) and its CPU limit as a hard
// quota; on Fargate the size its profile computed.
TaskNeeds needs_of(const PodBlueprint& b, const std::string& name) {
  TaskNeeds n;
  n.family = name;  // the scheduler records the pod by it
  n.group = b.scheduling.namespace_name + "/" + (b.owner.empty() ? name : b.owner);
  // The kubelet gives a pod without a CPU request the minimum of 2 shares.
  const Resources& requests = b.scheduling.requests;
  n.cpu_units = static_cast<int>(std::max<std::int64_t>(2, requests.cpu_milli * 1024 / 1000));
  n.cpu_limit_units = static_cast<int>(b.cpu_limit_milli * 1024 / 1000);
  n.memory_mib = static_cast<int>((requests.memory_bytes + (1 << 20) - 1) >> 20);
  n.vcpu = static_cast<double>(requests.cpu_milli) / 1000.0;
  n.memory_gib = static_cast<double>(requests.memory_bytes) / (1024.0 * 1024.0 * 1024.0);
  n.network_mode = NetworkMode::kAwsvpc;  // the VPC CNI gives every pod a VPC address
  n.container_port = b.container_port;
  n.image = b.image;
  return n;
}
}  // namespace

Pod::Pod(RunContext& ctx, Rng& rng, PodListener& listener, const PodBlueprint& blueprint, std::string name,
         std::string ip_address, const KubeletTimings& timings, std::uint32_t slot)
    : ctx_(ctx),
      rng_(rng),
      listener_(listener),
      blueprint_(blueprint),
      timings_(timings),
      name_(std::move(name)),
      ip_address_(std::move(ip_address)),
      slot_(slot),
      backoff_(timings.crash_backoff_first, timings.crash_backoff_max) {}

Pod::~Pod() { cancel_timers(); }

void Pod::cancel_timers() {
  for (EventId* t : {&stage_timer_, &app_timer_, &exit_timer_, &startup_timer_, &readiness_timer_, &liveness_timer_})
    ctx_.engine.cancel(*t);
}

void Pod::set_phase(PodPhase phase, const std::string& reason) {
  phase_ = phase;
  listener_.on_pod_changed(*this, reason);
}

void Pod::set_ready(bool ready, const std::string& reason) {
  if (ready == ready_) return;
  ready_ = ready;
  ready_changed_ = ctx_.engine.now();
  if (ready) ready_since_ = ready_changed_;
  listener_.on_pod_changed(*this, reason);
}

void Pod::start(LaunchPlatform& platform) {
  platform_ = &platform;
  created_ = ctx_.engine.now();
  set_phase(PodPhase::kPending, "Created");
  platform.request(needs_of(blueprint_, name_), *this, rng_);
}

void Pod::on_placed(const Placement& placement) {
  placement_ = placement;
  if (placement_.instance_id.empty()) {
    // Fargate: each pod gets a node of its own, named after its address (fargate-ip-10-1-0-4.ec2.internal).
    std::string address = ip_address_;
    std::replace(address.begin(), address.end(), '.', '-');
    placement_.instance_id = "fargate-ip-" + address + ".ec2.internal";
  }
  placed_ = true;
  // status.startTime: the kubelet acknowledged the pod; its Ready condition starts False now.
  started_ = ctx_.engine.now();
  ready_changed_ = started_;
  listener_.on_pod_changed(*this, "Scheduled");
  stage_timer_ = ctx_.engine.schedule_after<&Pod::on_provisioned>(placement_.provisioning, this);
}

void Pod::on_unplaceable(const std::string& reason) {
  listener_.on_pod_event(*this, "Warning", "FailedScheduling", reason);
}

void Pod::on_host_lost(const std::string& reason, bool graceful) {
  if (graceful) {
    terminate(reason);
    return;
  }
  // The node vanished: the pod's containers die with it; the node lifecycle controller deletes it.
  terminating_ = true;
  if (ready_) set_ready(false, "NodeLost");
  listener_.on_pod_terminating(*this);
  container_exited(reason, true, 137);
  release();
}

void Pod::on_provisioned(std::uint64_t) {
  platform_->pull_started(placement_.ticket, ctx_.engine.now());
  if (placement_.pull_fails) {
    listener_.on_pod_event(*this, "Warning", "Failed",
                           "Failed to pull image \"" + blueprint_.image + "\": " + placement_.failure);
    return;  // ErrImagePull, then ImagePullBackOff: the pod stays Pending
  }
  // imagePullPolicy IfNotPresent: an image on the node is not pulled again (the platform's pull time
  // counts only layers the node lacks).
  listener_.on_pod_event(*this, "Normal", "Pulled", "Container image \"" + blueprint_.image + "\"");
  stage_timer_ = ctx_.engine.schedule_after<&Pod::on_pulled>(placement_.pull + timings_.container_start, this);
}

void Pod::on_pulled(std::uint64_t) { start_container(); }

void Pod::start_container() {
  Engine& engine = ctx_.engine;
  running_ = true;
  app_ready_ = false;
  container_started_ = engine.now();
  vcpus_ = placement_.vcpu;
  server_ = std::make_unique<TaskServer>(engine, placement_.vcpu, blueprint_.app.max_concurrency, nullptr);
  server_->share_cpu(placement_.cpu_host, placement_.cpu_ticket);
  if (phase_ != PodPhase::kRunning) set_phase(PodPhase::kRunning, "Started");
  app_timer_ = engine.schedule_after<&Pod::on_app_ready>(seconds_from(blueprint_.app.startup_s, rng_), this);
  if (blueprint_.app.crash_after_s) {
    exit_timer_ = engine.schedule_after<&Pod::on_crash>(seconds_from(*blueprint_.app.crash_after_s, rng_), this);
  } else if (blueprint_.app.run_time_s) {
    exit_timer_ = engine.schedule_after<&Pod::on_completed>(seconds_from(*blueprint_.app.run_time_s, rng_), this);
  }
  probe_streak_ = 0;
  liveness_failures_ = 0;
  startup_failures_ = 0;
  // A startup probe holds the other two back until it succeeds (the kubelet's prober workers skip
  // readiness and liveness while the container is not Started).
  if (const auto& p = blueprint_.startup) {
    startup_timer_ = engine.schedule_after<&Pod::on_startup_probe>(Duration::seconds(p->initial_delay_seconds), this);
  } else {
    begin_probes();
  }
}

void Pod::begin_probes() {
  Engine& engine = ctx_.engine;
  // initialDelaySeconds counts from the container's start, so a delay the startup probe outlasted is over.
  const Duration since = engine.now() - container_started_;
  auto delay = [since](const Probe& p) {
    return std::max(Duration{}, Duration::seconds(p.initial_delay_seconds) - since);
  };
  // Without a readiness probe a pod is Ready once its container runs (core/v1 PodCondition Ready).
  if (const auto& p = blueprint_.readiness) {
    readiness_timer_ = engine.schedule_after<&Pod::on_readiness_probe>(delay(*p), this);
  } else {
    set_ready(true, "ContainersReady");
  }
  if (const auto& p = blueprint_.liveness) {
    liveness_timer_ = engine.schedule_after<&Pod::on_liveness_probe>(delay(*p), this);
  }
}

void Pod::on_app_ready(std::uint64_t) {
  app_ready_ = true;
  // fleetsim.io/memory-usage is what the app holds once it runs (drawn once per pod, so every restart
  // needs as much): above the pod's memory limit the kernel's OOM killer ends it.
  if (!blueprint_.app.memory_use_mib || blueprint_.memory_limit_bytes <= 0) return;
  if (memory_use_mib_ < 0) memory_use_mib_ = std::max(0.0, blueprint_.app.memory_use_mib->sample(rng_));
  if (memory_use_mib_ * 1024 * 1024 > static_cast<double>(blueprint_.memory_limit_bytes))
    container_exited("OOMKilled", true, 137);
}

void Pod::on_startup_probe(std::uint64_t) {
  const Probe& p = *blueprint_.startup;
  // A startup probe's successThreshold is always 1: one success and the container is Started.
  if (probe_answer() == ProbeAnswer::kHealthy) {
    begin_probes();
    return;
  }
  if (++startup_failures_ >= p.failure_threshold) {
    probe_kill("Startup");
    return;
  }
  startup_timer_ = ctx_.engine.schedule_after<&Pod::on_startup_probe>(Duration::seconds(p.period_seconds), this);
}

void Pod::probe_kill(const char* probe) {
  // The kubelet's Unhealthy warning, then Killing; the app exits on SIGTERM (143) and is restarted.
  const std::string kind = probe;
  listener_.on_pod_event(*this, "Warning", "Unhealthy", kind + " probe failed");
  std::string lower = kind;
  lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
  const std::string container = blueprint_.container_name.empty() ? name_ : blueprint_.container_name;
  listener_.on_pod_event(*this, "Normal", "Killing",
                         "Container " + container + " failed " + lower + " probe, will be restarted");
  container_exited("Error", true, 143);
}

ProbeAnswer Pod::probe_answer() const {
  if (!running_ || !app_ready_) return ProbeAnswer::kRefused;
  return blueprint_.app.fail_health_checks ? ProbeAnswer::kFailing : ProbeAnswer::kHealthy;
}

void Pod::on_readiness_probe(std::uint64_t) {
  const Probe& p = *blueprint_.readiness;
  bool ok = probe_answer() == ProbeAnswer::kHealthy;
  probe_streak_ = ok ? std::max(0, probe_streak_) + 1 : std::min(0, probe_streak_) - 1;
  if (ok && probe_streak_ >= p.success_threshold) set_ready(true, "ContainersReady");
  if (!ok && -probe_streak_ >= p.failure_threshold && ready_) {
    listener_.on_pod_event(*this, "Warning", "Unhealthy", "Readiness probe failed");
    set_ready(false, "ContainersNotReady");
  }
  readiness_timer_ = ctx_.engine.schedule_after<&Pod::on_readiness_probe>(Duration::seconds(p.period_seconds), this);
}

void Pod::on_liveness_probe(std::uint64_t) {
  const Probe& p = *blueprint_.liveness;
  // A starting app (nothing listening yet) fails a liveness probe too: that is why startup probes exist.
  liveness_failures_ = probe_answer() == ProbeAnswer::kHealthy ? 0 : liveness_failures_ + 1;
  if (liveness_failures_ >= p.failure_threshold) {
    probe_kill("Liveness");
    return;
  }
  liveness_timer_ = ctx_.engine.schedule_after<&Pod::on_liveness_probe>(Duration::seconds(p.period_seconds), this);
}

void Pod::on_crash(std::uint64_t) { container_exited("Error", true, 1); }

void Pod::on_completed(std::uint64_t) { container_exited("Completed", false, 0); }

void Pod::serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) {
  // Nothing listens (the app is starting, or got SIGTERM): the connection is refused, the client sees 502.
  if (!running_ || !app_ready_ || sigterm_) {
    observer->on_dropped(token);
    return;
  }
  ++requests_;
  server_->admit(token, cpu_ms, observer);
}

void Pod::container_exited(const std::string& reason, bool failed, int exit_code) {
  for (EventId* t : {&app_timer_, &exit_timer_, &startup_timer_, &readiness_timer_, &liveness_timer_})
    ctx_.engine.cancel(*t);
  running_ = false;
  app_ready_ = false;
  exit_code_ = exit_code;
  if (server_) {
    server_->drop_all();
    cpu_before_us_ += server_->cpu_used_us(ctx_.engine.now());
  }
  server_.reset();
  vcpus_ = 0;
  // restartPolicy: Always restarts any exit, OnFailure a failed one, Never none. The restart is counted
  // before the change is told, so an owner counting restarts (a Job's backoffLimit) sees it.
  const bool restart =
      !terminating_ && (blueprint_.restart_policy == "Always" || (failed && blueprint_.restart_policy == "OnFailure"));
  if (restart) ++restarts_;
  const bool was_ready = ready_;
  if (ready_) set_ready(false, reason);
  if (terminating_) return;
  if (!restart) {
    set_phase(failed ? PodPhase::kFailed : PodPhase::kSucceeded, reason);
    release();
    return;
  }
  // The exit shows in the pod's status even when it was not Ready (its last state: OOMKilled, Error).
  if (!was_ready) listener_.on_pod_changed(*this, reason);
  // The first restart is immediate, later ones wait the kubelet's back-off (CrashLoopBackOff).
  const Duration backoff = backoff_.restart_after(ctx_.engine.now());
  if (backoff > Duration{}) listener_.on_pod_event(*this, "Warning", "BackOff", "Back-off restarting failed container");
  stage_timer_ = ctx_.engine.schedule_after<&Pod::on_restart>(backoff, this);
}

void Pod::on_restart(std::uint64_t) { start_container(); }

void Pod::terminate(const std::string& reason) {
  if (terminating_) return;
  terminating_ = true;
  listener_.on_pod_event(*this, "Normal", "Killing", "Stopping container: " + reason);
  if (ready_) set_ready(false, "Terminating");
  listener_.on_pod_terminating(*this);
  if (!placed_) {
    platform_->withdraw(*this);
    release();
    return;
  }
  if (!running_) {
    release();
    return;
  }
  // preStop runs first, within the grace period; then SIGTERM; SIGKILL when the grace period ends.
  Duration pre_stop = std::min(blueprint_.pre_stop, blueprint_.grace);
  stage_timer_ = ctx_.engine.schedule_after<&Pod::on_sigterm>(pre_stop, this);
}

void Pod::on_sigterm(std::uint64_t) {
  // The app exits on SIGTERM: what it held is cut (those clients see 502), and it takes no more.
  sigterm_ = true;
  container_exited("Terminated", false, 143);
  release();
}

void Pod::release() {
  cancel_timers();
  if (placed_) platform_->released(placement_.ticket, ctx_.engine.now());
  placed_ = false;
  if (phase_ == PodPhase::kPending || phase_ == PodPhase::kRunning) phase_ = PodPhase::kSucceeded;
  listener_.on_pod_gone(*this);
}

}  // namespace fleetsim::kube
