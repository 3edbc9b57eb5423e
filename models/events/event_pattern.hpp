#pragma once
/// EventBridge event patterns: the pure reader and matcher, no World. Matching follows EventBridge's "Event
/// patterns" and "Content filtering" pages: every field of the pattern must match, the values listed for a field
/// are alternatives, and a field of the event that is an array matches when any of its elements does.

#include <nlohmann/json.hpp>
#include <string>

namespace fleetsim {

/// A checked event pattern.
class EventPattern {
 public:
  /// Reads the pattern at `pointer`: a JSON string (as PutRule takes it) or the object itself. Leaves are arrays
  /// of exact values or one-key filters (`prefix`, `suffix`, `anything-but`, `numeric`, `exists`,
  /// `equals-ignore-case`); anything else is a ScenarioError at its own pointer.
  static EventPattern read(const nlohmann::json& value, const std::string& pointer);
  /// True when `event` matches.
  bool matches(const nlohmann::json& event) const;

 private:
  explicit EventPattern(nlohmann::json pattern) : pattern_(std::move(pattern)) {}
  nlohmann::json pattern_;
};

}  // namespace fleetsim
