#pragma once
/// A Job as the Job controller runs it (pkg/controller/job): up to `parallelism` pods at a time until
/// `completions` of them succeeded (or, without completions, until one did and the rest finished), failed
/// pods replaced until `backoffLimit`, everything stopped past `activeDeadlineSeconds`.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "models/kubernetes/cluster.hpp"

namespace fleetsim::kube {

/// One Job's controller.
class JobController : public PodOwner {
 public:
  /// How a Job ended: still running, Complete, or Failed.
  enum class Condition : std::uint8_t { kRunning, kComplete, kFailed };

  /// The Job `job` in `cluster`, its pods stamped from `blueprint` (compiled from its template);
  /// `on_finished` (may be empty) hears it end.
  JobController(Cluster& cluster, Job job, PodBlueprint blueprint, std::function<void(JobController&)> on_finished);
  ~JobController() override;
  JobController(const JobController&) = delete;
  JobController& operator=(const JobController&) = delete;

  /// Starts it now (status.startTime).
  void start();
  /// The Job is deleted (a CronJob's Replace or history limit): its pods go, it starts no more.
  void remove();

  void on_owned_pod_changed(Pod& pod) override;
  void on_owned_pod_gone(Pod& pod) override;

  const Job& job() const { return job_; }
  Condition condition() const { return condition_; }
  /// The reason of its Failed condition (BackoffLimitExceeded, DeadlineExceeded), else "".
  const std::string& reason() const { return reason_; }
  int succeeded() const { return succeeded_; }
  int failed() const { return failed_; }
  /// Pods running or pending.
  int active() const { return static_cast<int>(active_.size()); }
  SimTime start_time() const { return start_time_; }
  /// When it completed or failed (status.completionTime for Complete).
  SimTime finish_time() const { return finish_time_; }

 private:
  void reconcile();
  void finish(Condition condition, const char* reason, const std::string& message);
  void delete_active();
  void on_deadline(std::uint64_t);
  bool counted(const Pod& pod) const;

  Cluster& cluster_;
  Job job_;
  PodBlueprint blueprint_;
  std::function<void(JobController&)> on_finished_;
  Rng rng_;
  std::vector<Pod*> active_;       // creation order
  std::vector<const Pod*> ended_;  // finished pods already counted (their gone call comes after)
  int succeeded_ = 0;
  int failed_ = 0;
  Condition condition_ = Condition::kRunning;
  std::string reason_;
  SimTime start_time_;
  SimTime finish_time_;
  EventId deadline_;
  bool reconciling_ = false;
  bool removed_ = false;
};

}  // namespace fleetsim::kube
