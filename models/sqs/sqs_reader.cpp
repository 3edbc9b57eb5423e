#include "models/sqs/sqs_reader.hpp"

#include <charconv>
#include <cstdint>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

// CreateQueue takes attribute values as strings ("30"); fleetsim also takes numbers. Returns `fallback`
// when the attribute is absent.
std::int64_t integer_attribute(const nlohmann::json& attributes, const char* name, std::int64_t lo, std::int64_t hi,
                               std::int64_t fallback, const std::string& p) {
  auto it = attributes.find(name);
  if (it == attributes.end()) return fallback;
  std::string ap = append_pointer(p, name);
  std::int64_t v = 0;
  if (it->is_number_integer()) {
    v = it->get<std::int64_t>();
  } else {
    std::string text = it->is_string() ? it->get<std::string>() : it->dump();
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
      throw ScenarioError(ap, "expected a whole number of seconds, got \"" + text + "\"");
  }
  if (v < lo || v > hi) {
    throw ScenarioError(ap, std::string(name) + " must be from " + std::to_string(lo) + " to " + std::to_string(hi) +
                                ", got " + std::to_string(v));
  }
  return v;
}

}  // namespace

QueueConfig read_queue(const nlohmann::json& q, const std::string& p) {
  QueueConfig config;
  config.name = q["QueueName"].get<std::string>();
  const nlohmann::json attributes = q.value("Attributes", nlohmann::json::object());
  std::string ap = append_pointer(p, "Attributes");
  if (config.name.size() > 5 && config.name.substr(config.name.size() - 5) == ".fifo") {
    throw ScenarioError(append_pointer(p, "QueueName"), "FIFO queues are not simulated by this version yet");
  }
  for (const char* unsupported : {"FifoQueue", "RedrivePolicy"}) {
    if (attributes.contains(unsupported))
      throw ScenarioError(append_pointer(ap, unsupported),
                          std::string(unsupported) + " is not simulated by this version yet");
  }
  // Limits as CreateQueue enforces them: VisibilityTimeout 0 s to 12 h, ReceiveMessageWaitTimeSeconds 0-20.
  config.visibility_timeout = Duration::seconds(integer_attribute(attributes, "VisibilityTimeout", 0, 43200, 30, ap));
  integer_attribute(attributes, "ReceiveMessageWaitTimeSeconds", 0, 20, 0, ap);
  if (integer_attribute(attributes, "DelaySeconds", 0, 900, 0, ap) != 0) {
    throw ScenarioError(append_pointer(ap, "DelaySeconds"),
                        "delay queues are not simulated by this version yet (use 0)");
  }
  return config;
}

}  // namespace fleetsim
