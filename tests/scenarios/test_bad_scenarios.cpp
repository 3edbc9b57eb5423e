/// The bad-input table: scenarios fleetsim must refuse with exit code 2, a located message, no output and no crash.

#include <catch2/catch.hpp>
#include <optional>
#include <sstream>

#include "tests/scenarios/scenario_harness.hpp"

using namespace fleetsim::scenario_test;
using nlohmann::json;

namespace {

/// How a row's first stderr line must begin.
enum class Where {
  kPointer,      ///< FILE:LINE:COL: /json/pointer: message
  kSyntax,       ///< FILE:LINE:COL: message (no pointer: the text is not JSON, or not UTF-8)
  kFile,         ///< FILE: message (the file as a whole)
  kCommandLine,  ///< FILE: --set ...: message (the file is fine; an override is not)
};

struct BadScenario {
  BadScenario(std::string name_, std::string text_, Where where_, std::string pointer_, std::string at_,
              std::vector<std::string> says_, std::vector<std::string> run_args_ = {}, int validate_exit_ = 2,
              std::vector<std::string> never_says_ = {})
      : name(std::move(name_)),
        text(std::move(text_)),
        where(where_),
        pointer(std::move(pointer_)),
        at(std::move(at_)),
        says(std::move(says_)),
        run_args(std::move(run_args_)),
        validate_exit(validate_exit_),
        never_says(std::move(never_says_)) {}

  std::string name;
  std::string text;
  Where where;
  std::string pointer;                  ///< kPointer: the exact pointer
  std::string at;                       ///< "LINE:COL" expected exactly, or a marker (see expected_at), or empty
  std::vector<std::string> says;        ///< substrings the message must contain
  std::vector<std::string> run_args;    ///< extra arguments of `run`
  int validate_exit;                    ///< `validate` of the same file (0 when only the command line is bad)
  std::vector<std::string> never_says;  ///< substrings the message must not contain
  double max_seconds = 10;              ///< per process: catches hangs and quadratic paths, even in sanitizer builds
};

// The quickstart, shortened to 10 simulated minutes so that a row that is wrongly accepted fails fast.
const json& base() {
  static const json kDoc = mutated(quickstart_json(), {set_at("/simulation/duration", "10m")});
  return kDoc;
}

std::string from_quickstart(const std::vector<Mutation>& mutations) { return mutated(base(), mutations).dump(2); }

// The quickstart with the service named by raw bytes: how ill-formed UTF-8, which a JSON library would not
// write, gets into a file.
std::string with_raw_service_name(const std::string& bytes) {
  std::string text = from_quickstart({});
  return text.replace(text.find("\"serviceName\": \"web\""), 20, "\"serviceName\": \"" + bytes + "\"");
}

// The queue-worker example, shortened likewise: the base of the SQS rows.
std::string from_sqs(const std::vector<Mutation>& mutations) {
  static const json kDoc = mutated(example_json("sqs-workers"), {set_at("/simulation/duration", "10m")});
  return mutated(kDoc, mutations).dump(2);
}

// The nightly-batch example, shortened likewise: the base of the EventBridge rows.
std::string from_batch(const std::vector<Mutation>& mutations) {
  static const json kDoc = mutated(example_json("nightly-batch-ec2"), {set_at("/simulation/duration", "10m")});
  return mutated(kDoc, mutations).dump(2);
}

// The EC2 capacity-provider example, shortened likewise: the base of the EC2 rows.
std::string from_ec2(const std::vector<Mutation>& mutations) {
  static const json kDoc = mutated(example_json("ec2-capacity-provider"), {set_at("/simulation/duration", "10m")});
  return mutated(kDoc, mutations).dump(2);
}

// A marker is a snippet of the text with one '|' at the expected position: "\"desiredCount\": |\"8\"".
std::string expected_at(const std::string& text, const std::string& at) {
  std::size_t bar = at.find('|');
  if (bar == std::string::npos) return at;
  std::string needle = at.substr(0, bar) + at.substr(bar + 1);
  std::size_t first = text.find(needle);
  REQUIRE(first != std::string::npos);
  REQUIRE(text.find(needle, first + 1) == std::string::npos);  // the marker must be unambiguous
  auto [line, column] = line_column_of(text, needle);
  return std::to_string(line) + ":" + std::to_string(column + static_cast<int>(bar));
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos && s[0] != '0';
}

// Checks `line` against the row's Where and returns the message part.
std::string check_location(const BadScenario& row, const std::string& file, const std::string& line) {
  REQUIRE(line.rfind(file + ":", 0) == 0);
  std::string rest = line.substr(file.size() + 1);
  if (row.where == Where::kFile || row.where == Where::kCommandLine) {
    REQUIRE(rest.rfind(" ", 0) == 0);
    if (row.where == Where::kCommandLine) CHECK(rest.rfind(" --set ", 0) == 0);
    return rest.substr(1);
  }
  // LINE:COL: then the pointer (or, for syntax errors, the message).
  std::size_t c1 = rest.find(':');
  REQUIRE(c1 != std::string::npos);
  std::size_t c2 = rest.find(':', c1 + 1);
  REQUIRE(c2 != std::string::npos);
  std::string line_no = rest.substr(0, c1), column = rest.substr(c1 + 1, c2 - c1 - 1);
  CHECK(all_digits(line_no));
  CHECK(all_digits(column));
  if (!row.at.empty()) CHECK(line_no + ":" + column == expected_at(row.text, row.at));
  REQUIRE(rest.compare(c2, 2, ": ") == 0);
  std::string message = rest.substr(c2 + 2);
  if (row.where == Where::kSyntax) {
    CHECK(message.rfind("/", 0) != 0);
    return message;
  }
  REQUIRE(message.rfind(row.pointer + ": ", 0) == 0);
  return message.substr(row.pointer.size() + 2);
}

constexpr long kMaxPeakKib = 1024L * 1024L;

void check_refused(const BadScenario& row) {
  INFO("row: " << row.name);
  TempDir dir;
  std::filesystem::path file = write_scenario(dir, row.text);
  std::vector<std::string> args{"run", file.string(), "--out", (dir.path() / "out").string(), "--no-progress"};
  args.insert(args.end(), row.run_args.begin(), row.run_args.end());
  ProcessResult run = run_fleetsim(args);
  INFO("run stderr: " << run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.out.empty());
  // No output folder, no staging folder (".out.tmp-PID"), nothing else beside the scenario.
  CHECK(dir.entries() == std::vector<std::string>{"scenario.json"});
  CHECK(run.wall_seconds < row.max_seconds);
  CHECK(run.peak_rss_kib < kMaxPeakKib);
  REQUIRE(!run.err.empty());
  CHECK(run.err.back() == '\n');
  std::string first_line = run.err.substr(0, run.err.find('\n'));
  std::string message = check_location(row, file.string(), first_line);
  for (const std::string& s : row.says) CHECK_THAT(message, Catch::Contains(s));
  for (const std::string& s : row.never_says) CHECK_THAT(message, !Catch::Contains(s));

  ProcessResult validate = run_fleetsim({"validate", file.string()});
  INFO("validate stdout: " << validate.out << "validate stderr: " << validate.err);
  CHECK(validate.exit_code == row.validate_exit);
  CHECK(validate.wall_seconds < row.max_seconds);
  if (row.validate_exit == 2) {
    CHECK(validate.out.empty());
    // The same problem, reported the same way by both commands.
    CHECK(validate.err.substr(0, validate.err.find('\n')) == first_line);
  }
  CHECK(dir.entries() == std::vector<std::string>{"scenario.json"});
}

std::string nested(const std::string& open, const std::string& close, int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += open;
  out += "1";
  for (int i = 0; i < depth; ++i) out += close;
  return out;
}

// The length limit is checked before any item is looked at, so the items stay small (3 MB in all) and
// the row measures the refusal, not the parser's speed on megabytes of text.
std::string many_workloads(std::size_t n) {
  json doc = base();
  json& list = doc["workloads"] = json::array();
  for (std::size_t i = 0; i < n; ++i) list.push_back({{"name", "w" + std::to_string(i)}});
  return doc.dump();
}

std::string huge_empirical(std::size_t n) {
  std::ostringstream values;
  for (std::size_t i = 0; i < n; ++i) values << (i ? "," : "") << (i % 9 + 1);
  std::string text =
      from_quickstart({set_at("/workloads/0/request/cpuMs", {{"dist", "empirical"}, {"values", json::array()}})});
  const std::string empty = "\"values\": []";
  std::size_t at = text.find(empty);
  REQUIRE(at != std::string::npos);
  return text.replace(at, empty.size(), "\"values\": [" + values.str() + "]");
}

const json kForward = {{"Type", "forward"}, {"TargetGroupArn", "web-tg"}};

// A valid PutMetricAlarm on the quickstart service's CPU, with `changes` applied.
json cpu_alarm(const json& changes) {
  json a = {{"AlarmName", "cpu-high"},
            {"Namespace", "AWS/ECS"},
            {"MetricName", "CPUUtilization"},
            {"Dimensions", json::array({{{"Name", "ClusterName"}, {"Value", "default"}},
                                        {{"Name", "ServiceName"}, {"Value", "web"}}})},
            {"Statistic", "Average"},
            {"Period", 60},
            {"EvaluationPeriods", 2},
            {"Threshold", 80},
            {"ComparisonOperator", "GreaterThanThreshold"}};
  a.update(changes);
  return a;
}

// A PutScheduledAction on the quickstart service with `schedule`.
json scheduled(const std::string& schedule) {
  return {{"ScheduledActionName", "morning"},
          {"ServiceNamespace", "ecs"},
          {"ResourceId", "service/default/web"},
          {"ScalableDimension", "ecs:service:DesiredCount"},
          {"Schedule", schedule},
          {"ScalableTargetAction", {{"MinCapacity", 4}}}};
}

std::vector<BadScenario> bad_scenarios() {
  std::vector<BadScenario> rows;
  auto add = [&rows](BadScenario row) { rows.push_back(std::move(row)); };

  // --- Broken JSON: exact line and column, no pointer.
  add({"unterminated string", "{\n  \"name\": \"quick", Where::kSyntax, "", "2:11", {"unterminated string"}});
  add({"trailing comma", "{\n  \"name\": \"x\",\n}\n", Where::kSyntax, "", "3:1", {"trailing commas are not allowed"}});
  add({"duplicate key",
       "{\n  \"name\": \"a\",\n  \"name\": \"b\"\n}\n",
       Where::kSyntax,
       "",
       "3:3",
       {"duplicate key \"name\""}});
  add({"block comment never closed",
       "{\n  /* note\n  \"name\": \"x\"\n}\n",
       Where::kSyntax,
       "",
       "2:3",
       {"unterminated block comment"}});
  add({"300-deep arrays", nested("[", "]", 300), Where::kSyntax, "", "1:257", {"nesting deeper than 256"}});
  add({"300-deep objects", nested("{\"a\":", "}", 300), Where::kSyntax, "", "1:1281", {"nesting deeper than 256"}});
  add({"empty file", "", Where::kSyntax, "", "1:1", {"empty input"}});
  add({"only a comment", "// nothing here\n", Where::kSyntax, "", "2:1", {"empty input"}});
  add({"trailing garbage", "{\"name\": \"x\"}\n}\n", Where::kSyntax, "", "2:1", {"expected end of input"}});
  add({"single quotes", "{'name': 'x'}", Where::kSyntax, "", "1:2", {"expected string key"}});
  add({"NaN literal", "{\"simulation\": {\"duration\": NaN}}", Where::kSyntax, "", "1:29", {"expected a JSON value"}});
  add({"number beyond double",
       "{\"simulation\": {\"duration\": 1e999}}",
       Where::kSyntax,
       "",
       "1:29",
       {"number out of range"}});
  add({"invalid UTF-8 byte", "{\n  \"name\": \"caf\xFF\"\n}\n", Where::kSyntax, "", "2:15", {"UTF-8"}});
  add({"UTF-8-encoded surrogate in a name",
       with_raw_service_name("w\xED\xA0\x80"),
       Where::kSyntax,
       "",
       "\"serviceName\": \"w|\xED\xA0\x80\"",
       {"ill-formed UTF-8", "encoded UTF-16 surrogate"}});
  add({"overlong UTF-8 in a name",
       with_raw_service_name("w\xE0\x80\xAF"),
       Where::kSyntax,
       "",
       "\"serviceName\": \"w|\xE0\x80\xAF\"",
       {"ill-formed UTF-8", "overlong form"}});
  add({"truncated UTF-8 in a name",
       with_raw_service_name("w\xE2\x82"),
       Where::kSyntax,
       "",
       "\"serviceName\": \"w|\xE2\x82\"",
       {"ill-formed UTF-8", "truncated sequence"}});
  add({"UTF-8 past U+10FFFF in a name",
       with_raw_service_name("w\xF4\x90\x80\x80"),
       Where::kSyntax,
       "",
       "\"serviceName\": \"w|\xF4\x90\x80\x80\"",
       {"ill-formed UTF-8", "past U+10FFFF"}});
  add({"ill-formed UTF-8 in a comment", "// caf\xC0\xA9\n{}\n", Where::kSyntax, "", "1:7", {"overlong form"}});

  // --- Wrong types.
  add({"desiredCount as a string",
       from_quickstart({set_at("/services/0/desiredCount", "8")}),
       Where::kPointer,
       "/services/0/desiredCount",
       "\"desiredCount\": |\"8\"",
       {"expected an integer", "got a string"}});
  add({"duration as a boolean",
       from_quickstart({set_at("/simulation/duration", true)}),
       Where::kPointer,
       "/simulation/duration",
       "\"duration\": |true",
       {"got a boolean"}});
  add({"cpuMs as a string",
       from_quickstart({set_at("/workloads/0/request/cpuMs", "20")}),
       Where::kPointer,
       "/workloads/0/request/cpuMs",
       "\"cpuMs\": |\"20\"",
       {"expected a number or a distribution object", "got a string"}});
  add({"desiredCount fractional",
       from_quickstart({set_at("/services/0/desiredCount", 8.5)}),
       Where::kPointer,
       "/services/0/desiredCount",
       "",
       {"expected an integer", "8.5"}});
  add({"services as an object",
       from_quickstart({set_at("/services", {{"web", base()["services"][0]}})}),
       Where::kPointer,
       "/services",
       "",
       {"expected an array", "got an object"}});
  add({"root is an array", "[\n  {}\n]\n", Where::kPointer, "/", "1:1", {"expected a scenario", "got an array"}});
  add({"missing simulation section",
       from_quickstart({remove_at("/simulation")}),
       Where::kPointer,
       "/",
       "1:1",
       {"\"simulation\""}});

  // --- Unknown fields, with a suggestion.
  add({"desiredcount (case)",
       from_quickstart({set_at("/services/0/desiredcount", 8)}),
       Where::kPointer,
       "/services/0/desiredcount",
       "",
       {"unknown field \"desiredcount\"", "did you mean \"desiredCount\"?"}});
  add({"HealthCheckIntervalSecond",
       from_quickstart({set_at("/targetGroups/0/HealthCheckIntervalSecond", 10)}),
       Where::kPointer,
       "/targetGroups/0/HealthCheckIntervalSecond",
       "",
       {"unknown field", "did you mean \"HealthCheckIntervalSeconds\"?"}});
  add({"top-level workload (singular)",
       from_quickstart({set_at("/workload", json::array())}),
       Where::kPointer,
       "/workload",
       "",
       {"did you mean \"workloads\"?"}});
  add({"x-fleetsim knob typo",
       from_quickstart({set_at("/taskDefinitions/0/containerDefinitions/0/x-fleetsim/maxConcurency", 4)}),
       Where::kPointer,
       "/taskDefinitions/0/containerDefinitions/0/x-fleetsim/maxConcurency",
       "",
       {"did you mean \"maxConcurrency\"?"}});
  add({"unknown target group attribute",
       from_quickstart({set_at("/targetGroups/0/Attributes/0/Key", "load_balancing.algorithm.typ")}),
       Where::kPointer,
       "/targetGroups/0/Attributes/0/Key",
       "",
       {"did you mean \"load_balancing.algorithm.type\"?"}});

  // --- Fargate sizes and task definitions.
  add({"Fargate cpu 256 memory 4096",
       from_quickstart({set_at("/taskDefinitions/0/cpu", "256"), set_at("/taskDefinitions/0/memory", "4096")}),
       Where::kPointer,
       "/taskDefinitions/0/memory",
       "\"memory\": |\"4096\"",
       {"512, 1024, 2048", "4096"}});
  add({"Fargate cpu 300",
       from_quickstart({set_at("/taskDefinitions/0/cpu", "300")}),
       Where::kPointer,
       "/taskDefinitions/0/cpu",
       "\"cpu\": |\"300\"",
       {"256, 512, 1024", "got 300"}});
  add({"memory in GiB",
       from_quickstart({set_at("/taskDefinitions/0/memory", "2 GiB")}),
       Where::kPointer,
       "/taskDefinitions/0/memory",
       "",
       {"\"2 GiB\""}});
  add({"Fargate without task cpu",
       from_quickstart({remove_at("/taskDefinitions/0/cpu")}),
       Where::kPointer,
       "/taskDefinitions/0",
       "",
       {"\"cpu\" and \"memory\""}});
  add({"Fargate networkMode bridge",
       from_quickstart({set_at("/taskDefinitions/0/networkMode", "bridge")}),
       Where::kPointer,
       "/taskDefinitions/0/networkMode",
       "",
       {"awsvpc"}});
  add({"no containers",
       from_quickstart({set_at("/taskDefinitions/0/containerDefinitions", json::array())}),
       Where::kPointer,
       "/taskDefinitions/0/containerDefinitions",
       "",
       {"at least one container"}});

  // --- Missing references.
  add({"service taskDefinition nope",
       from_quickstart({set_at("/services/0/taskDefinition", "nope")}),
       Where::kPointer,
       "/services/0/taskDefinition",
       "\"taskDefinition\": |\"nope\"",
       {"\"nope\""}});
  add({"listener target group typo",
       from_quickstart({set_at("/loadBalancers/0/Listeners/0/DefaultActions/0/TargetGroupArn", "web-gt")}),
       Where::kPointer,
       "/loadBalancers/0/Listeners/0/DefaultActions/0/TargetGroupArn",
       "",
       {"\"web-gt\"", "did you mean \"web-tg\"?"}});
  add({"service target group typo",
       from_quickstart({set_at("/services/0/loadBalancers/0/targetGroupArn", "web-gt")}),
       Where::kPointer,
       "/services/0/loadBalancers/0/targetGroupArn",
       "",
       {"\"web-gt\"", "did you mean \"web-tg\"?"}});
  add({"workload loadBalancer typo",
       from_quickstart({set_at("/workloads/0/target/loadBalancer", "web-lab")}),
       Where::kPointer,
       "/workloads/0/target/loadBalancer",
       "",
       {"web-lab", "did you mean \"web-alb:80\"?"}});
  add({"containerName that does not exist",
       from_quickstart({set_at("/services/0/loadBalancers/0/containerName", "ap")}),
       Where::kPointer,
       "/services/0/loadBalancers/0/containerName",
       "",
       {"no container \"ap\""}});
  add({"containerPort not mapped",
       from_quickstart({set_at("/services/0/loadBalancers/0/containerPort", 9090)}),
       Where::kPointer,
       "/services/0/loadBalancers/0/containerPort",
       "",
       {"9090"}});
  add({"subnet not in subnets section",
       from_quickstart(
           {set_at("/subnets", json::array({{{"SubnetId", "subnet-a"}, {"AvailabilityZone", "us-east-1a"}}})),
            set_at("/services/0/networkConfiguration",
                   {{"awsvpcConfiguration", {{"subnets", json::array({"subnet-a", "subnet-x"})}}}})}),
       Where::kPointer,
       "/services/0/networkConfiguration/awsvpcConfiguration/subnets/1",
       "",
       {"\"subnet-x\""}});
  add({"cluster that does not exist",
       from_quickstart({set_at("/services/0/cluster", "nope")}),
       Where::kPointer,
       "/services/0/cluster",
       "",
       {"no cluster named \"nope\""}});
  add({"target group of type instance for awsvpc",
       from_quickstart({set_at("/targetGroups/0/TargetType", "instance")}),
       Where::kPointer,
       "/services/0/loadBalancers/0/targetGroupArn",
       "",
       {"\"ip\""}});

  // --- Rates, durations, distributions.
  add({"negative constant rate",
       from_quickstart({set_at("/workloads/0/arrivals/rate", -5)}),
       Where::kPointer,
       "/workloads/0/arrivals/rate",
       "\"rate\": |-5",
       {"got -5"}});
  add({"negative diurnal mean",
       from_quickstart({set_at("/workloads/0/arrivals/rate/mean", -5)}),
       Where::kPointer,
       "/workloads/0/arrivals/rate/mean",
       "",
       {"got -5"}});
  add({"duration -5s",
       from_quickstart({set_at("/simulation/duration", "-5s")}),
       Where::kPointer,
       "/simulation/duration",
       "\"duration\": |\"-5s\"",
       {"\"-5s\""}});
  add({"duration 5 parsecs",
       from_quickstart({set_at("/simulation/duration", "5 parsecs")}),
       Where::kPointer,
       "/simulation/duration",
       "",
       {"parsecs"}});
  add({"duration 0s",
       from_quickstart({set_at("/simulation/duration", "0s")}),
       Where::kPointer,
       "/simulation/duration",
       "",
       {"positive"}});
  add({"request timeout 0s",
       from_quickstart({set_at("/workloads/0/request/timeout", "0s")}),
       Where::kPointer,
       "/workloads/0/request/timeout",
       "",
       {"positive"}});
  add({"metricsPeriod under a second",
       from_quickstart({set_at("/simulation/metricsPeriod", "500ms")}),
       Where::kPointer,
       "/simulation/metricsPeriod",
       "",
       {"whole number of seconds"}});
  add({"unknown distribution",
       from_quickstart({set_at("/workloads/0/request/cpuMs", {{"dist", "poisson"}, {"mean", 3}})}),
       Where::kPointer,
       "/workloads/0/request/cpuMs/dist",
       "",
       {"\"poisson\"", "\"exponential\""}});
  add({"uniform with min above max",
       from_quickstart({set_at("/workloads/0/request/cpuMs", {{"dist", "uniform"}, {"min", 5}, {"max", 1}})}),
       Where::kPointer,
       "/workloads/0/request/cpuMs",
       "",
       {"\"max\""}});
  add({"diurnal peak 25:00",
       from_quickstart({set_at("/workloads/0/arrivals/rate/peak", "25:00")}),
       Where::kPointer,
       "/workloads/0/arrivals/rate/peak",
       "",
       {"\"25:00\""}});

  // --- Target groups: values AWS would reject.
  add({"HealthCheckTimeoutSeconds equal to interval",
       from_quickstart({set_at("/targetGroups/0/HealthCheckTimeoutSeconds", 10),
                        set_at("/targetGroups/0/HealthCheckIntervalSeconds", 10)}),
       Where::kPointer,
       "/targetGroups/0/HealthCheckTimeoutSeconds",
       "",
       {"HealthCheckIntervalSeconds (10)"}});
  add({"HealthCheckTimeoutSeconds above default interval",
       from_quickstart({set_at("/targetGroups/0/HealthCheckTimeoutSeconds", 60)}),
       Where::kPointer,
       "/targetGroups/0/HealthCheckTimeoutSeconds",
       "",
       {"HealthCheckIntervalSeconds (30)"}});
  add({"HealthyThresholdCount 1",
       from_quickstart({set_at("/targetGroups/0/HealthyThresholdCount", 1)}),
       Where::kPointer,
       "/targetGroups/0/HealthyThresholdCount",
       "\"HealthyThresholdCount\": |1",
       {"from 2 to 10", "got 1"}});
  add({"unknown load_balancing.algorithm.type",
       from_quickstart({set_at("/targetGroups/0/Attributes/0/Value", "random")}),
       Where::kPointer,
       "/targetGroups/0/Attributes/0/Value",
       "",
       {"\"round_robin\"", "\"random\""}});
  add({"two listeners on one port",
       from_quickstart({set_at("/loadBalancers/0/Listeners/-", {{"Port", 80}, {"DefaultActions", {kForward}}})}),
       Where::kPointer,
       "/loadBalancers/0/Listeners/1/Port",
       "",
       {"two listeners on port 80"}});
  add({"non-forward listener action",
       from_quickstart({set_at("/loadBalancers/0/Listeners/0/DefaultActions/0/Type", "redirect")}),
       Where::kPointer,
       "/loadBalancers/0/Listeners/0/DefaultActions/0/Type",
       "",
       {"\"forward\""}});

  // --- Absurd sizes: refused before any work, fast and in bounded memory.
  add({"desiredCount 1e9",
       from_quickstart({set_at("/services/0/desiredCount", 1e9)}),
       Where::kPointer,
       "/services/0/desiredCount",
       "",
       {"expected an integer from 0 to", "got"}});
  add({"desiredCount 2^64",
       from_quickstart({set_at("/services/0/desiredCount", 18446744073709551615ull)}),
       Where::kPointer,
       "/services/0/desiredCount",
       "",
       {"expected an integer from 0 to", "got"}});
  add({"200,000 workloads",
       many_workloads(200000),
       Where::kPointer,
       "/workloads",
       "",
       {"at most 10000 items", "200000"}});
  rows.back().max_seconds = 4;  // about 0.5 s in a release build on an idle machine
  add({"empirical with 1,000,001 values",
       huge_empirical(1000001),
       Where::kPointer,
       "/workloads/0/request/cpuMs/values",
       "",
       {"at most 1000000 items"}});
  add({"duration past 10 years",
       from_quickstart({set_at("/simulation/duration", "99999999999999999999d")}),
       Where::kPointer,
       "/simulation/duration",
       "",
       {"10 years"}});
  add({"file over 64 MiB",
       from_quickstart({}) + std::string(65u << 20, ' '),
       Where::kFile,
       "",
       "",
       {"larger than 64 MiB"}});

  // --- The command line: the file is valid, an override is not.
  add({"--set without a leading slash",
       from_quickstart({}),
       Where::kCommandLine,
       "",
       "",
       {"expected /json/pointer=VALUE"},
       {"--set", "services/0/desiredCount=3"},
       0});
  add({"--set with a missing parent",
       from_quickstart({}),
       Where::kCommandLine,
       "",
       "",
       {"--set /nope/x", "/nope does not exist"},
       {"--set", "/nope/x=3"},
       0});
  add({"--set with a bad escape",
       from_quickstart({}),
       Where::kCommandLine,
       "",
       "",
       {"--set /services/x~2/desiredCount", "'~'"},
       {"--set", "/services/x~2/desiredCount=3"},
       0,
       {"json.exception"}});
  add({"--set below a number",
       from_quickstart({}),
       Where::kCommandLine,
       "",
       "",
       {"--set /services/0/desiredCount/x"},
       {"--set", "/services/0/desiredCount/x=1"},
       0,
       {"json.exception"}});
  add({"--set to an invalid value",
       from_quickstart({}),
       Where::kPointer,
       "/services/0/desiredCount",
       "\"desiredCount\": |8",
       {"got -1"},
       {"--set", "/services/0/desiredCount=-1"},
       0});
  add({"--duration 5 parsecs",
       from_quickstart({}),
       Where::kPointer,
       "/simulation/duration",
       "",
       {"parsecs"},
       {"--duration", "5 parsecs"},
       0});
  // Overrides go into `simulation` only when it is an object: anything else is the file's mistake, located.
  add({"--duration with a simulation section that is a string",
       from_quickstart({set_at("/simulation", "1h")}),
       Where::kPointer,
       "/simulation",
       "\"simulation\": |\"1h\"",
       {"expected the simulation section", "got a string"},
       {"--duration", "1h"},
       2,
       {"json.exception"}});
  add({"--seed with a simulation section that is an array",
       from_quickstart({set_at("/simulation", json::array({1}))}),
       Where::kPointer,
       "/simulation",
       "",
       {"got an array"},
       {"--seed", "7"},
       2,
       {"json.exception"}});
  add({"--set replacing simulation by a number, then --duration",
       from_quickstart({}),
       Where::kPointer,
       "/simulation",
       "",
       {"got a number"},
       {"--set", "/simulation=3", "--duration", "1h"},
       0,
       {"json.exception"}});
  add({"--set far past the end of a list",
       from_quickstart({}),
       Where::kCommandLine,
       "",
       "",
       {"--set /services/1000000000", "expected an index from 0 to 1"},
       {"--set", "/services/1000000000={}"},
       0});
  add({"--set below a string",
       from_quickstart({}),
       Where::kCommandLine,
       "",
       "",
       {"--set /name/x", "is a string, not an object or array"},
       {"--set", "/name/x=1"},
       0});
  add({"--set with ill-formed UTF-8",
       from_quickstart({}),
       Where::kCommandLine,
       "",
       "",
       {"UTF-8"},
       {"--set", "/description=caf\xFF"},
       0});

  // --- Region and Availability Zones.
  add({"unknown region",
       from_quickstart({set_at("/simulation/region", "us-middle-1")}),
       Where::kPointer,
       "/simulation/region",
       "\"region\": |\"us-middle-1\"",
       {"unknown region \"us-middle-1\""}});
  add({"AZ not in the region",
       from_quickstart({set_at("/simulation/availabilityZones", json::array({"us-east-1a", "eu-west-1a"}))}),
       Where::kPointer,
       "/simulation/availabilityZones/1",
       "",
       {"\"eu-west-1a\"", "us-east-1"}});
  add({"subnet in an AZ the scenario does not use",
       from_quickstart(
           {set_at("/subnets", json::array({{{"SubnetId", "subnet-f"}, {"AvailabilityZone", "us-east-1f"}}}))}),
       Where::kPointer,
       "/subnets/0/AvailabilityZone",
       "",
       {"\"us-east-1f\""}});

  // --- EKS sections need their cluster.
  add({"kubernetes objects without an EKS cluster",
       from_quickstart({set_at("/kubernetes", json::array())}),
       Where::kPointer,
       "/kubernetes",
       "",
       {"no EKS cluster: add the \"eksClusters\" section"}});
  add({"launchType EC2 for a Fargate-only definition",
       from_quickstart({set_at("/services/0/launchType", "EC2")}),
       Where::kPointer,
       "/services/0/taskDefinition",
       "",
       {"does not list EC2 in requiresCompatibilities"}});

  // --- SQS queues, queue workers and metric math.
  const std::string math =
      "/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/CustomizedMetricSpecification/Metrics";
  add({"workload sending to a missing queue",
       from_sqs({set_at("/workloads/0/target/queue", "jbos")}),
       Where::kPointer,
       "/workloads/0/target/queue",
       "",
       {"no queue named \"jbos\"", "did you mean \"jobs\"?"}});
  add({"workload with both a queue and a load balancer",
       from_sqs({set_at("/workloads/0/target/loadBalancer", "web-alb")}),
       Where::kPointer,
       "/workloads/0/target",
       "",
       {"expected one of \"loadBalancer\", \"queue\", \"ingress\" and \"service\""}});
  add({"file I/O on a queue's messages (served only for HTTP targets)",
       from_sqs({set_at("/workloads/0/request/ioMiB", 4)}),
       Where::kPointer,
       "/workloads/0/request/ioMiB",
       "",
       {"a queue target's messages carry no file I/O"}});
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/efs-volumes.html: Fargate mounts EFS from platform
  // version 1.4.0 on.
  add({"Fargate EFS volumes on platform version 1.3.0",
       mutated(example_json("iam-and-efs"),
               {set_at("/services/0/platformVersion", "1.3.0"), set_at("/simulation/duration", "10m")})
           .dump(2),
       Where::kPointer,
       "/services/0/platformVersion",
       "",
       {"platform version 1.4.0 or later, not 1.3.0"}});
  add({"worker polling a missing queue",
       from_sqs({set_at("/taskDefinitions/0/containerDefinitions/0/x-fleetsim/queue", "job")}),
       Where::kPointer,
       "/taskDefinitions/0/containerDefinitions/0/x-fleetsim/queue",
       "",
       {"no queue named \"job\""}});
  add({"VisibilityTimeout beyond 12 hours",
       from_sqs({set_at("/queues/0/Attributes/VisibilityTimeout", "43201")}),
       Where::kPointer,
       "/queues/0/Attributes/VisibilityTimeout",
       "",
       {"from 0 to 43200, got 43201"}});
  add({"VisibilityTimeout not a number",
       from_sqs({set_at("/queues/0/Attributes/VisibilityTimeout", "1m")}),
       Where::kPointer,
       "/queues/0/Attributes/VisibilityTimeout",
       "",
       {"whole number of seconds", "\"1m\""}});
  add({"dead-letter queue (not simulated)",
       from_sqs({set_at("/queues/0/Attributes/RedrivePolicy", "{}")}),
       Where::kPointer,
       "/queues/0/Attributes/RedrivePolicy",
       "",
       {"not simulated by this version yet"}});
  add({"metric math with an unsupported function",
       from_sqs({set_at(math + "/2/Expression", "SUM(METRICS())")}),
       Where::kPointer,
       math + "/2/Expression",
       "",
       {"SUM() is not supported"}});
  add({"metric math naming an unknown Id",
       from_sqs({set_at(math + "/2/Expression", "m1 / m3")}),
       Where::kPointer,
       math + "/2/Expression",
       "",
       {"\"m3\" is not the Id of a MetricStat query"}});
  add({"metric math with two queries returning data",
       from_sqs({set_at(math + "/0/ReturnData", true)}),
       Where::kPointer,
       math + "/2/ReturnData",
       "",
       {"only one query may return data"}});
  add({"metric math over a metric the scenario lacks",
       from_sqs({set_at(math + "/1/MetricStat/Metric/Dimensions/1/Value", "wroker")}),
       Where::kPointer,
       math + "/1/MetricStat/Metric/MetricName",
       "",
       {"no metric ECS/ContainerInsights RunningTaskCount", "ServiceName=wroker"}});

  // --- EventBridge scheduled rules.
  add({"rule with an invalid cron expression",
       from_batch({set_at("/rules/0/ScheduleExpression", "cron(0 25 * * ? *)")}),
       Where::kPointer,
       "/rules/0/ScheduleExpression",
       "",
       {"bad cron expression \"cron(0 25 * * ? *)\""}});
  add({"rule with a one-time at() schedule",
       from_batch({set_at("/rules/0/ScheduleExpression", "at(2026-03-02T02:00:00)")}),
       Where::kPointer,
       "/rules/0/ScheduleExpression",
       "",
       {"rate(...) or cron(...), not at(...)"}});
  add({"rule target naming a missing task definition",
       from_batch({set_at("/rules/0/Targets/0/EcsParameters/TaskDefinitionArn", "nightly-reprot")}),
       Where::kPointer,
       "/rules/0/Targets/0/EcsParameters/TaskDefinitionArn",
       "",
       {"no task definition \"nightly-reprot\""}});
  add({"rule target naming a missing cluster",
       from_batch({set_at("/rules/0/Targets/0/Arn", "arn:aws:ecs:us-east-1:123456789012:cluster/prd")}),
       Where::kPointer,
       "/rules/0/Targets/0/Arn",
       "",
       {"no cluster named \"prd\"", "did you mean \"prod\"?"}});
  add({"rule target with both a launch type and a strategy",
       from_batch({set_at("/rules/0/Targets/0/EcsParameters/LaunchType", "EC2")}),
       Where::kPointer,
       "/rules/0/Targets/0/EcsParameters/LaunchType",
       "",
       {"LaunchType or CapacityProviderStrategy, not both"}});
  add({"rule target that is not ECS",
       from_batch({remove_at("/rules/0/Targets/0/EcsParameters")}),
       Where::kPointer,
       "/rules/0/Targets/0",
       "",
       {"only ECS RunTask targets are simulated"}});
  add({"rule with both a schedule and an event pattern",
       from_batch({set_at("/rules/0/EventPattern", "{}")}),
       Where::kPointer,
       "/rules/0",
       "",
       {"expected \"ScheduleExpression\" or \"EventPattern\" (one of them)"}});

  // --- EC2 capacity.
  add({"unknown instance type",
       from_ec2({set_at("/autoScalingGroups/0/InstanceType", "m5.larg")}),
       Where::kPointer,
       "/autoScalingGroups/0/InstanceType",
       "",
       {"no instance type named \"m5.larg\"", "did you mean \"m5.large\"?"}});
  add({"Auto Scaling group MinSize above MaxSize",
       from_ec2({set_at("/autoScalingGroups/1/MinSize", 50)}),
       Where::kPointer,
       "/autoScalingGroups/1/MinSize",
       "",
       {"MinSize 50 is above MaxSize 40"}});
  add({"task larger than any instance type of its groups",
       from_ec2({set_at("/taskDefinitions/0/containerDefinitions/0/cpu", 8192)}),
       Where::kPointer,
       "/services/0/taskDefinition",
       "",
       {"needs 8192 CPU units", "largest: 4096 CPU units"}});
  add({"binpack on an unknown field",
       from_ec2({set_at("/services/0/placementStrategy/0/field", "disk")}),
       Where::kPointer,
       "/services/0/placementStrategy/0",
       "",
       {"binpack field 'disk'", "cpu or memory"}});
  add({"spread on a bare attribute name",
       from_ec2({set_at("/services/0/placementStrategy", {{{"type", "spread"}, {"field", "ecs.availability-zone"}}})}),
       Where::kPointer,
       "/services/0/placementStrategy/0",
       "",
       {"expected instanceId, host or attribute:NAME"}});
  add({"memberOf with a broken expression",
       from_ec2({set_at("/services/0/placementConstraints",
                        {{{"type", "memberOf"}, {"expression", "attribute:ecs.instance-type =~"}}})}),
       Where::kPointer,
       "/services/0/placementConstraints/0/expression",
       "",
       {}});
  add({"capacity provider naming a missing group",
       from_ec2({set_at("/capacityProviders/1/autoScalingGroupProvider/autoScalingGroupArn", "asg-spt")}),
       Where::kPointer,
       "/capacityProviders/1/autoScalingGroupProvider/autoScalingGroupArn",
       "",
       {"did you mean \"asg-spot\"?"}});
  add({"strategy naming a missing capacity provider",
       from_ec2({set_at("/services/0/capacityProviderStrategy/1/capacityProvider", "cp-spto")}),
       Where::kPointer,
       "/services/0/capacityProviderStrategy/1/capacityProvider",
       "",
       {"did you mean \"cp-spot\"?"}});
  add({"strategy mixing Fargate and EC2 providers",
       from_ec2({set_at("/services/0/capacityProviderStrategy/1/capacityProvider", "FARGATE")}),
       Where::kPointer,
       "/services/0/capacityProviderStrategy",
       "",
       {"cannot mix Fargate and Auto Scaling group providers"}});
  add({"bridge tasks behind an ip target group",
       from_ec2({set_at("/targetGroups/0/TargetType", "ip")}),
       Where::kPointer,
       "/services/0/loadBalancers/0/targetGroupArn",
       "",
       {"bridge tasks need \"instance\""}});
  add({"managed termination protection without managed scaling",
       from_ec2({set_at("/capacityProviders/0/autoScalingGroupProvider/managedScaling/status", "DISABLED")}),
       Where::kPointer,
       "/capacityProviders/0/autoScalingGroupProvider/managedTerminationProtection",
       "",
       {"requires managed scaling"}});
  add({"spotInterruption of a missing group",
       from_ec2({set_at("/timeline/1/autoScalingGroup", "asg-spott")}),
       Where::kPointer,
       "/timeline/1/autoScalingGroup",
       "",
       {"did you mean \"asg-spot\"?"}});

  // --- Security groups (the bridge example).
  add({"load balancer naming a missing security group",
       mutated(mutated(example_json("ec2-bridge-alb"), {set_at("/simulation/duration", "10m")}),
               {set_at("/loadBalancers/0/SecurityGroups/0", "sg-alv")})
           .dump(2),
       Where::kPointer,
       "/loadBalancers/0/SecurityGroups/0",
       "",
       {"no security group \"sg-alv\"", "did you mean \"sg-alb\"?"}});
  add({"security group rule with FromPort above ToPort",
       mutated(mutated(example_json("ec2-bridge-alb"), {set_at("/simulation/duration", "10m")}),
               {set_at("/securityGroups/1/IpPermissions/0/FromPort", 61000)})
           .dump(2),
       Where::kPointer,
       "/securityGroups/1/IpPermissions/0/FromPort",
       "",
       {"FromPort is above ToPort"}});

  // --- CloudWatch alarms and Application Auto Scaling.
  add({"alarm DatapointsToAlarm over EvaluationPeriods",
       from_quickstart({set_at("/alarms", json::array({cpu_alarm({{"DatapointsToAlarm", 3}})}))}),
       Where::kPointer,
       "/alarms/0/DatapointsToAlarm",
       "",
       {"DatapointsToAlarm (3) exceeds EvaluationPeriods (2)"}});
  add({"alarm on a metric fleetsim does not publish",
       from_quickstart({set_at("/alarms", json::array({cpu_alarm({{"MetricName", "MemoryUtilization"}})}))}),
       Where::kPointer,
       "/alarms/0/MetricName",
       "",
       {"no metric AWS/ECS MemoryUtilization", "ServiceName=web"}});
  add({"alarm action naming a missing policy",
       from_quickstart(
           {set_at("/alarms", json::array({cpu_alarm({{"AlarmActions", json::array({"scale-out-steps"})}})}))}),
       Where::kPointer,
       "/alarms/0/AlarmActions/0",
       "",
       {"no scaling policy named \"scale-out-steps\""}});
  add({"anomaly detection alarm",
       from_quickstart(
           {set_at("/alarms", json::array({cpu_alarm({{"ComparisonOperator", "GreaterThanUpperThreshold"}})}))}),
       Where::kPointer,
       "/alarms/0/ComparisonOperator",
       "",
       {"not simulated by this version yet"}});
  add({"policy naming a missing scalable target",
       from_quickstart({set_at("/scalingPolicies/0/ResourceId", "service/default/wbe")}),
       Where::kPointer,
       "/scalingPolicies/0/ResourceId",
       "",
       {"no scalable target \"service/default/wbe\"", "did you mean \"service/default/web\"?"}});
  add({"scalable target of a missing service",
       from_quickstart({set_at("/scalableTargets/0/ResourceId", "service/default/api")}),
       Where::kPointer,
       "/scalableTargets/0/ResourceId",
       "",
       {"no ECS service with ResourceId \"service/default/api\""}});
  add({"MinCapacity over MaxCapacity",
       from_quickstart({set_at("/scalableTargets/0/MinCapacity", 30)}),
       Where::kPointer,
       "/scalableTargets/0/MinCapacity",
       "",
       {"MinCapacity (30) exceeds MaxCapacity (20)"}});
  add({"MaxCapacity beyond the ECS quota",
       from_quickstart({set_at("/scalableTargets/0/MaxCapacity", 100000)}),
       Where::kPointer,
       "/scalableTargets/0/MaxCapacity",
       "",
       {"at most 5,000 tasks"}});
  add({"unknown predefined metric type",
       from_quickstart({set_at("/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                               "PredefinedMetricSpecification/PredefinedMetricType",
                               "ECSServiceAverageCPUUtilisation")}),
       Where::kPointer,
       "/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/PredefinedMetricType",
       "",
       {"\"ECSServiceAverageCPUUtilisation\"", "ECSServiceAverageCPUUtilization"}});
  add({"memory target tracking without x-fleetsim.memoryUsage",
       from_quickstart({set_at("/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/"
                               "PredefinedMetricSpecification/PredefinedMetricType",
                               "ECSServiceAverageMemoryUtilization")}),
       Where::kPointer,
       "/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/PredefinedMetricType",
       "",
       {"needs the memory the service's tasks use", "x-fleetsim.memoryUsage"}});
  add({"overlapping step adjustments",
       from_quickstart({set_at(
           "/scalingPolicies/-",
           {{"PolicyName", "steps"},
            {"ServiceNamespace", "ecs"},
            {"ResourceId", "service/default/web"},
            {"ScalableDimension", "ecs:service:DesiredCount"},
            {"PolicyType", "StepScaling"},
            {"StepScalingPolicyConfiguration",
             {{"StepAdjustments",
               json::array(
                   {{{"MetricIntervalLowerBound", 0}, {"MetricIntervalUpperBound", 20}, {"ScalingAdjustment", 1}},
                    {{"MetricIntervalLowerBound", 10}, {"ScalingAdjustment", 2}}})}}}})}),
       Where::kPointer,
       "/scalingPolicies/1/StepScalingPolicyConfiguration/StepAdjustments",
       "",
       {"overlap"}});
  add({"bad cron expression",
       from_quickstart({set_at("/scheduledActions", json::array({scheduled("cron(0 8 * * * *)")}))}),
       Where::kPointer,
       "/scheduledActions/0/Schedule",
       "",
       {"bad cron expression", "exactly one of the day-of-month and day-of-week fields must be '?'"}});
  json inverted = scheduled("rate(1 hour)");
  inverted["ScalableTargetAction"] = {{"MinCapacity", 7}, {"MaxCapacity", 3}};
  add({"scheduled action with MinCapacity above MaxCapacity",
       from_quickstart({set_at("/scheduledActions", json::array({inverted}))}),
       Where::kPointer,
       "/scheduledActions/0/ScalableTargetAction/MinCapacity",  // two tokens, not "ScalableTargetAction~1MinCapacity"
       "\"MinCapacity\": |7",
       {"MinCapacity exceeds MaxCapacity"}});
  add({"rate with a plural of one",
       from_quickstart({set_at("/scheduledActions", json::array({scheduled("rate(1 hours)")}))}),
       Where::kPointer,
       "/scheduledActions/0/Schedule",
       "",
       {"rate(value unit)"}});
  add({"startTime that is not a date-time",
       from_quickstart({set_at("/simulation/startTime", "tomorrow")}),
       Where::kPointer,
       "/simulation/startTime",
       "",
       {"UTC date-time"}});

  // --- Timeline.
  add({"killTasks with both count and percent",
       from_quickstart({set_at(
           "/timeline", {{{"at", "1m"}, {"action", "killTasks"}, {"service", "web"}, {"count", 2}, {"percent", 10}}})}),
       Where::kPointer,
       "/timeline/0",
       "",
       {"either \"count\" or \"percent\""}});
  add({"killTasks of a missing service",
       from_quickstart(
           {set_at("/timeline", {{{"at", "1m"}, {"action", "killTasks"}, {"service", "wbe"}, {"count", 2}}})}),
       Where::kPointer,
       "/timeline/0/service",
       "",
       {"did you mean \"web\"?"}});
  add({"setRate naming a missing workload",
       from_quickstart(
           {set_at("/timeline", {{{"at", "1m"}, {"action", "setRate"}, {"workload", "web-trafic"}, {"rate", 3}}})}),
       Where::kPointer,
       "/timeline/0/workload",
       "",
       {"\"web-trafic\"", "did you mean \"web-traffic\"?"}});
  add({"unknown timeline action scaleOut",
       from_quickstart({set_at("/timeline", {{{"at", "1m"}, {"action", "scaleOut"}, {"service", "web"}}})}),
       Where::kPointer,
       "/timeline/0/action",
       "",
       {"\"scaleOut\"", "\"updateService\""}});
  add({"updateService of a missing service",
       from_quickstart({set_at(
           "/timeline", {{{"at", "1m"}, {"action", "updateService"}, {"service", "wbe"}, {"desiredCount", 2}}})}),
       Where::kPointer,
       "/timeline/0/service",
       "",
       {"did you mean \"web\"?"}});
  add({"deployment to the revision the service already runs",
       from_quickstart(
           {set_at("/timeline",
                   {{{"at", "1m"}, {"action", "updateService"}, {"service", "web"}, {"taskDefinition", "web:1"}}})}),
       Where::kPointer,
       "/timeline/0/taskDefinition",
       "",
       {"already runs web:1", "forceNewDeployment"}});
  add({"deployment to a revision that does not exist",
       from_quickstart(
           {set_at("/timeline",
                   {{{"at", "1m"}, {"action", "updateService"}, {"service", "web"}, {"taskDefinition", "web:7"}}})}),
       Where::kPointer,
       "/timeline/0/taskDefinition",
       "",
       {"no task definition \"web:7\""}});
  add({"second deployment of the same revision",
       mutated(example_json("bad-deploy-rollback"),
               {set_at("/timeline/1",
                       {{"at", "1h"}, {"action", "updateService"}, {"service", "web"}, {"taskDefinition", "web:2"}}),
                set_at("/simulation/duration", "10m")})
           .dump(2),
       Where::kPointer,
       "/timeline/1/taskDefinition",
       "",
       {"already runs web:2"}});
  add({"blue/green deployment controller",
       from_quickstart({set_at("/services/0/deploymentController", {{"type", "CODE_DEPLOY"}})}),
       Where::kPointer,
       "/services/0/deploymentController/type",
       "",
       {"only the rolling update controller"}});
  add({"maximumPercent below minimumHealthyPercent",
       from_quickstart(
           {set_at("/services/0/deploymentConfiguration", {{"minimumHealthyPercent", 100}, {"maximumPercent", 50}})}),
       Where::kPointer,
       "/services/0/deploymentConfiguration/maximumPercent",
       "",
       {"at least minimumHealthyPercent (100)"}});
  add({"minimumHealthyPercent above 100",
       from_quickstart({set_at("/services/0/deploymentConfiguration", {{"minimumHealthyPercent", 150}})}),
       Where::kPointer,
       "/services/0/deploymentConfiguration/minimumHealthyPercent",
       "",
       {"150"}});
  add({"circuit breaker without rollback",
       from_quickstart(
           {set_at("/services/0/deploymentConfiguration", {{"deploymentCircuitBreaker", {{"enable", true}}}})}),
       Where::kPointer,
       "/services/0/deploymentConfiguration/deploymentCircuitBreaker",
       "",
       {"rollback"}});
  add({"timeline at -1s",
       from_quickstart(
           {set_at("/timeline", {{{"at", "-1s"}, {"action", "setRate"}, {"workload", "web-traffic"}, {"rate", 3}}})}),
       Where::kPointer,
       "/timeline/0/at",
       "",
       {"\"-1s\""}});
  add({"azOutage of a missing AZ",
       from_quickstart(
           {set_at("/timeline",
                   {{{"at", "1m"}, {"action", "azOutage"}, {"availabilityZone", "us-east-1z"}, {"duration", "5m"}}})}),
       Where::kPointer,
       "/timeline/0/availabilityZone",
       "",
       {"no Availability Zone named \"us-east-1z\"", "did you mean \"us-east-1"}});
  add({"azOutage with a negative duration",
       from_quickstart(
           {set_at("/timeline",
                   {{{"at", "1m"}, {"action", "azOutage"}, {"availabilityZone", "us-east-1a"}, {"duration", "-5m"}}})}),
       Where::kPointer,
       "/timeline/0/duration",
       "",
       {"\"-5m\""}});
  add({"azOutage of zero seconds",
       from_quickstart(
           {set_at("/timeline",
                   {{{"at", "1m"}, {"action", "azOutage"}, {"availabilityZone", "us-east-1a"}, {"duration", 0}}})}),
       Where::kPointer,
       "/timeline/0/duration",
       "",
       {"longer than zero"}});

  // --- Names.
  add({"scenario name with a slash",
       from_quickstart({set_at("/name", "a/b")}),
       Where::kPointer,
       "/name",
       "\"name\": |\"a/b\"",
       {"names the output folder"}});
  add({"scenario name starting with a dot",
       from_quickstart({set_at("/name", ".hidden")}),
       Where::kPointer,
       "/name",
       "",
       {"names the output folder"}});
  add({"service defined twice",
       from_quickstart(
           {set_at("/services/-", {{"serviceName", "web"}, {"taskDefinition", "web"}, {"launchType", "FARGATE"}})}),
       Where::kPointer,
       "/services/1/serviceName",
       "",
       {"defined twice"}});
  // --- IAM (#21): roles ECS checks, and policy documents that are not IAM's JSON.
  const json exec_role = {{"RoleName", "exec"}, {"AttachedPolicies", {"AmazonECSTaskExecutionRolePolicy"}}};
  add({"execution role not defined",
       from_quickstart({set_at("/roles", {exec_role}), set_at("/taskDefinitions/0/executionRoleArn",
                                                              "arn:aws:iam::123456789012:role/ecsTaskExecRole")}),
       Where::kPointer,
       "/taskDefinitions/0/executionRoleArn",
       "",
       {"role \"ecsTaskExecRole\" is not defined in roles"}});
  add({"policy Effect not Allow or Deny",
       from_quickstart({set_at(
           "/roles", {{{"RoleName", "exec"},
                       {"Policies",
                        {{{"PolicyName", "p"},
                          {"PolicyDocument",
                           {{"Version", "2012-10-17"},
                            {"Statement", {{{"Effect", "allow"}, {"Action", "*"}, {"Resource", "*"}}}}}}}}}}})}),
       Where::kPointer,
       "/roles/0/Policies/0/PolicyDocument/Statement/0/Effect",
       "",
       {"expected \"Allow\" or \"Deny\""}});
  add({"policy statement without Action",
       from_quickstart(
           {set_at("/roles", {{{"RoleName", "exec"},
                               {"Policies",
                                {{{"PolicyName", "p"},
                                  {"PolicyDocument", {{"Statement", {{"Effect", "Allow"}, {"Resource", "*"}}}}}}}}}})}),
       Where::kPointer,
       "/roles/0/Policies/0/PolicyDocument/Statement",
       "",
       {"needs \"Action\" or \"NotAction\""}});
  add({"policy Version not IAM's",
       from_quickstart(
           {set_at("/roles", {{{"RoleName", "exec"},
                               {"Policies",
                                {{{"PolicyName", "p"},
                                  {"PolicyDocument",
                                   {{"Version", "2012-10-18"},
                                    {"Statement", {{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}}}}}}}}})}),
       Where::kPointer,
       "/roles/0/Policies/0/PolicyDocument/Version",
       "",
       {"2012-10-17"}});
  add({"Fargate awslogs without an execution role",
       from_quickstart({set_at("/roles", {exec_role})}),
       Where::kPointer,
       "/taskDefinitions/0/containerDefinitions/0/logConfiguration",
       "",
       {"Fargate requires task definition to have execution role ARN to support log driver awslogs."}});
  add({"secret not in the secrets section",
       from_quickstart({set_at("/roles", {exec_role}), set_at("/taskDefinitions/0/executionRoleArn", "exec"),
                        set_at("/taskDefinitions/0/containerDefinitions/0/secrets",
                               {{{"name", "DB"}, {"valueFrom", "/prod/db"}}})}),
       Where::kPointer,
       "/taskDefinitions/0/containerDefinitions/0/secrets/0/valueFrom",
       "",
       {"no secret or parameter \"prod/db\""}});

  // --- CloudFormation where the AWS API's shape is expected (issue #17, pasting): one message that says what the
  // document is and what to paste instead, not its members as unknown fields. A resource is Type, Properties and
  // the other resource attributes (CloudFormation user guide, template anatomy, "Resources").
  const json cfn_task_definition = {{"Type", "AWS::ECS::TaskDefinition"},
                                    {"Properties",
                                     {{"Family", "web"},
                                      {"Cpu", "1024"},
                                      {"Memory", "2048"},
                                      {"ContainerDefinitions", {{{"Name", "app"}, {"Image", "web:1"}}}}}}};
  add({"CloudFormation resource as a task definition",
       from_quickstart({set_at("/taskDefinitions/0", cfn_task_definition)}),
       Where::kPointer,
       "/taskDefinitions/0/Type",
       "|\"Type\": \"AWS::ECS::TaskDefinition\"",
       {"this looks like a CloudFormation resource (\"Type\": \"AWS::ECS::TaskDefinition\"), not a task definition",
        "give what its \"Properties\" holds in its place", "`aws ecs describe-task-definition` output",
        // CloudFormation's ECS properties are PascalCase, the ECS API's camelCase.
        "PascalCase (\"ContainerDefinitions\")", "camelCase (\"containerDefinitions\")"},
       {},
       2,
       {"unknown field", "did you mean", "missing required"}});
  add({"CloudFormation resource as the services section",
       from_quickstart({set_at("/services", {{"Type", "AWS::ECS::Service"},
                                             {"DependsOn", "Listener"},
                                             {"Properties", {{"ServiceName", "web"}, {"DesiredCount", 2}}}})}),
       Where::kPointer,
       "/services/Type",
       "|\"Type\": \"AWS::ECS::Service\"",
       {"not a service", "give a list here whose elements are what each resource's \"Properties\" holds",
        "`aws ecs describe-services` output", "camelCase (\"desiredCount\")"},
       {},
       2,
       {"expected an array"}});
  add({"a template's resources as the targetGroups section",
       from_quickstart(
           {set_at("/targetGroups", {{"WebTargetGroup",
                                      {{"Type", "AWS::ElasticLoadBalancingV2::TargetGroup"},
                                       {"Properties", {{"Name", "web-tg"}, {"Port", 80}, {"Protocol", "HTTP"}}}}}})}),
       Where::kPointer,
       "/targetGroups/WebTargetGroup/Type",
       "|\"Type\": \"AWS::ElasticLoadBalancingV2::TargetGroup\"",
       {"CloudFormation resource", "not a target group", "`aws elbv2 describe-target-groups` output"},
       {},
       2,
       // The ELB API is PascalCase as CloudFormation is: nothing to rename.
       {"PascalCase", "expected an array"}});
  add({"a CloudFormation template as the scenario",
       json{{"AWSTemplateFormatVersion", "2010-09-09"},
            {"Description", "web service"},
            {"Resources", {{"WebTaskDefinition", cfn_task_definition}}}}
           .dump(2),
       Where::kPointer,
       "/Resources",
       "|\"Resources\"",
       {"this looks like a CloudFormation template, not a scenario",
        "what the \"Properties\" of each resource (such as \"WebTaskDefinition\", an AWS::ECS::TaskDefinition) hold",
        "describe-* output"},
       {"--seed", "3"},  // --seed adds a "simulation": the template is still what is reported
       2,
       {"unknown field", "missing required"}});
  return rows;
}

}  // namespace

TEST_CASE("the base of the table is a valid scenario", "[scenarios][bad]") {
  // Every row is the base plus one mistake; were the base itself invalid, the rows would prove nothing.
  TempDir dir;
  std::filesystem::path file = write_scenario(dir, from_quickstart({}));
  ProcessResult validate = run_fleetsim({"validate", file.string()});
  INFO(validate.err);
  CHECK(validate.exit_code == 0);
  CHECK(validate.err.empty());
  CHECK_THAT(validate.out, Catch::StartsWith(file.string() + ": valid\n"));
  ProcessResult run =
      run_fleetsim({"run", file.string(), "--out", (dir.path() / "out").string(), "--no-progress", "-q"});
  CHECK(run.exit_code == 0);
  CHECK(std::filesystem::exists(dir.path() / "out" / "summary.json"));
}

TEST_CASE("bad scenarios exit 2 with a located message and write nothing", "[scenarios][bad]") {
  // Built once: Catch2 re-enters the test case for every section, and some rows are megabytes of text.
  static const std::vector<BadScenario> kRows = bad_scenarios();
  REQUIRE(kRows.size() >= 30);
  for (const BadScenario& row : kRows) {
    DYNAMIC_SECTION(row.name) { check_refused(row); }
  }
}

// Issue #17 item 8: settings that make a run look better than AWS would are valid (exit 0) but called out, by
// `validate` on stdout and by `run` on stderr, each at its place in the file.
TEST_CASE("validate and run warn about short cooldowns, short grace periods and actions after the end",
          "[scenarios][warnings]") {
  TempDir dir;
  std::filesystem::path file = write_scenario(
      dir,
      from_quickstart({
          // 60 s < the 180 s publication delay of a 1-minute metric (catalog.autoscaling.publicationDelay).
          set_at("/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/ScaleOutCooldown", 60),
          // 2 s < the container's start-up, uniform 5..15 s (mean 10 s).
          set_at("/services/0/healthCheckGracePeriodSeconds", 2),
          // 10 minutes of run: an action at 20m never happens.
          set_at("/timeline",
                 json::array({{{"at", "20m"}, {"action", "updateService"}, {"service", "web"}, {"desiredCount", 4}}})),
      }));
  ProcessResult validate = run_fleetsim({"validate", file.string()});
  CHECK(validate.exit_code == 0);
  CHECK_THAT(validate.out,
             Catch::Contains("/scalingPolicies/0/TargetTrackingScalingPolicyConfiguration/ScaleOutCooldown: "
                             "warning: ScaleOutCooldown 1m is shorter than the publication delay of CPUUtilization "
                             "(3m, catalog.autoscaling)"));
  CHECK_THAT(validate.out, !Catch::Contains("ScaleInCooldown"));  // 300 s is not shorter
  CHECK_THAT(validate.out, Catch::Contains("/services/0/healthCheckGracePeriodSeconds: warning: "
                                           "healthCheckGracePeriodSeconds 2 is shorter than container app's start-up "
                                           "(x-fleetsim.startupTime, mean 10 s)"));
  CHECK_THAT(validate.out, Catch::Contains("/timeline/0/at: warning: at 20m is after the end of the run (10m): the "
                                           "action never happens"));
  ProcessResult run = run_fleetsim({"run", file.string(), "--out", (dir.path() / "out").string(), "--no-progress"});
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.err, Catch::Contains("/timeline/0/at: warning: at 20m is after the end of the run"));
  CHECK_THAT(run.err, Catch::Contains("ScaleOutCooldown: warning:"));
  CHECK_THAT(run.err, Catch::Contains("healthCheckGracePeriodSeconds: warning:"));

  // Fixed, nothing is said.
  std::filesystem::path fixed =
      write_scenario(dir, from_quickstart({set_at("/services/0/healthCheckGracePeriodSeconds", 60)}));
  ProcessResult quiet = run_fleetsim({"validate", fixed.string()});
  CHECK(quiet.exit_code == 0);
  CHECK_THAT(quiet.out, !Catch::Contains("warning"));
}

// Issue #17, pasting: describe-services prints "placementConstraints": [] and "placementStrategy": [] for a Fargate
// service (ECS API reference, DescribeServices example); empty, they say nothing and load. A strategy is still refused.
TEST_CASE("a Fargate service with describe-services' empty placement arrays loads", "[scenarios][pasting]") {
  TempDir dir;
  std::filesystem::path file =
      write_scenario(dir, from_quickstart({set_at("/services/0/placementConstraints", json::array()),
                                           set_at("/services/0/placementStrategy", json::array())}));
  ProcessResult validate = run_fleetsim({"validate", file.string()});
  INFO(validate.err);
  CHECK(validate.exit_code == 0);
  std::filesystem::path spread = write_scenario(
      dir,
      from_quickstart({set_at("/services/0/placementStrategy",
                              json::array({{{"type", "spread"}, {"field", "attribute:ecs.availability-zone"}}}))}),
      "spread.json");
  ProcessResult refused = run_fleetsim({"validate", spread.string()});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.err, Catch::Contains("/services/0/placementStrategy: Fargate tasks take no placement strategies"));
}
