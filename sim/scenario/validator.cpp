#include "sim/scenario/validator.hpp"

#include <cmath>

#include "sim/scenario/cloudformation.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/time.hpp"

namespace fleetsim {
namespace {

std::string json_type_name(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "a number";
  }
}

bool matches_type(const nlohmann::json& v, ShapeKind kind) {
  switch (kind) {
    case ShapeKind::kAny:
      return true;
    case ShapeKind::kString:
      return v.is_string();
    case ShapeKind::kInteger:
    case ShapeKind::kNumber:
      return v.is_number();
    case ShapeKind::kBoolean:
      return v.is_boolean();
    case ShapeKind::kDuration:
      return v.is_string() || v.is_number();
    case ShapeKind::kObject:
    case ShapeKind::kMap:
    case ShapeKind::kTagged:
      return v.is_object();
    case ShapeKind::kArray:
      return v.is_array();
    case ShapeKind::kOneOf:
      return false;
  }
  return false;
}

std::string quoted_list(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += i + 1 == values.size() ? " or " : ", ";
    out += '"' + values[i] + '"';
  }
  return out;
}

void error(ValidationReport& r, const std::string& pointer, std::string message) {
  r.errors.push_back(Diagnostic{pointer, std::move(message)});
}

void validate_number(const nlohmann::json& v, const Shape& s, const std::string& p, ValidationReport& r) {
  double x = v.get<double>();
  if (s.kind == ShapeKind::kInteger && !v.is_number_integer() && !v.is_number_unsigned() && x != std::floor(x)) {
    error(r, p, "expected " + s.title + ", got " + v.dump());
    return;
  }
  if ((s.minimum && x < *s.minimum) || (s.maximum && x > *s.maximum)) {
    error(r, p, "expected " + s.title + ", got " + v.dump());
  }
}

void validate_object(const nlohmann::json& v, const Shape& s, const std::string& p, ValidationReport& r) {
  std::vector<std::string> names;
  for (const Field& f : s.fields) names.push_back(f.name);
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::string child = append_pointer(p, it.key());
    const Field* f = s.find(it.key());
    if (f == nullptr) {
      std::string msg = "unknown field \"" + it.key() + "\" in " + s.title;
      if (auto near = closest_name(it.key(), names)) msg += " (did you mean \"" + *near + "\"?)";
      r.errors.push_back(Diagnostic{child, msg, true});
      continue;
    }
    if (!f->modeled) {
      r.ignored.push_back(child);
      continue;
    }
    validate_shape(it.value(), *f->shape, child, r);
  }
  for (const Field& f : s.fields) {
    if (f.required && !v.contains(f.name)) {
      error(r, p, "missing required field \"" + f.name + "\" in " + s.title);
    }
  }
}

void validate_tagged(const nlohmann::json& v, const Shape& s, const std::string& p, ValidationReport& r) {
  std::vector<std::string> tags;
  for (const Shape* alt : s.alternatives) tags.push_back(alt->find(s.discriminator)->shape->enum_values.front());
  auto it = v.find(s.discriminator);
  if (it == v.end() || !it->is_string()) {
    error(r, p, "expected \"" + s.discriminator + "\": one of " + quoted_list(tags));
    return;
  }
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (tags[i] == it->get<std::string>()) {
      validate_shape(v, *s.alternatives[i], p, r);
      return;
    }
  }
  std::string msg = "unknown " + s.discriminator + " \"" + it->get<std::string>() + "\": expected " + quoted_list(tags);
  if (auto near = closest_name(it->get<std::string>(), tags)) msg += " (did you mean \"" + *near + "\"?)";
  error(r, append_pointer(p, s.discriminator), msg);
}

}  // namespace

void validate_shape(const nlohmann::json& v, const Shape& s, const std::string& p, ValidationReport& r) {
  // One message for a pasted CloudFormation resource or template rather than its unknown members.
  if (auto mistake = cloudformation_mistake(v, s, p)) {
    r.errors.push_back(*mistake);
    return;
  }
  if (s.kind == ShapeKind::kOneOf) {
    for (const Shape* alt : s.alternatives) {
      if (matches_type(v, alt->kind)) {
        validate_shape(v, *alt, p, r);
        return;
      }
    }
    error(r, p, "expected " + s.title + ", got " + json_type_name(v));
    return;
  }
  if (!matches_type(v, s.kind)) {
    error(r, p, "expected " + s.title + ", got " + json_type_name(v));
    return;
  }
  switch (s.kind) {
    case ShapeKind::kString:
      if (!s.enum_values.empty()) {
        const std::string& text = v.get_ref<const std::string&>();
        bool known = false;
        for (const std::string& e : s.enum_values) known = known || e == text;
        if (!known) {
          std::string msg = "unknown value \"" + text + "\": expected " + quoted_list(s.enum_values);
          if (auto near = closest_name(text, s.enum_values)) msg += " (did you mean \"" + *near + "\"?)";
          error(r, p, msg);
        }
      }
      break;
    case ShapeKind::kInteger:
    case ShapeKind::kNumber:
      validate_number(v, s, p, r);
      break;
    case ShapeKind::kDuration: {
      Duration d;
      std::string why;
      if (v.is_number()) {
        double x = v.get<double>();
        if (!(x >= 0) || x > 10.0 * 365 * 86400) error(r, p, "expected a duration from 0 to 10 years, got " + v.dump());
      } else if (!parse_duration(v.get_ref<const std::string&>(), d, why)) {
        error(r, p, why + ", got " + v.dump());
      }
      break;
    }
    case ShapeKind::kObject:
      validate_object(v, s, p, r);
      break;
    case ShapeKind::kTagged:
      validate_tagged(v, s, p, r);
      break;
    case ShapeKind::kMap:
      for (auto it = v.begin(); it != v.end(); ++it)
        validate_shape(it.value(), *s.items, append_pointer(p, it.key()), r);
      break;
    case ShapeKind::kArray:
      if (v.size() > s.max_items) {
        error(r, p, "expected at most " + std::to_string(s.max_items) + " items, got " + std::to_string(v.size()));
        break;
      }
      for (std::size_t i = 0; i < v.size(); ++i) {
        // An element that is a CloudFormation resource: the message names the describe-* output the list takes.
        const std::string item = append_pointer(p, i);
        if (auto mistake = cloudformation_mistake(v[i], *s.items, item, s.aws_output ? &*s.aws_output : nullptr)) {
          r.errors.push_back(*mistake);
          continue;
        }
        validate_shape(v[i], *s.items, item, r);
      }
      break;
    default:
      break;
  }
}

void require_shape(const nlohmann::json& value, const Shape& shape, const std::string& pointer) {
  ValidationReport report;
  validate_shape(value, shape, pointer, report);
  if (!report.errors.empty()) throw ScenarioError(report.errors.front().pointer, report.errors.front().message);
}

}  // namespace fleetsim
