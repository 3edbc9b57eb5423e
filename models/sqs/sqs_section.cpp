#include "models/sqs/sqs_section.hpp"

#include "models/api/message_queue.hpp"
#include "models/api/metric_source.hpp"
#include "models/registry.hpp"
#include "models/sqs/queue.hpp"
#include "models/sqs/sqs_reader.hpp"
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

void build_sqs(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<SqsModel>());
  auto section = scenario.find("queues");
  if (section == scenario.end()) return;
  for (std::size_t i = 0; i < section->size(); ++i) {
    const nlohmann::json& q = (*section)[i];
    std::string p = append_pointer("/queues", i);
    QueueConfig config = read_queue(q, p);
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
                "DeduplicationScope", "FifoThroughputLimit", "RedriveAllowPolicy",
                // Read-only: what get-queue-attributes also prints (API GetQueueAttributes), so that its output,
                // {"Attributes": {...}}, with a "QueueName" added is a queue.
                "QueueArn", "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed", "CreatedTimestamp", "LastModifiedTimestamp"});
  Shape& queue = s.object("a queue", "sqs CreateQueue: a standard queue.");
  queue.required("QueueName", s.string(), "queue name (workload targets and workers' x-fleetsim.queue use it)")
      .field("Attributes", &attributes, "queue attributes")
      .ignored({"tags", "QueueUrl"});
  r.add_section("queues", s.array_of(&queue, 10000), "SQS queues");
  r.add_model({"sqs", 60, &build_sqs});
}

}  // namespace fleetsim
