#include "sim/scenario/value_readers.hpp"

#include <vector>

#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

const Shape* distribution_shape(ShapeSet& s) {
  const Shape* positive = s.number(0, 1e12);
  auto variant = [&](const char* name, std::string doc) -> Shape& {
    Shape& v = s.object(std::string("a ") + name + " distribution", std::move(doc));
    v.required("dist", s.one_of_strings(std::string("\"") + name + "\"", {name}), "the distribution's name");
    return v;
  };
  Shape& tagged = s.make(ShapeKind::kTagged, "a distribution object", "A random value; units follow the field's name.");
  tagged.discriminator = "dist";
  tagged.alternatives = {
      &variant("exponential", "Exponential with the given mean.").required("mean", positive, "mean"),
      &variant("uniform", "Uniform on [min, max].")
           .required("min", positive, "lower bound")
           .required("max", positive, "upper bound"),
      &variant("normal", "Normal, truncated at 0.")
           .required("mean", s.number(-1e12, 1e12), "mean")
           .required("stddev", positive, "standard deviation"),
      &variant("lognormal", "Log-normal with the mean and standard deviation of the value itself.")
           .required("mean", positive, "mean of the value")
           .required("stddev", positive, "standard deviation of the value"),
      &variant("gamma", "Gamma with shape k and scale theta (mean k*theta).")
           .required("shape", positive, "shape k")
           .required("scale", positive, "scale theta"),
      &variant("empirical", "Uniform choice among the listed values.")
           .required("values", s.array_of(positive, 1000000), "the values"),
  };
  Shape& either = s.make(ShapeKind::kOneOf, "a number or a distribution object",
                         "A constant, or {\"dist\": ...}: exponential, uniform, normal, lognormal, gamma, empirical.");
  either.alternatives = {positive, &tagged};
  return &either;
}

Duration read_duration(const nlohmann::json& v, const std::string& pointer) {
  if (v.is_number()) return Duration::from_seconds(v.get<double>());
  Duration d;
  std::string why;
  if (!parse_duration(v.get<std::string>(), d, why)) throw ScenarioError(pointer, why);
  return d;
}

Distribution read_distribution(const nlohmann::json& v, const std::string& pointer) {
  try {
    if (v.is_number()) return Distribution::constant(v.get<double>());
    const std::string kind = v.at("dist").get<std::string>();
    if (kind == "exponential") return Distribution::exponential(v.at("mean").get<double>());
    if (kind == "uniform") return Distribution::uniform(v.at("min").get<double>(), v.at("max").get<double>());
    if (kind == "normal") return Distribution::normal(v.at("mean").get<double>(), v.at("stddev").get<double>());
    if (kind == "lognormal") return Distribution::lognormal(v.at("mean").get<double>(), v.at("stddev").get<double>());
    if (kind == "gamma") return Distribution::gamma(v.at("shape").get<double>(), v.at("scale").get<double>());
    return Distribution::empirical(v.at("values").get<std::vector<double>>());
  } catch (const std::invalid_argument& e) {
    throw ScenarioError(pointer, e.what());
  }
}

std::string name_from_reference(const std::string& reference) {
  // A queue URL, "https://sqs.us-east-1.amazonaws.com/123456789012/jobs", ends in the queue's name.
  if (reference.rfind("https://", 0) == 0 || reference.rfind("http://", 0) == 0) {
    return reference.substr(reference.rfind('/') + 1);
  }
  if (reference.rfind("arn:", 0) != 0) return reference;
  // arn:partition:service:region:account:resource; the resource may itself hold ':' and '/'.
  std::size_t at = 0;
  for (int colon = 0; colon < 5 && at != std::string::npos; ++colon) at = reference.find(':', at + 1);
  if (at == std::string::npos) return reference;
  const std::string resource = reference.substr(at + 1);
  std::vector<std::string> parts;
  for (std::size_t from = 0;;) {
    std::size_t slash = resource.find('/', from);
    parts.push_back(resource.substr(from, slash - from));
    if (slash == std::string::npos) break;
    from = slash + 1;
  }
  // "targetgroup/web/73e2d6bc24d8a067" and "loadbalancer/app/web/50dc6c495c0c9188" end in an id.
  if (parts.size() >= 3 && parts[0] == "targetgroup") return parts[1];
  if (parts.size() >= 4 && parts[0] == "loadbalancer") return parts[2];
  // "task-definition/web:3" keeps its revision; "cluster/web", "service/web/api", "autoScalingGroup:<id>:
  // autoScalingGroupName/asg" end in the name; "jobs" (SQS) and "alarm:high-cpu" (CloudWatch) are type:name.
  if (parts.size() > 1) return parts.back();
  return resource.substr(resource.rfind(':') + 1);
}

}  // namespace fleetsim
