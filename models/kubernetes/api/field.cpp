#include "models/kubernetes/api/field.hpp"

#include <algorithm>
#include <limits>
#include <utility>

namespace fleetsim::kube {

Field::Field(const ObjectContext& context, const nlohmann::json& root) : context_(&context), value_(&root) {}

Field::Field(const ObjectContext* context, const nlohmann::json* value, std::string pointer)
    : context_(context), value_(value), pointer_(std::move(pointer)) {}

Field Field::operator[](std::string_view key) const {
  std::string p = append_pointer(pointer_, key);
  if (value_ == nullptr || !value_->is_object()) return Field(context_, nullptr, std::move(p));
  const auto it = value_->find(key);
  const nlohmann::json* child = it == value_->end() || it->is_null() ? nullptr : &*it;
  return Field(context_, child, std::move(p));
}

Field Field::operator[](std::size_t index) const {
  std::string p = append_pointer(pointer_, index);
  if (value_ == nullptr || !value_->is_array() || index >= value_->size())
    return Field(context_, nullptr, std::move(p));
  const nlohmann::json* child = &(*value_)[index];
  return Field(context_, child->is_null() ? nullptr : child, std::move(p));
}

void Field::fail(const std::string& message) const {
  fail_in_object(*context_->origin, context_->object, pointer_, message);
}

void Field::type_error(const char* go_type) const {
  // encoding/json's UnmarshalTypeError, which the API server returns for a value of the wrong type.
  std::string got;
  switch (value_->type()) {
    case nlohmann::json::value_t::string:
      got = "string";
      break;
    case nlohmann::json::value_t::boolean:
      got = "bool";
      break;
    case nlohmann::json::value_t::array:
      got = "array";
      break;
    case nlohmann::json::value_t::object:
      got = "object";
      break;
    default:
      got = "number " + value_->dump();
  }
  fail("json: cannot unmarshal " + got + " into Go value of type " + go_type);
}

std::string Field::string(std::string_view fallback) const {
  if (!present()) return std::string(fallback);
  if (!value_->is_string()) type_error("string");
  return value_->get<std::string>();
}

std::int64_t Field::int64(std::int64_t fallback) const {
  if (!present()) return fallback;
  if (value_->is_number_integer()) {
    if (value_->is_number_unsigned() && value_->get<std::uint64_t>() > std::numeric_limits<std::int64_t>::max()) {
      type_error("int64");
    }
    return value_->get<std::int64_t>();
  }
  type_error("int64");
}

int Field::int32(int fallback) const {
  if (!present()) return fallback;
  if (!value_->is_number_integer()) type_error("int32");
  const std::int64_t v = int64();
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) type_error("int32");
  return static_cast<int>(v);
}

int Field::int32_at_least(int minimum, int fallback) const {
  const int v = int32(fallback);
  if (v < minimum) {
    fail(api_path() + ": Invalid value: " + std::to_string(v) + ": must be greater than or equal to " +
         std::to_string(minimum));
  }
  return v;
}

bool Field::boolean(bool fallback) const {
  if (!present()) return fallback;
  if (!value_->is_boolean()) type_error("bool");
  return value_->get<bool>();
}

std::size_t Field::size() const {
  if (!present()) return 0;
  if (!value_->is_array()) type_error("[]interface {}");
  return value_->size();
}

void Field::require_object() const {
  if (present() && !value_->is_object()) type_error("map[string]interface {}");
}

std::vector<std::string> Field::keys() const {
  require_object();
  std::vector<std::string> out;
  if (present()) {
    for (const auto& [k, v] : value_->items()) out.push_back(k);
  }
  return out;
}

Labels Field::string_map() const {
  Labels out;
  for (const std::string& k : keys()) out[k] = (*this)[k].string();
  return out;
}

std::vector<std::string> Field::strings() const {
  std::vector<std::string> out;
  for (std::size_t i = 0, n = size(); i < n; ++i) {
    const Field v = (*this)[i];
    out.push_back(v.string());
  }
  return out;
}

std::string Field::api_path() const {
  // "/spec/template/spec/containers/0/resources/requests/cpu" ->
  // "spec.template.spec.containers[0].resources.requests[cpu]"
  std::string out;
  std::string previous;
  std::size_t k = 0;
  while (k < pointer_.size()) {
    const std::size_t end = std::min(pointer_.find('/', k + 1), pointer_.size());
    std::string token = pointer_.substr(k + 1, end - k - 1);
    for (std::size_t at = token.find("~1"); at != std::string::npos; at = token.find("~1", at + 1))
      token.replace(at, 2, "/");
    for (std::size_t at = token.find("~0"); at != std::string::npos; at = token.find("~0", at + 1))
      token.replace(at, 2, "~");
    const bool index = !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
    const bool map_key = previous == "requests" || previous == "limits" || previous == "labels" ||
                         previous == "annotations" || previous == "nodeSelector" || previous == "matchLabels";
    if (index || map_key) {
      out += "[" + token + "]";
    } else {
      out += (out.empty() ? "" : ".") + token;
    }
    previous = token;
    k = end;
  }
  return out;
}

}  // namespace fleetsim::kube
