// The queues section reader without a World: good input gives the QueueConfig, bad input the pointer and message.

#include <catch2/catch.hpp>

#include "models/sqs/sqs_reader.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

// The diagnostic reading `q` throws.
Diagnostic error_reading(const nlohmann::json& q) {
  return error_of([&] { read_queue(q, "/queues/1"); });
}

TEST_CASE("a queue's name and visibility timeout, as strings or numbers", "[sqs][reader]") {
  QueueConfig c = read_queue({{"QueueName", "jobs"}}, "/queues/0");
  CHECK(c.name == "jobs");
  CHECK(c.visibility_timeout == Duration::seconds(30));  // the SQS default
  c = read_queue({{"QueueName", "jobs"}, {"Attributes", {{"VisibilityTimeout", "120"}}}}, "/queues/0");
  CHECK(c.visibility_timeout == Duration::seconds(120));
  c = read_queue({{"QueueName", "jobs"}, {"Attributes", {{"VisibilityTimeout", 0}, {"DelaySeconds", "0"}}}},
                 "/queues/0");
  CHECK(c.visibility_timeout == Duration::seconds(0));
}

TEST_CASE("what the queue reader refuses, and where", "[sqs][reader]") {
  Diagnostic e = error_reading({{"QueueName", "jobs"}, {"Attributes", {{"VisibilityTimeout", "43201"}}}});
  CHECK(e.pointer == "/queues/1/Attributes/VisibilityTimeout");
  CHECK(e.message == "VisibilityTimeout must be from 0 to 43200, got 43201");
  e = error_reading({{"QueueName", "jobs"}, {"Attributes", {{"ReceiveMessageWaitTimeSeconds", "2s"}}}});
  CHECK(e.pointer == "/queues/1/Attributes/ReceiveMessageWaitTimeSeconds");
  CHECK(e.message == "expected a whole number of seconds, got \"2s\"");
  e = error_reading({{"QueueName", "jobs"}, {"Attributes", {{"DelaySeconds", 5}}}});
  CHECK(e.pointer == "/queues/1/Attributes/DelaySeconds");
  CHECK(e.message == "delay queues are not simulated by this version yet (use 0)");
  e = error_reading({{"QueueName", "jobs.fifo"}});
  CHECK(e.pointer == "/queues/1/QueueName");
  e = error_reading({{"QueueName", "jobs"}, {"Attributes", {{"RedrivePolicy", "{}"}}}});
  CHECK(e.pointer == "/queues/1/Attributes/RedrivePolicy");
  CHECK(e.message == "RedrivePolicy is not simulated by this version yet");
}

}  // namespace
}  // namespace fleetsim
