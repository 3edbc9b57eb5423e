#include "models/kubernetes/api/hpa_reader.hpp"

#include "models/kubernetes/api/container_reader.hpp"
#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/manifest_reader.hpp"
#include "models/kubernetes/api/quantity.hpp"

namespace fleetsim::kube {

namespace {

[[noreturn]] void unsupported(const Field& f, const std::string& value, const char* supported) {
  f.fail(f.api_path() + ": Unsupported value: \"" + value + "\": supported values: " + supported);
}

void require(const Field& f) {
  if (!f.present()) f.fail(f.api_path() + ": Required value");
}

// A positive quantity in milli-units (a metric target's averageValue or value).
std::int64_t positive_milli(const Field& f) {
  require(f);
  const std::string text = quantity_text(f);
  std::int64_t milli = 0;
  try {
    milli = quantity_milli_value(text);
  } catch (const QuantityError& e) {
    f.fail(e.what());
  }
  if (milli <= 0) f.fail(f.api_path() + ": Invalid value: \"" + text + "\": must be positive");
  return milli;
}

// metric.target: which types the source allows, and the value that type needs.
void read_target(const Field& f, HpaMetricSpec& m, bool utilization, bool value) {
  require(f);
  const Field type = f["type"];
  require(type);
  const std::string t = type.string();
  if (t == "Utilization" && utilization) {
    m.target_type = HpaTargetType::kUtilization;
    const Field u = f["averageUtilization"];
    require(u);
    m.average_utilization = u.int32();
    if (m.average_utilization <= 0)
      u.fail(u.api_path() + ": Invalid value: " + std::to_string(m.average_utilization) + ": must be greater than 0");
  } else if (t == "AverageValue") {
    m.target_type = HpaTargetType::kAverageValue;
    m.average_value_milli = positive_milli(f["averageValue"]);
  } else if (t == "Value" && value) {
    m.target_type = HpaTargetType::kValue;
    m.value_milli = positive_milli(f["value"]);
  } else {
    type.fail(type.api_path() + ": Invalid value: \"" + t + "\": must be " +
              (utilization ? "either Utilization or AverageValue"
               : value     ? "either Value or AverageValue"
                           : "AverageValue"));
  }
}

HpaMetricSpec read_metric(const Field& f) {
  HpaMetricSpec m;
  const Field type = f["type"];
  require(type);
  const std::string t = type.string();
  if (t == "Resource") {
    m.type = HpaMetricType::kResource;
    const Field r = f["resource"];
    require(r);
    require(r["name"]);
    m.name = r["name"].string();
    // The pods model no memory use yet, so a memory metric would have nothing to read.
    if (m.name == "memory") r["name"].fail("a memory metric is not simulated by this version yet (pods use no memory)");
    if (m.name != "cpu") unsupported(r["name"], m.name, "\"cpu\", \"memory\"");
    read_target(r["target"], m, true, false);
  } else if (t == "Pods" || t == "External") {
    const bool pods = t == "Pods";
    m.type = pods ? HpaMetricType::kPods : HpaMetricType::kExternal;
    const Field s = f[pods ? "pods" : "external"];
    require(s);
    require(s["metric"]["name"]);
    m.name = s["metric"]["name"].string();
    m.selector = s["metric"]["selector"]["matchLabels"].string_map();
    read_target(s["target"], m, false, !pods);
  } else if (t == "Object" || t == "ContainerResource") {
    type.fail("metric type " + t + " is not simulated by this version yet (use Resource, Pods or External)");
  } else {
    unsupported(type, t, "\"ContainerResource\", \"External\", \"Object\", \"Pods\", \"Resource\"");
  }
  return m;
}

// HPAScalingRules: the given fields checked, the absent ones from the direction's defaults.
ScalingRules read_rules(const Field& f, const ScalingRules& defaults, double& tolerance) {
  if (!f.present()) return defaults;
  ScalingRules r = defaults;
  const Field window = f["stabilizationWindowSeconds"];
  if (window.present()) {
    r.stabilization_window_seconds = window.int32_at_least(0);
    if (r.stabilization_window_seconds > 3600)
      window.fail(window.api_path() + ": Invalid value: " + std::to_string(r.stabilization_window_seconds) +
                  ": must be less than or equal to 3600");
  }
  const std::string select = f["selectPolicy"].string("Max");
  if (select == "Max") {
    r.select = SelectPolicy::kMax;
  } else if (select == "Min") {
    r.select = SelectPolicy::kMin;
  } else if (select == "Disabled") {
    r.select = SelectPolicy::kDisabled;
  } else {
    unsupported(f["selectPolicy"], select, "\"Disabled\", \"Max\", \"Min\"");
  }
  const Field policies = f["policies"];
  if (policies.present()) {
    r.policies.clear();
    if (policies.size() == 0) policies.fail(policies.api_path() + ": Required value: must specify at least one Policy");
    for (std::size_t i = 0; i < policies.size(); ++i) {
      const Field p = policies[i];
      ScalingPolicy policy;
      const std::string type = p["type"].string();
      if (type == "Pods") {
        policy.type = ScalingPolicyType::kPods;
      } else if (type == "Percent") {
        policy.type = ScalingPolicyType::kPercent;
      } else {
        unsupported(p["type"], type, "\"Percent\", \"Pods\"");
      }
      policy.value = p["value"].int32();
      if (policy.value <= 0)
        p["value"].fail(p["value"].api_path() + ": Invalid value: " + std::to_string(policy.value) +
                        ": must be greater than zero");
      const Field period = p["periodSeconds"];
      policy.period_seconds = period.int32();
      if (policy.period_seconds <= 0)
        period.fail(period.api_path() + ": Invalid value: " + std::to_string(policy.period_seconds) +
                    ": must be greater than zero");
      // MaxPeriodSeconds (aws-facts §10.1: periodSeconds may be at most 1800).
      if (policy.period_seconds > 1800)
        period.fail(period.api_path() + ": Invalid value: " + std::to_string(policy.period_seconds) +
                    ": must be less than or equal to 1800");
      r.policies.push_back(policy);
    }
  }
  const Field t = f["tolerance"];
  if (t.present()) {
    const std::string text = quantity_text(t);
    try {
      tolerance = static_cast<double>(quantity_milli_value(text)) / 1000.0;
    } catch (const QuantityError& e) {
      t.fail(e.what());
    }
    if (tolerance < 0) t.fail(t.api_path() + ": Invalid value: \"" + text + "\": must be greater than or equal to 0");
  }
  return r;
}

}  // namespace

HorizontalPodAutoscaler read_horizontal_pod_autoscaler(const OtherObject& object, double default_tolerance) {
  HorizontalPodAutoscaler h;
  h.metadata = object.metadata;
  h.origin = object.origin;
  h.tolerance_up = h.tolerance_down = default_tolerance;
  const ObjectContext context{&h.origin, describe("HorizontalPodAutoscaler", h.metadata)};
  const Field spec = Field(context, h.origin.json())["spec"];
  require(spec);
  const Field ref = spec["scaleTargetRef"];
  require(ref["kind"]);
  require(ref["name"]);
  h.target_kind = ref["kind"].string();
  h.target_name = ref["name"].string();
  if (spec["minReplicas"].present()) {
    h.min_replicas = spec["minReplicas"].int32();
    // minReplicas 0 needs the alpha HPAScaleToZero gate, off on EKS.
    if (h.min_replicas < 1)
      spec["minReplicas"].fail(spec["minReplicas"].api_path() + ": Invalid value: " + std::to_string(h.min_replicas) +
                               ": must be greater than or equal to 1");
  }
  const Field max = spec["maxReplicas"];
  require(max);
  h.max_replicas = max.int32();
  if (h.max_replicas < 1)
    max.fail(max.api_path() + ": Invalid value: " + std::to_string(h.max_replicas) + ": must be greater than 0");
  if (h.max_replicas < h.min_replicas)
    max.fail(max.api_path() + ": Invalid value: " + std::to_string(h.max_replicas) +
             ": must be greater than or equal to `minReplicas` (" + std::to_string(h.min_replicas) + ")");
  const Field metrics = spec["metrics"];
  for (std::size_t i = 0; i < metrics.size(); ++i) h.metrics.push_back(read_metric(metrics[i]));
  if (h.metrics.empty()) {
    // SetDefaults_HorizontalPodAutoscaler: cpu at 80 % of the requests.
    HpaMetricSpec cpu;
    cpu.name = "cpu";
    cpu.average_utilization = 80;
    h.metrics.push_back(cpu);
  }
  const HpaBehavior defaults = default_hpa_behavior();
  const Field behavior = spec["behavior"];
  h.behavior.scale_up = read_rules(behavior["scaleUp"], defaults.scale_up, h.tolerance_up);
  h.behavior.scale_down = read_rules(behavior["scaleDown"], defaults.scale_down, h.tolerance_down);
  return h;
}

}  // namespace fleetsim::kube
