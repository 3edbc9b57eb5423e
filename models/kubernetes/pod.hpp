#pragma once
/// A pod as the kubelet runs it: scheduled onto a node (or a Fargate micro-VM), its image pulled, its
/// container started, probed, serving requests with the CPU its node's CFS gives it, restarted when it
/// crashes, and terminated gracefully (preStop, SIGTERM, grace period).

#include <cstdint>
#include <memory>
#include <string>

#include "models/api/launch_platform.hpp"
#include "models/api/request_path.hpp"
#include "models/api/run_context.hpp"
#include "models/kubernetes/pod_blueprint.hpp"
#include "models/kubernetes/restart_backoff.hpp"
#include "models/serving/task_server.hpp"

namespace fleetsim::kube {

/// status.phase.
enum class PodPhase : std::uint8_t { kPending, kRunning, kSucceeded, kFailed };
/// Kubernetes' spelling of a phase ("Running").
const char* phase_name(PodPhase phase);

class Pod;

/// Hears a pod's life: its owner (a ReplicaSet, a Job) through the cluster.
class PodListener {
 public:
  virtual ~PodListener() = default;
  /// The pod's phase, readiness or node changed; `reason` is Kubernetes' (Scheduled, Started, Killing, ...).
  virtual void on_pod_changed(Pod& pod, const std::string& reason) = 0;
  /// The pod began terminating: it leaves Services' endpoints now.
  virtual void on_pod_terminating(Pod& pod) = 0;
  /// The pod is gone from its node (its resources are free); the listener may destroy it after this call.
  virtual void on_pod_gone(Pod& pod) = 0;
  /// A Warning or Normal event about the pod (`Unhealthy`, `BackOff`, `FailedScheduling`, ...).
  virtual void on_pod_event(Pod& pod, const char* type, const std::string& reason, const std::string& message) = 0;
};

/// Where and how long: what the kubelet's steps take, from the catalogue.
struct KubeletTimings {
  Duration container_start = Duration::millis(500);      ///< container runtime create + start
  Duration crash_backoff_first = Duration::seconds(10);  ///< CrashLoopBackOff: 10 s, doubling, at most 5 min
  ///< (after a first restart that is immediate; restart_backoff.hpp)
  Duration crash_backoff_max = Duration::seconds(300);
};

/// One pod.
class Pod : public ServingTarget, public PlacementClient {
 public:
  /// A pod named `name` of `blueprint`, heard by `listener`, in the cluster's `slot`; call start().
  Pod(RunContext& ctx, Rng& rng, PodListener& listener, const PodBlueprint& blueprint, std::string name,
      std::string ip_address, const KubeletTimings& timings, std::uint32_t slot);
  ~Pod() override;
  Pod(const Pod&) = delete;
  Pod& operator=(const Pod&) = delete;

  /// Created now: Pending until `platform` places it.
  void start(LaunchPlatform& platform);
  /// Deleted (scale-down, rolling update, eviction): graceful termination. `reason` names the cause.
  void terminate(const std::string& reason);

  void serve(std::uint32_t token, double cpu_ms, ServingObserver* observer) override;
  std::uint32_t outstanding() const override { return server_ ? server_->outstanding() : 0; }
  ProbeAnswer probe_answer() const override;
  void on_placed(const Placement& placement) override;
  void on_unplaceable(const std::string& reason) override;
  void on_host_lost(const std::string& reason, bool graceful) override;

  const std::string& name() const { return name_; }
  /// Its index among the cluster's pods: dense, given again only after the pod is freed, so that
  /// watchers keep per-pod state in vectors instead of looking pods up on every request.
  std::uint32_t slot() const { return slot_; }
  /// CPU it has used up to `now`, in vCPU-microseconds (cAdvisor's usage counter; it does not restart
  /// with the container).
  double cpu_used_us(SimTime now) const { return cpu_before_us_ + (server_ ? server_->cpu_used_us(now) : 0.0); }
  const std::string& ns() const { return blueprint_.scheduling.namespace_name; }
  const PodBlueprint& blueprint() const { return blueprint_; }
  const std::string& ip_address() const { return ip_address_; }
  /// The node it was bound to ("" while unscheduled); Fargate pods name their micro-VM.
  const std::string& node() const { return placement_.instance_id; }
  const std::string& availability_zone() const { return placement_.availability_zone; }
  PodPhase phase() const { return phase_; }
  /// The Ready condition.
  bool ready() const { return ready_; }
  /// When it last became Ready.
  SimTime ready_since() const { return ready_since_; }
  /// When it was created.
  SimTime created() const { return created_; }
  /// status.startTime: when its node's kubelet took it (meaningless before it is placed).
  SimTime started() const { return started_; }
  /// The Ready condition's lastTransitionTime (the start time until it first changes).
  SimTime ready_changed() const { return ready_changed_; }
  /// Requests its app accepted so far (what a requests_per_second metric counts).
  std::uint64_t requests_accepted() const { return requests_; }
  /// Terminating: deleted, still shutting down.
  bool terminating() const { return terminating_; }
  /// Container restarts so far.
  int restarts() const { return restarts_; }
  /// The exit code of the container's last exit while it is not running again (0 completed, 1 crashed,
  /// 137 OOMKilled, 143 killed after a failed probe or SIGTERM), or -1.
  int exit_code() const { return running_ ? -1 : exit_code_; }
  /// The vCPUs of what it runs on: its node, or on Fargate its own size.
  double host_vcpus() const { return placement_.host_vcpus > 0 ? placement_.host_vcpus : placement_.vcpu; }
  /// True on an EC2 node (sharing its CPU with other pods), false on Fargate.
  bool shares_node() const { return placement_.cpu_host != nullptr; }
  /// The vCPUs its container may use now (0 before it runs).
  double vcpus() const { return vcpus_; }

 private:
  void set_phase(PodPhase phase, const std::string& reason);
  void set_ready(bool ready, const std::string& reason);
  void start_container();
  void on_provisioned(std::uint64_t);
  void on_pulled(std::uint64_t);
  void on_app_ready(std::uint64_t);
  void begin_probes();
  void on_startup_probe(std::uint64_t);
  void on_readiness_probe(std::uint64_t);
  void on_liveness_probe(std::uint64_t);
  void on_crash(std::uint64_t);
  void on_completed(std::uint64_t);
  void on_restart(std::uint64_t);
  void on_sigterm(std::uint64_t);
  void container_exited(const std::string& reason, bool failed, int exit_code);
  void probe_kill(const char* probe);
  void release();
  void cancel_timers();

  RunContext& ctx_;
  Rng& rng_;
  PodListener& listener_;
  const PodBlueprint& blueprint_;
  const KubeletTimings& timings_;
  std::string name_;
  std::string ip_address_;
  std::uint32_t slot_;
  double cpu_before_us_ = 0;  // vCPU-microseconds used by the earlier containers (restarts)
  LaunchPlatform* platform_ = nullptr;
  Placement placement_;
  bool placed_ = false;
  PodPhase phase_ = PodPhase::kPending;
  bool ready_ = false;
  bool app_ready_ = false;  // the app answers (its start-up time passed)
  bool running_ = false;    // the container runs
  bool terminating_ = false;
  bool sigterm_ = false;  // the app got SIGTERM: it accepts nothing more
  int restarts_ = 0;
  int exit_code_ = -1;
  RestartBackoff backoff_;
  double memory_use_mib_ = -1;  // the memory-usage knob's draw for this pod (-1: not drawn)
  SimTime container_started_;
  SimTime ready_since_;
  SimTime created_;
  SimTime started_;
  SimTime ready_changed_;
  std::uint64_t requests_ = 0;
  int probe_streak_ = 0;  // consecutive readiness successes (>0) or failures (<0)
  int liveness_failures_ = 0;
  int startup_failures_ = 0;
  double vcpus_ = 0;
  std::unique_ptr<TaskServer> server_;
  EventId stage_timer_;  // provisioning, pull, container start, restart back-off, SIGTERM, SIGKILL
  EventId app_timer_;    // the app answers
  EventId exit_timer_;   // the container crashes or completes
  EventId startup_timer_;
  EventId readiness_timer_;
  EventId liveness_timer_;
};

}  // namespace fleetsim::kube
