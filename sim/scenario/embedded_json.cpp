#include "sim/scenario/embedded_json.hpp"

#include "sim/scenario/diagnostics.hpp"

namespace fleetsim {

nlohmann::json read_embedded_json(const nlohmann::json& value, const std::string& pointer) {
  if (!value.is_string()) return value;
  nlohmann::json doc = nlohmann::json::parse(value.get<std::string>(), nullptr, false);
  if (doc.is_discarded()) throw ScenarioError(pointer, "expected a JSON document in this string");
  return doc;
}

}  // namespace fleetsim
