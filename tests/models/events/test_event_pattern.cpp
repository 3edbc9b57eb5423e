// EventBridge event patterns against the examples of EventBridge's user guide ("Event patterns",
// "Content filtering in Amazon EventBridge event patterns"), and the patterns PutRule refuses.

#include <catch2/catch.hpp>

#include "models/events/event_pattern.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

bool match(const char* pattern, const nlohmann::json& event) {
  return EventPattern::read(nlohmann::json::parse(pattern), "/p").matches(event);
}

// The guide's sample event (an EC2 instance state change).
const nlohmann::json kEc2Event = nlohmann::json::parse(R"({
  "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
  "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2", "account": "111122223333",
  "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
  "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
  "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated",
             "c-count": 5, "d-count": 7, "x-limit": 301.8, "source-ip": "10.0.0.123"}})");

TEST_CASE("EventBridge's documented patterns match as documented", "[events][pattern]") {
  struct Row {
    const char* pattern;
    bool matches;
  };
  const Row rows[] = {
      // Event patterns: every field must match; values in a list are alternatives.
      {R"({"source": ["aws.ec2"], "detail-type": ["EC2 Instance State-change Notification"],
           "detail": {"state": ["terminated"]}})",
       true},
      {R"({"source": ["aws.ec2"], "detail": {"state": ["running", "stopped"]}})", false},
      {R"({"source": ["aws.ec2", "aws.fargate"], "detail": {"state": ["pending", "terminated"]}})", true},
      {R"({"source": ["aws.s3"]})", false},
      {R"({"detail": {"instance-id": ["i-0"], "state": ["terminated"]}})", false},  // and: both must match
      // A field of the event that is an array matches when any element matches.
      {R"({"resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0", "x"]})", true},
      // Content filtering: prefix, suffix, equals-ignore-case and their ignore-case forms.
      {R"({"time": [{"prefix": "2017-12-22"}]})", true},
      {R"({"time": [{"prefix": "2017-10-02"}]})", false},
      {R"({"detail": {"instance-id": [{"prefix": {"equals-ignore-case": "I-1234"}}]}})", true},
      {R"({"detail": {"instance-id": [{"suffix": "cdef0"}]}})", true},
      {R"({"detail": {"instance-id": [{"suffix": {"equals-ignore-case": "CDEF0"}}]}})", true},
      {R"({"detail": {"state": [{"equals-ignore-case": "TERMINATED"}]}})", true},
      // anything-but: a value, a list, a prefix, a suffix, ignore case.
      {R"({"detail": {"state": [{"anything-but": "initializing"}]}})", true},
      {R"({"detail": {"state": [{"anything-but": ["stopped", "terminated"]}]}})", false},
      {R"({"detail": {"c-count": [{"anything-but": 123}]}})", true},
      {R"({"detail": {"c-count": [{"anything-but": [5, 6]}]}})", false},
      {R"({"detail": {"state": [{"anything-but": {"prefix": "init"}}]}})", true},
      {R"({"detail": {"state": [{"anything-but": {"prefix": "term"}}]}})", false},
      {R"({"detail": {"state": [{"anything-but": {"suffix": "ated"}}]}})", false},
      {R"({"detail": {"state": [{"anything-but": {"equals-ignore-case": ["Stopped", "TERMINATED"]}}]}})", false},
      // numeric ranges (the guide's c-count, d-count and x-limit example).
      {R"({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}], "d-count": [{"numeric": ["<", 10]}],
                      "x-limit": [{"numeric": ["=", 3.018e2]}]}})",
       true},
      {R"({"detail": {"c-count": [{"numeric": [">", 5]}]}})", false},
      {R"({"detail": {"state": [{"numeric": [">", 0]}]}})", false},  // a string is not a number
      // exists, including for a field inside an absent object.
      {R"({"detail": {"state": [{"exists": true}]}})", true},
      {R"({"detail": {"reason": [{"exists": false}]}})", true},
      {R"({"detail": {"state": [{"exists": false}]}})", false},
      {R"({"absent": {"inner": [{"exists": false}]}})", true},
      {R"({"detail": {"reason": [{"anything-but": "x"}]}})", false},  // anything-but needs the field
      // Exact numbers compare as numbers; a list mixes exact values and filters.
      {R"({"detail": {"c-count": [5.0]}})", true},
      {R"({"detail": {"state": ["running", {"prefix": "term"}]}})", true},
  };
  for (const Row& row : rows) {
    INFO(row.pattern);
    CHECK(match(row.pattern, kEc2Event) == row.matches);
  }
  // The pattern may be given as PutRule takes it: a JSON string.
  CHECK(EventPattern::read(R"({"source": ["aws.ec2"]})", "/p").matches(kEc2Event));
}

TEST_CASE("event patterns EventBridge refuses, and where", "[events][pattern]") {
  Diagnostic e = error_of([] { match(R"({"detail": {"state": [{"sorta": "x"}]}})", kEc2Event); });
  CHECK(e.pointer == "/p/detail/state/0/sorta");
  CHECK(e.message.starts_with("unknown event pattern operator \"sorta\""));
  e = error_of([] { match(R"({"source": "aws.ec2"})", kEc2Event); });
  CHECK(e.pointer == "/p/source");
  e = error_of([] { match(R"({"n": [{"numeric": [">", "x"]}]})", kEc2Event); });
  CHECK(e.pointer == "/p/n/0/numeric/1");
  e = error_of([] { match(R"({"n": [{"numeric": ["~", 1]}]})", kEc2Event); });
  CHECK(e.pointer == "/p/n/0/numeric/0");
  e = error_of([] { EventPattern::read("{not json", "/p"); });
  CHECK(e.pointer == "/p");
  e = error_of([] { match(R"({"n": [{"exists": "yes"}]})", kEc2Event); });
  CHECK(e.pointer == "/p/n/0/exists");
}

}  // namespace
}  // namespace fleetsim
