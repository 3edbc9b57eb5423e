#include "models/sqs/sqs_section.hpp"

#include <charconv>

#include "models/api/message_queue.hpp"
#include "models/api/metric_source.hpp"
#include "models/registry.hpp"
#include "models/sqs/queue.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

/// The queues of a run.
class SqsModel : public Model {
 public:
  void write_summary(nlohmann::ordered_json& summary) const override {
    if (queues.empty()) return;
    nlohmann::ordered_json& out = summary["queues"];
    for (const auto& q : queues) out[q->name()] = q->summary();
  }
  std::vector<std::unique_ptr<Queue>> queues;
};

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

void build_sqs(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<SqsModel>());
  auto section = scenario.find("queues");
  if (section == scenario.end()) return;
  for (std::size_t i = 0; i < section->size(); ++i) {
    const nlohmann::json& q = (*section)[i];
    std::string p = append_pointer("/queues", i);
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
    model.queues.push_back(std::make_unique<Queue>(world.ctx, config));
    Queue& queue = *model.queues.back();
    if (!world.provide<MessageQueue>(config.name, &queue))
      throw ScenarioError(append_pointer(p, "QueueName"), "queue \"" + config.name + "\" is defined twice");
    std::string dims = make_dimensions({{"QueueName", config.name}});
    world.provide<const MetricSource>(metric_source_key("AWS/SQS", "ApproximateNumberOfMessagesVisible", dims),
                                      &queue.visible_source());
    world.provide<const MetricSource>(metric_source_key("AWS/SQS", "ApproximateAgeOfOldestMessage", dims),
                                      &queue.age_source());
  }
}

}  // namespace

void register_sqs(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  // AWS takes attribute values as strings; a number is accepted too.
  Shape& seconds = s.make(ShapeKind::kOneOf, "a number of seconds, as a number or a string such as \"30\"");
  seconds.alternatives = {s.integer(0, 1e9), s.string()};
  Shape& attributes = s.object("queue attributes",
                               "sqs CreateQueue Attributes (values are strings in AWS's API; numbers are accepted).");
  attributes
      .field("VisibilityTimeout", &seconds,
             "seconds a received message stays hidden before it becomes visible again (0-43200, default 30)")
      .field("ReceiveMessageWaitTimeSeconds", &seconds,
             "long polling wait (0-20). Workers always get a message as soon as one is visible, so this changes "
             "nothing simulated")
      .field("DelaySeconds", &seconds, "must be 0: delay queues are not simulated yet")
      .field("FifoQueue", s.any(), "not simulated yet: refused")
      .field("RedrivePolicy", s.any(), "dead-letter queues: not simulated yet, refused")
      .ignored({"MessageRetentionPeriod", "MaximumMessageSize", "Policy", "KmsMasterKeyId",
                "KmsDataKeyReusePeriodSeconds", "SqsManagedSseEnabled", "ContentBasedDeduplication",
                "DeduplicationScope", "FifoThroughputLimit", "RedriveAllowPolicy"});
  Shape& queue = s.object("a queue", "sqs CreateQueue: a standard queue.");
  queue.required("QueueName", s.string(), "queue name (workload targets and workers' x-fleetsim.queue use it)")
      .field("Attributes", &attributes, "queue attributes")
      .ignored({"tags", "QueueUrl"});
  r.add_section("queues", s.array_of(&queue, 10000), "SQS queues");
  r.add_model({"sqs", 60, &build_sqs});
}

}  // namespace fleetsim
