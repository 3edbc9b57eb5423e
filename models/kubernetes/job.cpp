#include "models/kubernetes/job.hpp"

#include <algorithm>

#include "models/kubernetes/replica_set.hpp"

namespace fleetsim::kube {

JobController::JobController(Cluster& cluster, Job job, PodBlueprint blueprint,
                             std::function<void(JobController&)> on_finished)
    : cluster_(cluster),
      job_(std::move(job)),
      blueprint_(std::move(blueprint)),
      on_finished_(std::move(on_finished)),
      rng_(cluster.context().stream("kubernetes/" + cluster.name() + "/" + job_.metadata.ns + "/job/" +
                                    job_.metadata.name)) {
  blueprint_.owner_kind = "Job";
  blueprint_.owner = job_.metadata.name;
  blueprint_.name_prefix = job_.metadata.name + "-";
}

JobController::~JobController() { cluster_.context().engine.cancel(deadline_); }

void JobController::start() {
  start_time_ = cluster_.context().engine.now();
  if (const auto& d = job_.spec.active_deadline_seconds)
    deadline_ = cluster_.context().engine.schedule_after<&JobController::on_deadline>(Duration::seconds(*d), this);
  reconcile();
}

void JobController::remove() {
  removed_ = true;
  cluster_.context().engine.cancel(deadline_);
  delete_active();
}

void JobController::reconcile() {
  if (condition_ != Condition::kRunning || reconciling_ || removed_) return;
  reconciling_ = true;
  const JobSpec& spec = job_.spec;
  // backoffLimit counts failed pods and, with restartPolicy OnFailure, the restarts of running ones.
  int retries = failed_;
  for (const Pod* p : active_) retries += p->restarts();
  if (retries > spec.backoff_limit) {
    reconciling_ = false;
    finish(Condition::kFailed, "BackoffLimitExceeded", "Job has reached the specified backoff limit");
    return;
  }
  int want;
  if (spec.completions) {
    if (succeeded_ >= *spec.completions) {
      reconciling_ = false;
      finish(Condition::kComplete, "Completed", "Job completed");
      return;
    }
    want = std::min(spec.parallelism, *spec.completions - succeeded_);
  } else {
    // A work queue: once one pod succeeded no new ones start, and the Job completes when the rest end.
    if (succeeded_ > 0 && active_.empty()) {
      reconciling_ = false;
      finish(Condition::kComplete, "Completed", "Job completed");
      return;
    }
    want = succeeded_ > 0 ? 0 : spec.parallelism;
  }
  while (static_cast<int>(active_.size()) < want) {
    std::string name = blueprint_.name_prefix + random_name_suffix(rng_);
    cluster_.event("Job", job_.metadata.ns, job_.metadata.name, "Normal", "SuccessfulCreate", "Created pod: " + name);
    active_.push_back(&cluster_.create_pod(blueprint_, this, std::move(name), rng_));
  }
  reconciling_ = false;
}

void JobController::finish(Condition condition, const char* reason, const std::string& message) {
  condition_ = condition;
  reason_ = condition == Condition::kFailed ? reason : "";
  finish_time_ = cluster_.context().engine.now();
  cluster_.context().engine.cancel(deadline_);
  cluster_.event("Job", job_.metadata.ns, job_.metadata.name, condition == Condition::kFailed ? "Warning" : "Normal",
                 reason, message);
  delete_active();
  if (on_finished_) on_finished_(*this);
}

void JobController::delete_active() {
  // A Job that ends deletes the pods still running (a failed Job's, or a work queue's stragglers).
  const std::vector<Pod*> running = active_;
  for (Pod* p : running) {
    cluster_.event("Job", job_.metadata.ns, job_.metadata.name, "Normal", "SuccessfulDelete",
                   "Deleted pod: " + p->name());
    cluster_.delete_pod(*p, "job ended");
  }
}

void JobController::on_deadline(std::uint64_t) {
  deadline_ = EventId{};
  if (condition_ == Condition::kRunning)
    finish(Condition::kFailed, "DeadlineExceeded", "Job was active longer than specified deadline");
}

bool JobController::counted(const Pod& pod) const {
  return std::find(ended_.begin(), ended_.end(), &pod) != ended_.end();
}

void JobController::on_owned_pod_changed(Pod& pod) {
  auto it = std::find(active_.begin(), active_.end(), &pod);
  if (it == active_.end()) return;
  if (pod.phase() == PodPhase::kSucceeded || pod.phase() == PodPhase::kFailed) {
    active_.erase(it);
    ended_.push_back(&pod);
    if (condition_ == Condition::kRunning) (pod.phase() == PodPhase::kSucceeded ? succeeded_ : failed_) += 1;
  }
  // A restart under OnFailure counts against backoffLimit too.
  reconcile();
}

void JobController::on_owned_pod_gone(Pod& pod) {
  if (counted(pod)) {
    ended_.erase(std::find(ended_.begin(), ended_.end(), &pod));
    return;
  }
  auto it = std::find(active_.begin(), active_.end(), &pod);
  if (it == active_.end()) return;
  // Deleted or lost before it finished (its node went away, an eviction): a failed pod, replaced.
  active_.erase(it);
  if (condition_ == Condition::kRunning) ++failed_;
  reconcile();
}

}  // namespace fleetsim::kube
