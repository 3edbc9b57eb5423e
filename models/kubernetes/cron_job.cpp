#include "models/kubernetes/cron_job.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace fleetsim::kube {

namespace {

// A day-of-week item's number in AWS's numbering (SUN = 1): Kubernetes counts Sunday as 0 or 7.
std::string aws_weekday(const std::string& n, bool in_range, std::string& error) {
  if (n.empty() || !std::all_of(n.begin(), n.end(), [](unsigned char c) { return std::isdigit(c); })) return n;
  const int day = std::stoi(n);
  if (day > 7 || (day == 7 && in_range)) {
    error = "day-of-week " + n + " is not simulated (use 0-6)";
    return n;
  }
  return std::to_string(day % 7 + 1);
}

std::string aws_weekdays(const std::string& field, std::string& error) {
  std::string out;
  std::stringstream items(field);
  for (std::string item; std::getline(items, item, ',');) {
    const std::size_t slash = item.find('/');
    std::string range = item.substr(0, slash);
    const std::string step = slash == std::string::npos ? "" : item.substr(slash);
    const std::size_t dash = range.find('-');
    if (dash == std::string::npos) {
      range = aws_weekday(range, false, error);
    } else {
      range = aws_weekday(range.substr(0, dash), true, error) + "-" + aws_weekday(range.substr(dash + 1), true, error);
    }
    out += (out.empty() ? "" : ",") + range + step;
  }
  return out;
}

}  // namespace

std::string cron_expression_of(const std::string& schedule, std::string& error) {
  static const std::pair<const char*, const char*> kMacros[] = {
      {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"}, {"@weekly", "0 0 * * 0"},
      {"@daily", "0 0 * * *"},  {"@midnight", "0 0 * * *"}, {"@hourly", "0 * * * *"}};
  std::string text = schedule;
  for (const auto& [macro, fields] : kMacros) {
    if (text == macro) text = fields;
  }
  std::vector<std::string> f;
  std::stringstream in(text);
  for (std::string field; in >> field;) f.push_back(field);
  if (f.size() != 5) {
    error = "expected 5 fields (minute hour day-of-month month day-of-week) or a macro such as @hourly";
    return {};
  }
  // AWS's cron wants '?' in one of the two day fields; standard cron's "either matches" when both are
  // restricted has no AWS equivalent.
  std::string dom = f[2] == "?" ? "*" : f[2], dow = f[4] == "?" ? "*" : f[4];
  if (dow == "*") {
    dow = "?";
  } else if (dom == "*") {
    dom = "?";
    dow = aws_weekdays(dow, error);
  } else {
    error = "a schedule restricting both day-of-month and day-of-week (either matching) is not simulated";
  }
  return f[0] + " " + f[1] + " " + dom + " " + f[3] + " " + dow + " *";
}

CronJobController::CronJobController(Cluster& cluster, CronJob cron_job, ScheduleExpression schedule,
                                     std::int64_t run_start_unix_s)
    : cluster_(cluster),
      cron_job_(std::move(cron_job)),
      blueprint_(PodBlueprint::compile(cron_job_.job.pod_template, 0)),
      runner_(cluster.context(), std::move(schedule), run_start_unix_s, std::nullopt, std::nullopt,
              [this] { on_time(); }),
      run_start_unix_s_(run_start_unix_s) {}

void CronJobController::start() {
  created_at_ = cluster_.context().engine.now();
  runner_.start();
}

void CronJobController::on_time() {
  // The controller's first time is the schedule's next after the CronJob's creation, never the creation itself.
  if (cron_job_.suspend || cluster_.context().engine.now() == created_at_) return;
  const std::string& ns = cron_job_.metadata.ns;
  const std::string& name = cron_job_.metadata.name;
  if (!active_.empty() && cron_job_.concurrency_policy == "Forbid") {
    ++skipped_;
    cluster_.event("CronJob", ns, name, "Normal", "JobAlreadyActive",
                   "Not starting job because prior execution is running and concurrency policy is Forbid");
    return;
  }
  if (cron_job_.concurrency_policy == "Replace") {
    const std::vector<JobController*> running = active_;
    for (JobController* j : running) delete_job(*j);
  }
  // getJobName: the CronJob's name and the scheduled time in minutes since the epoch.
  const std::int64_t unix_s = run_start_unix_s_ + cluster_.context().engine.now().us() / 1000000;
  Job job;
  job.metadata = cron_job_.job_metadata;
  job.metadata.ns = ns;
  job.metadata.name = name + "-" + std::to_string(unix_s / 60);
  job.spec = cron_job_.job;
  jobs_.push_back(
      std::make_unique<JobController>(cluster_, job, blueprint_, [this](JobController& j) { on_job_finished(j); }));
  JobController& made = *jobs_.back();
  active_.push_back(&made);
  ++created_;
  cluster_.event("CronJob", ns, name, "Normal", "SuccessfulCreate", "Created job " + job.metadata.name);
  made.start();
}

void CronJobController::delete_job(JobController& job) {
  cluster_.event("CronJob", cron_job_.metadata.ns, cron_job_.metadata.name, "Normal", "SuccessfulDelete",
                 "Deleted job " + job.job().metadata.name);
  active_.erase(std::remove(active_.begin(), active_.end(), &job), active_.end());
  history_.erase(std::remove(history_.begin(), history_.end(), &job), history_.end());
  job.remove();
}

void CronJobController::on_job_finished(JobController& job) {
  active_.erase(std::remove(active_.begin(), active_.end(), &job), active_.end());
  const bool complete = job.condition() == JobController::Condition::kComplete;
  cluster_.event(
      "CronJob", cron_job_.metadata.ns, cron_job_.metadata.name, "Normal", "SawCompletedJob",
      "Saw completed job: " + job.job().metadata.name + ", condition: " + (complete ? "Complete" : "Failed"));
  history_.push_back(&job);
  trim_history(job.condition(),
               complete ? cron_job_.successful_jobs_history_limit : cron_job_.failed_jobs_history_limit);
}

void CronJobController::trim_history(JobController::Condition condition, int limit) {
  std::vector<JobController*> same;
  for (JobController* j : history_) {
    if (j->condition() == condition) same.push_back(j);
  }
  for (std::size_t i = 0; i + static_cast<std::size_t>(std::max(0, limit)) < same.size(); ++i) delete_job(*same[i]);
}

}  // namespace fleetsim::kube
