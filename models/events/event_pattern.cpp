#include "models/events/event_pattern.hpp"

#include <algorithm>
#include <cctype>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/embedded_json.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// `prefix` and `suffix` take a string or {"equals-ignore-case": string}.
void check_affix(const nlohmann::json& v, const std::string& p) {
  bool ignore_case =
      v.is_object() && v.size() == 1 && v.contains("equals-ignore-case") && v["equals-ignore-case"].is_string();
  if (!v.is_string() && !ignore_case) throw ScenarioError(p, "expected a string or {\"equals-ignore-case\": string}");
}

void check_numeric(const nlohmann::json& v, const std::string& p) {
  if (!v.is_array() || v.empty() || v.size() % 2 != 0 || v.size() > 4)
    throw ScenarioError(p, "expected [operator, number] or [operator, number, operator, number]");
  for (std::size_t i = 0; i < v.size(); i += 2) {
    const nlohmann::json& op = v[i];
    if (!op.is_string() || (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">="))
      throw ScenarioError(append_pointer(p, i), "expected one of \"=\", \"<\", \"<=\", \">\", \">=\"");
    if (!v[i + 1].is_number()) throw ScenarioError(append_pointer(p, i + 1), "expected a number");
  }
}

void check_anything_but(const nlohmann::json& v, const std::string& p) {
  if (v.is_string() || v.is_number()) return;
  if (v.is_array()) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string() && !v[i].is_number())
        throw ScenarioError(append_pointer(p, i), "expected a string or a number");
    }
    return;
  }
  if (v.is_object() && v.size() == 1) {
    const std::string key = v.begin().key();
    if (key == "prefix" || key == "suffix") {
      if (!v[key].is_string()) throw ScenarioError(append_pointer(p, key), "expected a string");
      return;
    }
    const nlohmann::json& ic = v[key];
    if (key == "equals-ignore-case" &&
        (ic.is_string() ||
         (ic.is_array() && std::all_of(ic.begin(), ic.end(), [](const auto& e) { return e.is_string(); }))))
      return;
  }
  throw ScenarioError(p,
                      "expected a value, a list of values, or {\"prefix\" | \"suffix\" | \"equals-ignore-case\": ...}");
}

// One element of a leaf list: an exact value or a one-key filter.
void check_matcher(const nlohmann::json& m, const std::string& p) {
  if (!m.is_object()) return;
  if (m.size() != 1) throw ScenarioError(p, "a filter has exactly one operator");
  const std::string op = m.begin().key();
  const nlohmann::json& v = m.begin().value();
  std::string vp = append_pointer(p, op);
  if (op == "prefix" || op == "suffix") {
    check_affix(v, vp);
  } else if (op == "anything-but") {
    check_anything_but(v, vp);
  } else if (op == "numeric") {
    check_numeric(v, vp);
  } else if (op == "exists") {
    if (!v.is_boolean()) throw ScenarioError(vp, "expected true or false");
  } else if (op == "equals-ignore-case") {
    if (!v.is_string()) throw ScenarioError(vp, "expected a string");
  } else if (op == "wildcard" || op == "cidr") {
    throw ScenarioError(vp, "the \"" + op + "\" filter is not simulated by this version yet");
  } else {
    throw ScenarioError(append_pointer(p, op), "unknown event pattern operator \"" + op +
                                                   "\" (prefix, suffix, anything-but, numeric, exists, "
                                                   "equals-ignore-case)");
  }
}

void check_pattern(const nlohmann::json& pattern, const std::string& p) {
  if (!pattern.is_object()) throw ScenarioError(p, "expected an object of fields");
  for (auto it = pattern.begin(); it != pattern.end(); ++it) {
    std::string fp = append_pointer(p, it.key());
    if (it->is_object()) {
      check_pattern(*it, fp);
    } else if (it->is_array()) {
      if (it->empty()) throw ScenarioError(fp, "expected at least one value");
      for (std::size_t i = 0; i < it->size(); ++i) check_matcher((*it)[i], append_pointer(fp, i));
    } else {
      throw ScenarioError(fp, "expected an array of values or an object (EventBridge patterns list their values)");
    }
  }
}

bool equal_values(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

bool affix_matches(const nlohmann::json& want, const nlohmann::json& value, bool prefix) {
  if (!value.is_string()) return false;
  bool ignore_case = want.is_object();
  std::string w = ignore_case ? lower(want["equals-ignore-case"].get<std::string>()) : want.get<std::string>();
  std::string s = ignore_case ? lower(value.get<std::string>()) : value.get<std::string>();
  return prefix ? s.starts_with(w) : s.ends_with(w);
}

bool numeric_matches(const nlohmann::json& ranges, const nlohmann::json& value) {
  if (!value.is_number()) return false;
  double x = value.get<double>();
  for (std::size_t i = 0; i < ranges.size(); i += 2) {
    const std::string op = ranges[i].get<std::string>();
    double bound = ranges[i + 1].get<double>();
    bool ok = op == "="    ? x == bound
              : op == "<"  ? x < bound
              : op == "<=" ? x <= bound
              : op == ">"  ? x > bound
                           : x >= bound;
    if (!ok) return false;
  }
  return true;
}

bool anything_but_matches(const nlohmann::json& but, const nlohmann::json& value) {
  if (but.is_object()) {
    const std::string key = but.begin().key();
    if (key == "prefix") return value.is_string() && !value.get<std::string>().starts_with(but[key].get<std::string>());
    if (key == "suffix") return value.is_string() && !value.get<std::string>().ends_with(but[key].get<std::string>());
    // equals-ignore-case: a string or a list of strings.
    if (!value.is_string()) return true;
    const nlohmann::json list = but[key].is_array() ? but[key] : nlohmann::json::array({but[key]});
    return std::none_of(list.begin(), list.end(), [&](const nlohmann::json& s) {
      return lower(s.get<std::string>()) == lower(value.get<std::string>());
    });
  }
  const nlohmann::json list = but.is_array() ? but : nlohmann::json::array({but});
  return std::none_of(list.begin(), list.end(), [&](const nlohmann::json& s) { return equal_values(s, value); });
}

// One matcher against one (non-array) value of the event.
bool matcher_matches(const nlohmann::json& m, const nlohmann::json& value) {
  if (!m.is_object()) return equal_values(m, value);
  const std::string op = m.begin().key();
  const nlohmann::json& v = m.begin().value();
  if (op == "prefix") return affix_matches(v, value, true);
  if (op == "suffix") return affix_matches(v, value, false);
  if (op == "anything-but") return anything_but_matches(v, value);
  if (op == "numeric") return numeric_matches(v, value);
  if (op == "equals-ignore-case")
    return value.is_string() && lower(value.get<std::string>()) == lower(v.get<std::string>());
  return v.get<bool>();  // exists: the field is there
}

bool leaf_matches(const nlohmann::json& matchers, const nlohmann::json* value) {
  for (const nlohmann::json& m : matchers) {
    bool exists_filter = m.is_object() && m.begin().key() == "exists";
    if (value == nullptr) {
      if (exists_filter && !m.begin().value().get<bool>()) return true;
      continue;
    }
    if (exists_filter) {
      if (m.begin().value().get<bool>()) return true;
      continue;
    }
    // An array in the event matches when any of its elements does.
    if (value->is_array()) {
      if (std::any_of(value->begin(), value->end(), [&](const nlohmann::json& e) { return matcher_matches(m, e); }))
        return true;
    } else if (matcher_matches(m, *value)) {
      return true;
    }
  }
  return false;
}

bool object_matches(const nlohmann::json& pattern, const nlohmann::json* event) {
  for (auto it = pattern.begin(); it != pattern.end(); ++it) {
    const nlohmann::json* field = nullptr;
    if (event != nullptr && event->is_object()) {
      auto f = event->find(it.key());
      if (f != event->end()) field = &*f;
    }
    bool ok = it->is_object() ? object_matches(*it, field) : leaf_matches(*it, field);
    if (!ok) return false;
  }
  return true;
}

}  // namespace

EventPattern EventPattern::read(const nlohmann::json& value, const std::string& pointer) {
  nlohmann::json pattern = read_embedded_json(value, pointer);
  check_pattern(pattern, pointer);
  if (pattern.empty()) throw ScenarioError(pointer, "an event pattern needs at least one field");
  return EventPattern(std::move(pattern));
}

bool EventPattern::matches(const nlohmann::json& event) const { return object_matches(pattern_, &event); }

}  // namespace fleetsim
