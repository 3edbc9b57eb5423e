#include "models/autoscaling/autoscaling_reader.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "models/autoscaling/scalable_target.hpp"
#include "sim/calendar.hpp"
#include "sim/metrics/metric_store.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

const char* const kDimension = "ecs:service:DesiredCount";
constexpr int kMaxTasksPerService = 5000;

std::string missing_name(const std::string& what, const std::string& name, const std::vector<std::string>& known) {
  std::string msg = "no " + what + " \"" + name + "\"";
  if (auto near = closest_name(name, known)) msg += " (did you mean \"" + *near + "\"?)";
  return msg;
}

// ServiceNamespace and ScalableDimension: only ECS services are simulated.
void check_ecs(const nlohmann::json& o, const std::string& p) {
  if (o["ServiceNamespace"] != "ecs") {
    throw ScenarioError(append_pointer(p, "ServiceNamespace"),
                        "only \"ecs\" scalable targets are simulated by this version");
  }
  if (o["ScalableDimension"] != kDimension) {
    throw ScenarioError(append_pointer(p, "ScalableDimension"),
                        std::string("expected \"") + kDimension + "\" for an ECS service");
  }
}

// The ResourceId of `o`, which must be one of the registered `targets`.
std::string target_of(const std::vector<ScalableTargetConfig>& targets, const nlohmann::json& o, const std::string& p) {
  std::string id = o["ResourceId"].get<std::string>();
  std::set<std::string> known;
  for (const ScalableTargetConfig& t : targets) known.insert(t.resource_id);
  if (!known.count(id)) {
    throw ScenarioError(
        append_pointer(p, "ResourceId"),
        missing_name("scalable target", id, {known.begin(), known.end()}) + "; register it under scalableTargets");
  }
  return id;
}

std::vector<std::pair<std::string, std::string>> read_dimensions(const nlohmann::json& o) {
  std::vector<std::pair<std::string, std::string>> dims;
  for (const auto& d : o.value("Dimensions", nlohmann::json::array()))
    dims.emplace_back(d["Name"].get<std::string>(), d["Value"].get<std::string>());
  return dims;
}

// CloudWatch's rule for a query Id: a lowercase letter, then letters, digits and underscores.
bool valid_query_id(const std::string& id) {
  if (id.empty() || !std::islower(static_cast<unsigned char>(id[0]))) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

// The message for a metric CloudWatch has no source of.
std::string no_metric(const std::string& name_space, const std::string& metric, const std::string& dimensions) {
  return "no metric " + name_space + " " + metric + " with dimensions \"" + dimensions + "\" in this scenario";
}

// CustomizedMetricSpecification.Metrics: metric math in target tracking, as AWS recommends for the
// backlog per task of a queue (aws-facts §11 "use metric math in a target-tracking policy"). fleetsim
// evaluates one expression over MetricStat queries, or a single MetricStat.
TrackedMetric read_metric_math(const nlohmann::json& queries, const std::string& mp, const ScalingLookup& lookup) {
  std::vector<MetricStatInput> inputs;
  std::set<std::string> seen;
  std::optional<std::size_t> returned;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    const nlohmann::json& q = queries[i];
    std::string qp = append_pointer(mp, i);
    std::string id = q["Id"].get<std::string>();
    if (!valid_query_id(id))
      throw ScenarioError(
          append_pointer(qp, "Id"),
          "an Id starts with a lowercase letter and holds only letters, digits and underscores, got \"" + id + "\"");
    if (!seen.insert(id).second) throw ScenarioError(append_pointer(qp, "Id"), "Id \"" + id + "\" is used twice");
    if (q.contains("Expression") == q.contains("MetricStat"))
      throw ScenarioError(qp, "expected exactly one of \"Expression\" and \"MetricStat\"");
    if (q.value("ReturnData", true)) {
      if (returned)
        throw ScenarioError(
            append_pointer(qp, "ReturnData"),
            "only one query may return data: set \"ReturnData\": false on all but the one the policy tracks");
      returned = i;
    }
    if (auto stat = q.find("MetricStat"); stat != q.end()) {
      const nlohmann::json& metric = (*stat)["Metric"];
      MetricStatInput in{id, metric["Namespace"].get<std::string>(), metric["MetricName"].get<std::string>(),
                         make_dimensions(read_dimensions(metric)), (*stat)["Stat"].get<std::string>()};
      if (!lookup.has_metric(in.name_space, in.metric, in.dimensions)) {
        throw ScenarioError(append_pointer(append_pointer(append_pointer(qp, "MetricStat"), "Metric"), "MetricName"),
                            no_metric(in.name_space, in.metric, in.dimensions));
      }
      inputs.push_back(std::move(in));
    }
  }
  if (!returned) throw ScenarioError(mp, "expected one query with \"ReturnData\" true (the value the policy tracks)");
  const nlohmann::json& result = queries[*returned];
  TrackedMetric m;
  if (!result.contains("Expression")) {
    const MetricStatInput& in =
        *std::find_if(inputs.begin(), inputs.end(), [&](const MetricStatInput& x) { return x.id == result["Id"]; });
    m = {in.name_space, in.metric, in.dimensions, in.statistic, Duration::seconds(60), {}, {}};
    return m;
  }
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (i != *returned && queries[i].contains("Expression")) {
      throw ScenarioError(append_pointer(append_pointer(mp, i), "Expression"),
                          "fleetsim evaluates one expression, over MetricStat queries; fold this one into the "
                          "expression that returns data");
    }
  }
  std::string expression = result["Expression"].get<std::string>();
  std::vector<std::string> ids;
  for (const MetricStatInput& in : inputs) ids.push_back(in.id);
  if (auto why = lookup.check_expression(expression, ids)) {
    throw ScenarioError(append_pointer(append_pointer(mp, *returned), "Expression"),
                        "metric math \"" + expression + "\": " + *why);
  }
  m.metric = result.value("Label", result["Id"].get<std::string>());
  m.expression = expression;
  m.inputs = std::move(inputs);
  return m;
}

// PredefinedMetricSpecification at `pp`, for the service `resource_id`.
TrackedMetric read_predefined_metric(const nlohmann::json& pre, const std::string& pp, const std::string& resource_id,
                                     const ScalingLookup& lookup) {
  std::string type = pre["PredefinedMetricType"].get<std::string>();
  if (type.find("Memory") != std::string::npos) {
    // ECSServiceAverageMemoryUtilization[HighResolution]: AWS/ECS MemoryUtilization, Average (aws-facts §1.3).
    TrackedMetric m = {"AWS/ECS",
                       "MemoryUtilization",
                       service_dimensions(resource_id),
                       "Average",
                       Duration::seconds(type == "ECSServiceAverageMemoryUtilizationHighResolution" ? 20 : 60),
                       {},
                       {}};
    if (!lookup.has_metric(m.name_space, m.metric, m.dimensions)) {
      throw ScenarioError(append_pointer(pp, "PredefinedMetricType"),
                          "\"" + type +
                              "\" needs the memory the service's tasks use: give x-fleetsim.memoryUsage on its task "
                              "definition's containers");
    }
    return m;
  }
  if (type == "ALBRequestCountPerTarget") {
    if (!pre.contains("ResourceLabel"))
      throw ScenarioError(pp, "ALBRequestCountPerTarget needs \"ResourceLabel\" (app/<lb>/<id>/targetgroup/<tg>/<id>)");
    std::string label = pre["ResourceLabel"].get<std::string>();
    std::size_t tg = label.find("targetgroup/");
    std::string name = tg == std::string::npos ? label : label.substr(tg + 12, label.find('/', tg + 12) - tg - 12);
    TrackedMetric m = {"AWS/ApplicationELB",
                       "RequestCountPerTarget",
                       make_dimensions({{"TargetGroup", name}}),
                       "Sum",
                       Duration::seconds(60),
                       {},
                       {}};
    if (!lookup.has_metric(m.name_space, m.metric, m.dimensions)) {
      throw ScenarioError(append_pointer(pp, "ResourceLabel"),
                          missing_name("target group", name, lookup.target_groups()));
    }
    return m;
  }
  // ECSServiceAverageCPUUtilization[HighResolution]: AWS/ECS CPUUtilization, Average (aws-facts §1.3);
  // the high-resolution one at 20-s datapoints.
  bool high = type == "ECSServiceAverageCPUUtilizationHighResolution";
  return {
      "AWS/ECS", "CPUUtilization", service_dimensions(resource_id), "Average", Duration::seconds(high ? 20 : 60), {},
      {}};
}

TrackedMetric read_tracked_metric(const nlohmann::json& c, const std::string& p, const std::string& resource_id,
                                  const ScalingLookup& lookup) {
  if (auto pre = c.find("PredefinedMetricSpecification"); pre != c.end())
    return read_predefined_metric(*pre, append_pointer(p, "PredefinedMetricSpecification"), resource_id, lookup);
  auto custom = c.find("CustomizedMetricSpecification");
  if (custom == c.end())
    throw ScenarioError(p, "expected \"PredefinedMetricSpecification\" or \"CustomizedMetricSpecification\"");
  std::string cp = append_pointer(p, "CustomizedMetricSpecification");
  if (custom->contains("Metrics")) {
    for (const char* f : {"MetricName", "Namespace", "Dimensions", "Statistic"}) {
      if (custom->contains(f))
        throw ScenarioError(append_pointer(cp, f), std::string("\"") + f + "\" and \"Metrics\" exclude each other");
    }
    return read_metric_math((*custom)["Metrics"], append_pointer(cp, "Metrics"), lookup);
  }
  for (const char* f : {"MetricName", "Namespace", "Statistic"}) {
    if (!custom->contains(f)) throw ScenarioError(cp, std::string("missing required field \"") + f + "\"");
  }
  TrackedMetric m = {(*custom)["Namespace"].get<std::string>(),
                     (*custom)["MetricName"].get<std::string>(),
                     make_dimensions(read_dimensions(*custom)),
                     (*custom)["Statistic"].get<std::string>(),
                     Duration::seconds(60),
                     {},
                     {}};
  if (!lookup.has_metric(m.name_space, m.metric, m.dimensions))
    throw ScenarioError(append_pointer(cp, "MetricName"), no_metric(m.name_space, m.metric, m.dimensions));
  return m;
}

Duration seconds_field(const nlohmann::json& o, const char* name, int fallback) {
  return Duration::seconds(o.value(name, fallback));
}

StepScalingConfig read_step_scaling(const nlohmann::json& c, const std::string& cp) {
  StepScalingConfig config;
  std::string adj = c.value("AdjustmentType", std::string("ChangeInCapacity"));
  config.adjustment_type = adj == "ExactCapacity"             ? AdjustmentType::kExactCapacity
                           : adj == "PercentChangeInCapacity" ? AdjustmentType::kPercentChangeInCapacity
                                                              : AdjustmentType::kChangeInCapacity;
  for (const auto& s : c["StepAdjustments"]) {
    StepAdjustment step;
    if (s.contains("MetricIntervalLowerBound")) step.lower = s["MetricIntervalLowerBound"].get<double>();
    if (s.contains("MetricIntervalUpperBound")) step.upper = s["MetricIntervalUpperBound"].get<double>();
    step.adjustment = s["ScalingAdjustment"].get<double>();
    config.steps.push_back(step);
  }
  if (auto why = check_steps(config.steps)) throw ScenarioError(append_pointer(cp, "StepAdjustments"), *why);
  config.min_adjustment_magnitude = c.value("MinAdjustmentMagnitude", 0);
  config.cooldown = seconds_field(c, "Cooldown", 300);
  std::string agg = c.value("MetricAggregationType", std::string("Average"));
  config.aggregation = agg == "Minimum"   ? StepScalingConfig::Aggregation::kMinimum
                       : agg == "Maximum" ? StepScalingConfig::Aggregation::kMaximum
                                          : StepScalingConfig::Aggregation::kAverage;
  return config;
}

std::optional<std::int64_t> read_time(const nlohmann::json& o, const char* field, const std::string& p) {
  if (!o.contains(field)) return std::nullopt;
  auto t = parse_utc_date_time(o[field].get<std::string>());
  if (!t) throw ScenarioError(append_pointer(p, field), "expected a UTC date-time such as \"2026-01-01T00:00:00Z\"");
  return t;
}

}  // namespace

std::vector<ScalableTargetConfig> read_scalable_targets(const nlohmann::json& section, const ScalingLookup& lookup) {
  std::vector<ScalableTargetConfig> out;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& t = section[i];
    std::string p = append_pointer("/scalableTargets", i);
    check_ecs(t, p);
    ScalableTargetConfig config;
    config.resource_id = t["ResourceId"].get<std::string>();
    std::vector<std::string> services = lookup.services();
    if (std::find(services.begin(), services.end(), config.resource_id) == services.end()) {
      throw ScenarioError(append_pointer(p, "ResourceId"),
                          missing_name("ECS service with ResourceId", config.resource_id, services) +
                              " (expected service/<cluster>/<service>)");
    }
    config.min_capacity = t["MinCapacity"].get<int>(), config.max_capacity = t["MaxCapacity"].get<int>();
    if (config.min_capacity > config.max_capacity) {
      throw ScenarioError(append_pointer(p, "MinCapacity"), "MinCapacity (" + std::to_string(config.min_capacity) +
                                                                ") exceeds MaxCapacity (" +
                                                                std::to_string(config.max_capacity) + ")");
    }
    // UpdateService cannot go past ECS's tasks-per-service quota, which fleetsim enforces too.
    if (config.max_capacity > kMaxTasksPerService) {
      throw ScenarioError(
          append_pointer(p, "MaxCapacity"),
          "an ECS service runs at most 5,000 tasks (ECS's default quota), got " + std::to_string(config.max_capacity));
    }
    if (auto s = t.find("SuspendedState"); s != t.end()) {
      config.suspended = {s->value("DynamicScalingInSuspended", false), s->value("DynamicScalingOutSuspended", false),
                          s->value("ScheduledScalingSuspended", false)};
    }
    if (!ids.insert(config.resource_id).second) {
      throw ScenarioError(append_pointer(p, "ResourceId"),
                          "scalable target \"" + config.resource_id + "\" is registered twice");
    }
    out.push_back(std::move(config));
  }
  return out;
}

std::vector<ScalingPolicyConfig> read_scaling_policies(const nlohmann::json& section,
                                                       const std::vector<ScalableTargetConfig>& targets,
                                                       const ScalingLookup& lookup) {
  std::vector<ScalingPolicyConfig> out;
  std::set<std::string> names;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& o = section[i];
    std::string p = append_pointer("/scalingPolicies", i);
    check_ecs(o, p);
    ScalingPolicyConfig policy;
    policy.resource_id = target_of(targets, o, p);
    std::string name = o["PolicyName"].get<std::string>();
    if (!names.insert(name).second)
      throw ScenarioError(append_pointer(p, "PolicyName"), "policy \"" + name + "\" is defined twice");
    // AWS treats a missing PolicyType as StepScaling.
    std::string type = o.value("PolicyType", std::string("StepScaling"));
    if (type == "TargetTrackingScaling") {
      std::string cp = append_pointer(p, "TargetTrackingScalingPolicyConfiguration");
      if (!o.contains("TargetTrackingScalingPolicyConfiguration"))
        throw ScenarioError(p, "expected \"TargetTrackingScalingPolicyConfiguration\"");
      const nlohmann::json& c = o["TargetTrackingScalingPolicyConfiguration"];
      TargetTrackingConfig& config = policy.tracking.emplace();
      config.name = name;
      config.metric = read_tracked_metric(c, cp, policy.resource_id, lookup);
      config.target_value = c["TargetValue"].get<double>();
      config.scale_out_cooldown = seconds_field(c, "ScaleOutCooldown", 300);
      config.scale_in_cooldown = seconds_field(c, "ScaleInCooldown", 300);
      config.disable_scale_in = c.value("DisableScaleIn", false);
    } else if (type == "StepScaling") {
      if (!o.contains("StepScalingPolicyConfiguration"))
        throw ScenarioError(p, "expected \"StepScalingPolicyConfiguration\"");
      policy.step =
          read_step_scaling(o["StepScalingPolicyConfiguration"], append_pointer(p, "StepScalingPolicyConfiguration"));
      policy.step->name = name;
    } else {
      throw ScenarioError(append_pointer(p, "PolicyType"),
                          "\"" + type + "\" policies are not simulated by this version yet");
    }
    out.push_back(std::move(policy));
  }
  return out;
}

std::vector<ScheduledActionEntry> read_scheduled_actions(const nlohmann::json& section,
                                                         const std::vector<ScalableTargetConfig>& targets) {
  std::vector<ScheduledActionEntry> out;
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& o = section[i];
    std::string p = append_pointer("/scheduledActions", i);
    check_ecs(o, p);
    std::string resource_id = target_of(targets, o, p);
    std::string tz = o.value("Timezone", std::string("UTC"));
    if (tz != "UTC" && tz != "Etc/UTC")
      throw ScenarioError(append_pointer(p, "Timezone"), "only UTC schedules are simulated by this version");
    std::string error;
    auto schedule = ScheduleExpression::parse(o["Schedule"].get<std::string>(), error);
    if (!schedule) throw ScenarioError(append_pointer(p, "Schedule"), error);
    ScheduledActionConfig config{o["ScheduledActionName"].get<std::string>(),
                                 *schedule,
                                 read_time(o, "StartTime", p),
                                 read_time(o, "EndTime", p),
                                 {},
                                 {}};
    const nlohmann::json action = o.value("ScalableTargetAction", nlohmann::json::object());
    if (action.contains("MinCapacity")) config.min_capacity = action["MinCapacity"].get<int>();
    if (action.contains("MaxCapacity")) config.max_capacity = action["MaxCapacity"].get<int>();
    if (config.min_capacity && config.max_capacity && *config.min_capacity > *config.max_capacity) {
      throw ScenarioError(append_pointer(append_pointer(p, "ScalableTargetAction"), "MinCapacity"),
                          "MinCapacity exceeds MaxCapacity");
    }
    if (!config.min_capacity && !config.max_capacity)
      throw ScenarioError(append_pointer(p, "ScalableTargetAction"), "expected MinCapacity or MaxCapacity");
    if (config.min_capacity.value_or(0) > kMaxTasksPerService ||
        config.max_capacity.value_or(0) > kMaxTasksPerService) {
      throw ScenarioError(append_pointer(p, "ScalableTargetAction"),
                          "an ECS service runs at most 5,000 tasks (ECS's default quota)");
    }
    out.push_back({resource_id, std::move(config)});
  }
  return out;
}

}  // namespace fleetsim
