#pragma once
/// Typed, located reading of one object's JSON: each value knows its pointer inside the object, and a value of
/// the wrong type is an error in encoding/json's words, located by the object's origin.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "models/kubernetes/api/core_types.hpp"
#include "models/kubernetes/api/object_origin.hpp"

namespace fleetsim::kube {

/// The object being read: where it came from and how errors name it ("Deployment shop/web").
struct ObjectContext {
  const ObjectOrigin* origin = nullptr;
  std::string object;
};

/// A value inside an object (possibly absent), with its pointer.
class Field {
 public:
  /// The object's root.
  Field(const ObjectContext& context, const nlohmann::json& root);

  /// The member `key` (absent when this is not an object or has no such member, or it is null).
  Field operator[](std::string_view key) const;
  /// The element `index` of an array.
  Field operator[](std::size_t index) const;
  /// True when the value is given (and not null).
  bool present() const { return value_ != nullptr; }
  /// The value; only when present().
  const nlohmann::json& json() const { return *value_; }
  /// Pointer inside the object ("/spec/replicas").
  const std::string& pointer() const { return pointer_; }
  /// The API server's name for this field ("spec.template.spec.containers[0].resources.requests[cpu]").
  std::string api_path() const;
  /// The context, for errors raised elsewhere.
  const ObjectContext& context() const { return *context_; }

  /// Throws the located error `message` at this value.
  [[noreturn]] void fail(const std::string& message) const;

  /// A string, or `fallback` when absent.
  std::string string(std::string_view fallback = {}) const;
  /// An int32, or `fallback` when absent.
  int int32(int fallback = 0) const;
  /// An int32 of at least `minimum` (`fallback` when absent), else the API server's "must be greater than or
  /// equal to" error.
  int int32_at_least(int minimum, int fallback = 0) const;
  /// An int64, or `fallback` when absent.
  std::int64_t int64(std::int64_t fallback = 0) const;
  /// A bool, or `fallback` when absent.
  bool boolean(bool fallback = false) const;
  /// The number of elements of an array (0 when absent); fails on any other type.
  std::size_t size() const;
  /// The members of an object (empty when absent); fails on any other type.
  std::vector<std::string> keys() const;
  /// A map of strings (labels, annotations, nodeSelector), empty when absent.
  Labels string_map() const;
  /// A list of strings, empty when absent.
  std::vector<std::string> strings() const;
  /// Fails unless this is an object (or absent).
  void require_object() const;

 private:
  Field(const ObjectContext* context, const nlohmann::json* value, std::string pointer);
  [[noreturn]] void type_error(const char* go_type) const;

  const ObjectContext* context_;
  const nlohmann::json* value_;
  std::string pointer_;
};

}  // namespace fleetsim::kube
