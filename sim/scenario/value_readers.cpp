#include "sim/scenario/value_readers.hpp"

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
  if (reference.rfind("arn:", 0) != 0) return reference;
  std::string tail = reference.substr(reference.rfind(':') + 1);
  // "targetgroup/web/73e2d6bc24d8a067" and "loadbalancer/app/web/50dc6c495c0c9188" end in an id.
  std::size_t slash = tail.find('/');
  if (slash == std::string::npos) {
    // "...:task-definition/web:3": the revision follows the last ':', the family the last '/'.
    std::string head = reference.substr(0, reference.rfind(':'));
    return head.substr(head.rfind('/') + 1) + ":" + tail;
  }
  std::string rest = tail.substr(slash + 1);
  if (tail.rfind("targetgroup/", 0) == 0 || tail.rfind("loadbalancer/", 0) == 0) {
    std::size_t id = rest.rfind('/');
    if (id != std::string::npos) rest = rest.substr(0, id);
    std::size_t app = rest.find('/');
    if (tail.rfind("loadbalancer/", 0) == 0 && app != std::string::npos) rest = rest.substr(app + 1);
    return rest;
  }
  return rest.substr(rest.rfind('/') + 1);
}

}  // namespace fleetsim
