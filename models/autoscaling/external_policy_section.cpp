#include "models/autoscaling/external_policy_section.hpp"

#include "models/autoscaling/external_policy.hpp"
#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

namespace {

PolicyMetric watch(AlarmHost& cloudwatch, PolicyMetric m) {
  m.handle = cloudwatch.watch_metric(m.name_space, m.metric, m.dimensions);
  return m;
}

// The entry's `metrics`: CloudWatch MetricStats by Namespace, MetricName, Dimensions and Statistic.
std::vector<PolicyMetric> read_metrics(const nlohmann::json& list, const std::string& pointer, AlarmHost& cloudwatch) {
  std::vector<PolicyMetric> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const nlohmann::json& m = list[i];
    std::vector<std::pair<std::string, std::string>> dims;
    for (const auto& d : m.value("Dimensions", nlohmann::json::array()))
      dims.emplace_back(d["Name"].get<std::string>(), d["Value"].get<std::string>());
    PolicyMetric metric{m["Namespace"].get<std::string>(), m["MetricName"].get<std::string>(), make_dimensions(dims),
                        m.value("Statistic", std::string("Average"))};
    if (!cloudwatch.has_metric(metric.name_space, metric.metric, metric.dimensions)) {
      throw ScenarioError(append_pointer(pointer, i), "no metric " + metric.name_space + " " + metric.metric + " " +
                                                          metric.dimensions + " in this scenario");
    }
    out.push_back(watch(cloudwatch, metric));
  }
  return out;
}

ExternalPolicyConfig read_entry(const nlohmann::json& e, const std::string& p, World& world, AlarmHost& cloudwatch) {
  ExternalPolicyConfig c;
  c.name = e["name"].get<std::string>();
  c.pointer = p;
  c.command = e["command"].get<std::vector<std::string>>();
  if (c.command.empty() || c.command[0].empty())
    throw ScenarioError(append_pointer(p, "command"),
                        "expected the program and its arguments, e.g. [\"python3\", \"policy.py\"]");
  // Refused here, so that nothing of the run happens; `validate` starts nothing and needs no permission.
  if (world.exec == ExecPermission::kRefused) {
    throw ScenarioError(append_pointer(p, "command"),
                        "the scenario starts a program (" + c.command[0] +
                            "); run it with --allow-exec to allow that (a scenario never runs code by itself)");
  }
  c.directory = world.scenario_dir;
  if (e.contains("period")) c.period = read_duration(e["period"], append_pointer(p, "period"));
  if (c.period.us() < 1000000 || c.period.us() % 1000000 != 0)
    throw ScenarioError(append_pointer(p, "period"), "expected a whole number of seconds, at least 1s");
  c.timeout = std::chrono::milliseconds(world.catalog.autoscaling.external_policy_timeout.us() / 1000);
  const nlohmann::json& targets = e["targets"];
  for (std::size_t i = 0; i < targets.size(); ++i) {
    std::string id = targets[i].get<std::string>();
    std::string tp = append_pointer(append_pointer(p, "targets"), i);
    PolicyTarget t{&world.need<ScalableTarget>(id, tp, "scalable target"), {}};
    for (const PolicyTarget& other : c.targets) {
      if (other.target == t.target) throw ScenarioError(tp, "\"" + id + "\" is named twice");
    }
    // What target tracking's predefined ECS metrics read: the service's AWS/ECS utilizations.
    for (const char* metric : {"CPUUtilization", "MemoryUtilization"}) {
      if (cloudwatch.has_metric("AWS/ECS", metric, service_dimensions(id)))
        t.metrics.push_back(watch(cloudwatch, {"AWS/ECS", metric, service_dimensions(id), "Average"}));
    }
    c.targets.push_back(std::move(t));
  }
  if (e.contains("metrics")) c.metrics = read_metrics(e["metrics"], append_pointer(p, "metrics"), cloudwatch);
  return c;
}

void build_external_policies(const nlohmann::json& scenario, World& world) {
  auto s = scenario.find("externalPolicies");
  if (s == scenario.end()) return;
  AlarmHost& cloudwatch = world.need<AlarmHost>(kCloudWatch, "/externalPolicies", "CloudWatch");
  std::vector<std::string> names;
  for (std::size_t i = 0; i < s->size(); ++i) {
    std::string p = append_pointer("/externalPolicies", i);
    ExternalPolicyConfig config = read_entry((*s)[i], p, world, cloudwatch);
    if (std::find(names.begin(), names.end(), config.name) != names.end())
      throw ScenarioError(append_pointer(p, "name"), "external policy \"" + config.name + "\" is defined twice");
    names.push_back(config.name);
    world.own(std::make_unique<ExternalPolicy>(world.ctx, std::move(config), cloudwatch));
  }
}

}  // namespace

void register_external_policies(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& dim = s.object("a metric dimension", "MetricDimension.");
  dim.required("Name", s.string(), "name").required("Value", s.string(), "value");
  Shape& metric = s.object("a metric sent to an external policy", "A CloudWatch MetricStat: metric and statistic.");
  metric.required("Namespace", s.string(), "namespace")
      .required("MetricName", s.string(), "metric name")
      .field("Dimensions", s.array_of(&dim, 30), "dimensions")
      .field("Statistic", s.one_of_strings("a statistic", {"Average", "Minimum", "Maximum", "SampleCount", "Sum"}),
             "statistic (default Average)");
  Shape& entry = s.object("an external policy",
                          "A scaling policy run as a separate program, spoken to in JSON lines (needs --allow-exec).");
  entry.required("name", s.string(), "names the policy in ScalingDecision events (controller \"external:NAME\")")
      .required("command", s.array_of(s.string(), 100),
                "the program and its arguments, started in the scenario's folder without a shell")
      .required("targets", s.array_of(s.string(), 100), "scalable targets it sets (service/<cluster>/<service>)")
      .field("period", s.duration(), "how often it is asked, in virtual time (default 60s)")
      .field("metrics", s.array_of(&metric, 50), "CloudWatch metrics sent beside the targets' own");
  r.add_section("externalPolicies", s.array_of(&entry, 100),
                "scaling policies written outside fleetsim, run only with --allow-exec");
  r.add_model({"externalPolicies", 115, &build_external_policies});
}

}  // namespace fleetsim
