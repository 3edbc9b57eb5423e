#pragma once
/// A CronJob as the CronJob controller (cronjob_controllerv2.go) runs it: a Job at every time of its
/// schedule, unless suspended; concurrencyPolicy Allow, Forbid (skip while one runs) or Replace (delete
/// the running one); finished Jobs beyond the history limits deleted.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/kubernetes/job.hpp"
#include "models/schedule/schedule_runner.hpp"

namespace fleetsim::kube {

/// A Kubernetes schedule (five fields, Sunday 0 or 7, or @hourly ...) as the six-field cron(...) text of
/// models/schedule; sets `error` when it has no equivalent there.
std::string cron_expression_of(const std::string& schedule, std::string& error);

/// One CronJob's controller.
class CronJobController {
 public:
  /// `cron_job` in `cluster`, its schedule `schedule` (parsed), t = 0 being `run_start_unix_s` in UTC.
  CronJobController(Cluster& cluster, CronJob cron_job, ScheduleExpression schedule, std::int64_t run_start_unix_s);
  /// Starts the schedule.
  void start();

  const CronJob& cron_job() const { return cron_job_; }
  /// Jobs it created.
  int created() const { return created_; }
  /// Scheduled times skipped by Forbid.
  int skipped() const { return skipped_; }
  /// Every Job it ever made, oldest first (deleted ones kept: their pods may still be shutting down).
  const std::vector<std::unique_ptr<JobController>>& jobs() const { return jobs_; }

 private:
  void on_time();
  void on_job_finished(JobController& job);
  void delete_job(JobController& job);
  void trim_history(JobController::Condition condition, int limit);

  Cluster& cluster_;
  CronJob cron_job_;
  PodBlueprint blueprint_;
  ScheduleRunner runner_;
  std::int64_t run_start_unix_s_;
  std::vector<std::unique_ptr<JobController>> jobs_;
  std::vector<JobController*> active_;   // Jobs running, oldest first
  std::vector<JobController*> history_;  // finished Jobs not yet deleted, oldest first
  SimTime created_at_;
  int created_ = 0;
  int skipped_ = 0;
};

}  // namespace fleetsim::kube
