// The other subcommands and the output-folder promises of the spec.

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "tests/scenarios/run_in_process.hpp"

using namespace fleetsim;
using namespace fleetsim::testing;

namespace {

// Captures what a command prints on std::cout.
template <class F>
std::string captured_stdout(F f, int& code) {
  std::stringstream buffer;
  std::streambuf* old = std::cout.rdbuf(buffer.rdbuf());
  code = f();
  std::cout.rdbuf(old);
  return buffer.str();
}

}  // namespace

TEST_CASE("schema is a draft 2020-12 JSON Schema covering every section", "[commands]") {
  int code = -1;
  nlohmann::json schema = nlohmann::json::parse(captured_stdout([] { return schema_command(registry()); }, code));
  CHECK(code == 0);
  CHECK(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  for (const char* section : {"simulation", "outputs", "catalog", "taskDefinitions", "services", "targetGroups",
                              "loadBalancers", "workloads", "timeline", "images", "subnets"}) {
    INFO(section);
    CHECK(schema["properties"].contains(section));
  }
  CHECK(schema["additionalProperties"] == false);
  // Every $ref resolves.
  std::string text = schema.dump();
  for (std::size_t at = text.find("#/$defs/"); at != std::string::npos; at = text.find("#/$defs/", at + 1)) {
    std::string name = text.substr(at + 8, text.find('"', at) - at - 8);
    INFO(name);
    CHECK(schema["$defs"].contains(name));
  }
}

// Issue #17, pasting: a section that takes a describe-* document says so in the schema (the list, the document in
// its place, or the document as one of its elements), so an editor accepts what the AWS CLI printed; sections
// without one keep their plain array.
TEST_CASE("schema documents the describe-* output each section takes", "[commands]") {
  int code = -1;
  nlohmann::json schema = nlohmann::json::parse(captured_stdout([] { return schema_command(registry()); }, code));
  REQUIRE(code == 0);
  const nlohmann::json& defs = schema["$defs"];
  const nlohmann::json& services = schema["properties"]["services"];
  CHECK(services["description"] == "ECS services");
  REQUIRE(services["anyOf"].size() == 2);
  CHECK(services["anyOf"][0]["type"] == "array");
  CHECK(services["anyOf"][0]["maxItems"] == 10000);
  CHECK(services["anyOf"][0]["items"]["anyOf"] ==
        nlohmann::json::array({{{"$ref", "#/$defs/Service"}}, {{"$ref", "#/$defs/AwsEcsDescribeServicesOutput"}}}));
  CHECK(services["anyOf"][1] == nlohmann::json{{"$ref", "#/$defs/AwsEcsDescribeServicesOutput"}});
  const nlohmann::json& printed = defs["AwsEcsDescribeServicesOutput"];
  CHECK_THAT(printed["description"].get<std::string>(), Catch::StartsWith("What `aws ecs describe-services` prints"));
  CHECK(printed["properties"]["services"] ==
        nlohmann::json{{"type", "array"}, {"items", {{"$ref", "#/$defs/Service"}}}});
  CHECK(printed["properties"].contains("failures"));
  CHECK(printed["required"] == nlohmann::json::array({"services"}));
  CHECK(printed["additionalProperties"] == false);
  // One object under the key: describe-task-definition.
  const nlohmann::json& td = defs["AwsEcsDescribeTaskDefinitionOutput"];
  CHECK(td["properties"]["taskDefinition"] == nlohmann::json{{"$ref", "#/$defs/TaskDefinition"}});
  CHECK(td["properties"].contains("tags"));
  // Nested: describe-listeners' output under a load balancer's Listeners.
  CHECK(defs["LoadBalancer"]["properties"]["Listeners"]["anyOf"][1] ==
        nlohmann::json{{"$ref", "#/$defs/AwsElbv2DescribeListenersOutput"}});
  // Unchanged where the AWS CLI prints no such document.
  CHECK(schema["properties"]["workloads"]["type"] == "array");
  CHECK(!schema["properties"]["workloads"].contains("anyOf"));
}

TEST_CASE("every example scenario validates; validate lists ignored AWS fields", "[commands]") {
  for (const auto& scenario : example_scenarios()) {
    int code = -1;
    std::string out = captured_stdout([&] { return validate_command(registry(), {scenario.string()}); }, code);
    INFO(scenario);
    CHECK(code == 0);
    CHECK(out.find(": valid") != std::string::npos);
  }
  int code = -1;
  std::string out = captured_stdout(
      [&] { return validate_command(registry(), {(source_root() / "scenarios/quickstart.json").string()}); }, code);
  CHECK(out.find("/taskDefinitions/0/containerDefinitions/0/logConfiguration: AWS field accepted but not simulated") !=
        std::string::npos);
}

TEST_CASE("catalog prints regions, Fargate sizes and prices", "[commands]") {
  int code = -1;
  nlohmann::json c =
      nlohmann::json::parse(captured_stdout([] { return catalog_command(registry(), "us-east-1"); }, code));
  CHECK(code == 0);
  CHECK(c["fargate"]["prices"]["us-east-1"]["vcpuHour"] == 0.04048);       // aws-facts §5.2
  CHECK(c["fargate"]["prices"]["us-east-1"]["arm64VcpuHour"] == 0.03238);  // aws-facts §5.2, Linux/ARM
  CHECK(c["fargate"]["taskSizes"][0]["cpu"] == 256);
  CHECK(c["fargate"]["taskSizes"][0]["memoryMiB"] == nlohmann::json::array({512, 1024, 2048}));
  CHECK(catalog_command(registry(), "mars-north-1") == 2);
}

TEST_CASE("a failed run leaves an older output folder untouched", "[commands]") {
  TempDir dir;
  std::filesystem::path out = dir.path() / "out";
  ScenarioOverrides brief;
  brief.duration = "5m";
  REQUIRE(run_scenario(source_root() / "scenarios/quickstart.json", out, brief) == 0);
  std::string before = read_file(out / "summary.json");
  ScenarioOverrides bad = brief;
  bad.sets = {"/services/0/desiredCount=-1"};
  CHECK(run_scenario(source_root() / "scenarios/quickstart.json", out, bad) == 2);
  CHECK(read_file(out / "summary.json") == before);
  // A second good run replaces the folder whole, and leaves no staging or old folders behind.
  ScenarioOverrides longer;
  longer.duration = "10m";
  REQUIRE(run_scenario(source_root() / "scenarios/quickstart.json", out, longer) == 0);
  CHECK(read_file(out / "summary.json") != before);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("an output path that cannot be a folder is exit code 3 with nothing written", "[commands]") {
  TempDir dir;
  std::ofstream(dir.path() / "taken") << "a file";
  ScenarioOverrides brief;
  brief.duration = "5m";
  CHECK(run_scenario(source_root() / "scenarios/quickstart.json", dir.path() / "taken", brief) == 3);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("metrics can be written as JSON lines with the same content", "[commands]") {
  TempDir dir;
  const ModelRegistry& r = registry();
  RunOptions options;
  options.quiet = true;
  options.format = MetricsFormat::kJsonl;
  options.out_dir = (dir.path() / "jsonl").string();
  ScenarioOverrides brief;
  brief.duration = "10m";
  REQUIRE(run_command(r, (source_root() / "scenarios/quickstart.json").string(), brief, options) == 0);
  REQUIRE(run_scenario(source_root() / "scenarios/quickstart.json", dir.path() / "csv", brief) == 0);
  std::vector<CsvMetric> csv = read_metrics(dir.path() / "csv" / "metrics.csv");
  std::istringstream lines(read_file(dir.path() / "jsonl" / "metrics.jsonl"));
  std::size_t i = 0;
  for (std::string line; std::getline(lines, line); ++i) {
    nlohmann::json row = nlohmann::json::parse(line);
    REQUIRE(i < csv.size());
    CHECK(row["timestamp"] == csv[i].timestamp);
    CHECK(row["metric"] == csv[i].metric);
    CHECK(row["statistic"] == csv[i].statistic);
    CHECK(row["value"].get<double>() == csv[i].value);
  }
  CHECK(i == csv.size());
}

TEST_CASE("timeline.json holds every task's lifecycle as back-to-back slices, tracks reused", "[commands]") {
  TempDir dir;
  ScenarioOverrides o;
  o.sets = {"/outputs={\"timeline\": true}"};
  REQUIRE(run_scenario(source_root() / "scenarios/bad-deploy-rollback.json", dir.path() / "a", o) == 0);
  nlohmann::json trace = nlohmann::json::parse(read_file(dir.path() / "a" / "timeline.json"));
  // Per task (the slice args carry its id): slices that tile [PROVISIONING, STOPPED or the end] exactly.
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> slices;
  std::set<std::pair<int, int>> tracks;
  for (const auto& e : trace["traceEvents"]) {
    if (e["ph"] != "X") continue;
    CHECK(e["dur"].get<std::int64_t>() >= 0);
    slices[e["args"]["taskId"]].emplace_back(e["ts"], e["dur"]);
    tracks.emplace(e["pid"], e["tid"]);
  }
  std::map<std::string, std::pair<double, double>> life;  // task -> (PROVISIONING, STOPPED) from events.jsonl
  std::istringstream events(read_file(dir.path() / "a" / "events.jsonl"));
  int most_live = 0, live = 0;
  for (std::string line; std::getline(events, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] != "TaskStateChange") continue;
    if (e["lastStatus"] == "PROVISIONING") life[e["taskId"]] = {e["t"], 7200}, most_live = std::max(most_live, ++live);
    if (e["lastStatus"] == "STOPPED") life[e["taskId"]].second = e["t"], --live;
  }
  REQUIRE(slices.size() == life.size());
  for (auto& [task, s] : slices) {
    std::sort(s.begin(), s.end());
    for (std::size_t i = 1; i < s.size(); ++i) CHECK(s[i].first == s[i - 1].first + s[i - 1].second);
    CHECK(s.front().first == std::llround(life[task].first * 1e6));
    CHECK(s.back().first + s.back().second == std::llround(life[task].second * 1e6));
  }
  // A track a live task: as many as were ever live at once, not one per task launched.
  CHECK(static_cast<int>(tracks.size()) == most_live);
  CHECK(tracks.size() < life.size());
  // Deterministic like every other output file.
  REQUIRE(run_scenario(source_root() / "scenarios/bad-deploy-rollback.json", dir.path() / "b", o) == 0);
  CHECK(read_file(dir.path() / "a" / "timeline.json") == read_file(dir.path() / "b" / "timeline.json"));
}

TEST_CASE("timeline.json shows pods by workload and nodes by node group, as it shows tasks and instances",
          "[commands]") {
  TempDir dir;
  ScenarioOverrides o;
  // Past eks-web's rolling update at 2 h: the old ReplicaSet's pods end, the new one's begin.
  o.sets = {"/outputs={\"timeline\": true}", "/simulation/duration=\"2h20m\""};
  REQUIRE(run_scenario(source_root() / "scenarios/eks-web.json", dir.path(), o) == 0);
  nlohmann::json trace = nlohmann::json::parse(read_file(dir.path() / "timeline.json"));
  std::map<int, std::string> process;
  std::map<std::string, std::vector<std::pair<std::int64_t, std::int64_t>>> pods;
  std::set<std::string> nodes;
  for (const auto& e : trace["traceEvents"]) {
    if (e["name"] == "process_name") process[e["pid"]] = e["args"]["name"];
    if (e["ph"] != "X") continue;
    if (e["args"].contains("pod")) pods[e["args"]["pod"]].emplace_back(e["ts"], e["dur"]);
    if (e["args"].contains("node") && !e["args"].contains("pod")) nodes.insert(e["args"]["node"].get<std::string>());
  }
  // Every pod from its creation to its deletion (or the end), slices back to back.
  std::map<std::string, std::pair<double, double>> life;
  std::set<std::string> ready_nodes;
  std::istringstream events(read_file(dir.path() / "events.jsonl"));
  for (std::string line; std::getline(events, line);) {
    nlohmann::json e = nlohmann::json::parse(line);
    if (e["type"] == "NodeStateChange" && e["state"] == "Ready") ready_nodes.insert(e["node"].get<std::string>());
    if (e["type"] != "PodStatusChange") continue;
    if (e["reason"] == "Created") life[e["pod"]] = {e["t"], 8400};
    if (e["reason"] == "Deleted") life[e["pod"]].second = e["t"];
  }
  REQUIRE(pods.size() == life.size());
  int deleted = 0;
  for (auto& [pod, s] : pods) {
    std::sort(s.begin(), s.end());
    for (std::size_t i = 1; i < s.size(); ++i) CHECK(s[i].first == s[i - 1].first + s[i - 1].second);
    CHECK(s.front().first == std::llround(life[pod].first * 1e6));
    CHECK(s.back().first + s.back().second == std::llround(life[pod].second * 1e6));
    deleted += life[pod].second < 8400 ? 1 : 0;
  }
  CHECK(deleted > 0);
  CHECK(nodes == ready_nodes);
  std::set<std::string> groups;
  for (const auto& [pid, name] : process) groups.insert(name.substr(0, name.find(' ')));
  CHECK(groups == std::set<std::string>{"autoScalingGroup", "events", "nodegroup", "owner"});
}

TEST_CASE("every run writes report.html, the same bytes each time, unless outputs.report is false", "[commands]") {
  TempDir dir;
  ScenarioOverrides brief;
  brief.duration = "20m";
  REQUIRE(run_scenario(source_root() / "scenarios/quickstart.json", dir.path() / "a", brief) == 0);
  REQUIRE(run_scenario(source_root() / "scenarios/quickstart.json", dir.path() / "b", brief) == 0);
  std::string page = read_file(dir.path() / "a" / "report.html");
  CHECK(page.find("fleetsim report: quickstart") != std::string::npos);
  CHECK(read_file(dir.path() / "b" / "report.html") == page);  // run.json's timings differ; the page does not
  ScenarioOverrides off = brief;
  off.sets = {"/outputs={\"report\": false}"};
  REQUIRE(run_scenario(source_root() / "scenarios/quickstart.json", dir.path() / "c", off) == 0);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "c" / "report.html"));
  CHECK(std::filesystem::exists(dir.path() / "c" / "summary.json"));
}
