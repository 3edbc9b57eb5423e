// ECS task placement on hand-worked clusters: resources, constraints, strategies in order, the
// failure reasons ECS reports, scale-in choice, and the cluster query language.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "models/ecs/placement.hpp"
#include "sim/random/stream_seed.hpp"
#include "sim/wildcard.hpp"

using namespace fleetsim;

namespace {

// One instance of a hand-worked cluster; its index is its position times 10, so a test that confused
// positions with indices would fail.
struct Spec {
  const char* az;
  const char* type;
  int cpu;
  int mem;
  int group = 0;
  std::vector<int> ports = {};
  int enis = 3;
  bool draining = false;
};

std::vector<InstanceView> build(const std::vector<Spec>& specs) {
  std::vector<InstanceView> out;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    InstanceView v;
    v.index = static_cast<std::uint32_t>(i * 10);
    v.instance_id = "i-" + std::to_string(i);
    v.availability_zone = specs[i].az;
    v.instance_type = specs[i].type;
    v.remaining_cpu_units = specs[i].cpu;
    v.remaining_memory_mib = specs[i].mem;
    v.tasks_of_group = specs[i].group;
    v.used_host_ports = specs[i].ports;
    v.free_enis = specs[i].enis;
    v.draining = specs[i].draining;
    out.push_back(v);
  }
  return out;
}

// A cluster under test: its host table and ECS's placement over it.
struct Cluster {
  explicit Cluster(const std::vector<InstanceView>& instances) {
    for (const InstanceView& v : instances) hosts.add_host(host_view(v));
  }
  HostTable hosts;
  TaskPlacement placement{hosts};
};

PlacementPolicy strategies(std::vector<PlacementStrategy> s) {
  PlacementPolicy p;
  p.strategies = std::move(s);
  return p;
}

PlacementPolicy with_constraint(PlacementPolicy p, PlacementConstraint c) {
  p.constraints.push_back(std::move(c));
  return p;
}

const PlacementStrategy kBinpackMemory = PlacementStrategy::binpack(BinpackField::kMemory);
const PlacementStrategy kBinpackCpu = PlacementStrategy::binpack(BinpackField::kCpu);
const PlacementStrategy kSpreadAz = PlacementStrategy::spread("attribute:ecs.availability-zone");
const PlacementStrategy kSpreadInstance = PlacementStrategy::spread("instanceId");

struct PlaceCase {
  const char* name;
  std::vector<Spec> cluster;
  PlacementPolicy policy;
  ResourceRequest task;
  PlacementFailure failure;  // kNone: placed on `instance`
  std::uint32_t instance;    // placed, or the closest matching instance
};

}  // namespace

TEST_CASE("placement: hand-worked table", "[placement]") {
  const ResourceRequest small{256, 512, {}, false};
  const std::vector<PlaceCase> cases = {
      // memory left 4000, 1500, 1000 (too little), 3000: the least that still fits is 1500
      {"binpack memory",
       {{"a", "m5.large", 2048, 4000},
        {"a", "m5.large", 2048, 1500},
        {"a", "m5.large", 2048, 1000},
        {"a", "m5.large", 2048, 3000}},
       strategies({kBinpackMemory}),
       {256, 1200, {}, false},
       PlacementFailure::kNone,
       10},
      // CPU left 2048, 512 (too little for 768), 1024: 1024
      {"binpack cpu",
       {{"a", "m5.large", 2048, 8000}, {"a", "m5.large", 512, 8000}, {"a", "m5.large", 1024, 8000}},
       strategies({kBinpackCpu}),
       {768, 256, {}, false},
       PlacementFailure::kNone,
       20},
      // AZ tasks a=1, b=0, c=1 -> b; then least memory in b: 4000 (position 3)
      {"spread AZ then binpack memory",
       {{"a", "m5.large", 2048, 2000, 1},
        {"a", "m5.large", 2048, 3000},
        {"b", "m5.large", 2048, 5000},
        {"b", "m5.large", 2048, 4000},
        {"c", "m5.large", 2048, 1000, 1}},
       strategies({kSpreadAz, kBinpackMemory}),
       small,
       PlacementFailure::kNone,
       30},
      // group tasks 2, 1, 1, 3: fewest is 1, tie -> lowest position
      {"spread instanceId",
       {{"a", "m5.large", 2048, 4000, 2},
        {"a", "m5.large", 2048, 4000, 1},
        {"b", "m5.large", 2048, 4000, 1},
        {"b", "m5.large", 2048, 4000, 3}},
       strategies({kSpreadInstance}),
       small,
       PlacementFailure::kNone,
       10},
      // default: AZ a has 2+0, AZ b has 1+1 -> tie on AZ, fewest on instance -> position 1 (0 tasks)
      {"service default: AZ then instance",
       {{"a", "m5.large", 2048, 4000, 2},
        {"a", "m5.large", 2048, 4000, 0},
        {"b", "m5.large", 2048, 4000, 1},
        {"b", "m5.large", 2048, 4000, 1}},
       PlacementPolicy{},
       small,
       PlacementFailure::kNone,
       10},
      // default with a lighter AZ: c has no task, so c wins although a has an empty instance
      {"service default: lightest AZ first",
       {{"a", "m5.large", 2048, 4000, 0}, {"a", "m5.large", 2048, 4000, 2}, {"c", "m5.large", 2048, 4000, 0}},
       PlacementPolicy{},
       small,
       PlacementFailure::kNone,
       20},
      {"distinctInstance picks the instance without a task",
       {{"a", "m5.large", 2048, 4000, 1}, {"a", "m5.large", 2048, 9000, 0}, {"b", "m5.large", 2048, 4000, 1}},
       with_constraint(strategies({kBinpackMemory}), PlacementConstraint::distinct_instance()),
       small,
       PlacementFailure::kNone,
       10},
      {"distinctInstance unsatisfied",
       {{"a", "m5.large", 2048, 4000, 1}, {"b", "m5.large", 2048, 4000, 1}},
       with_constraint(strategies({kBinpackMemory}), PlacementConstraint::distinct_instance()),
       small,
       PlacementFailure::kGroupOnHost,
       0},
      // only t3.* qualify; binpack memory among them: 1500 < 3000
      {"memberOf instance-type wildcard",
       {{"a", "m5.large", 2048, 1000},
        {"a", "t3.medium", 2048, 3000},
        {"b", "t3.large", 2048, 1500},
        {"b", "t2.micro", 2048, 800}},
       with_constraint(strategies({kBinpackMemory}),
                       PlacementConstraint::member_of("attribute:ecs.instance-type =~ t3.*")),
       small,
       PlacementFailure::kNone,
       20},
      {"memberOf AZ in",
       {{"us-east-1a", "m5.large", 2048, 1000},
        {"us-east-1b", "m5.large", 2048, 3000},
        {"us-east-1c", "m5.large", 2048, 2000}},
       with_constraint(strategies({kBinpackMemory}),
                       PlacementConstraint::member_of("attribute:ecs.availability-zone in (us-east-1b, us-east-1c)")),
       small,
       PlacementFailure::kNone,
       20},
      {"memberOf unsatisfied: closest is the first that passed resources",
       {{"a", "m5.large", 100, 4000}, {"a", "m5.large", 2048, 4000}},
       with_constraint(strategies({kBinpackMemory}),
                       PlacementConstraint::member_of("attribute:ecs.instance-type == c5.large")),
       small,
       PlacementFailure::kNotEligible,
       10},
      {"static host port in use on the first instance",
       {{"a", "m5.large", 2048, 1000, 0, {22, 80}}, {"a", "m5.large", 2048, 4000, 0, {22, 443}}},
       strategies({kBinpackMemory}),
       {256, 512, {80}, false},
       PlacementFailure::kNone,
       10},
      {"static host port in use everywhere",
       {{"a", "m5.large", 2048, 1000, 0, {80}}, {"a", "m5.large", 2048, 4000, 0, {8080, 80}}},
       strategies({kBinpackMemory}),
       {256, 512, {443, 80}, false},
       PlacementFailure::kPorts,
       0},
      {"awsvpc needs a free ENI",
       {{"a", "m5.large", 2048, 1000, 0, {}, 0}, {"a", "m5.large", 2048, 4000, 0, {}, 1}},
       strategies({kBinpackMemory}),
       {256, 512, {}, true},
       PlacementFailure::kNone,
       10},
      {"ENIs exhausted",
       {{"a", "m5.large", 2048, 1000, 0, {}, 0}, {"a", "m5.large", 2048, 4000, 0, {}, 0}},
       strategies({kBinpackMemory}),
       {256, 512, {}, true},
       PlacementFailure::kEni,
       0},
      {"no CPU anywhere",
       {{"a", "m5.large", 100, 4000}, {"a", "m5.large", 200, 4000}},
       strategies({kBinpackMemory}),
       small,
       PlacementFailure::kCpu,
       0},
      // the second instance has the CPU but not the memory: it got further, so it is the closest
      {"memory is closer than CPU",
       {{"a", "m5.large", 100, 4000}, {"a", "m5.large", 2048, 100}},
       strategies({kBinpackMemory}),
       small,
       PlacementFailure::kMemory,
       10},
      {"draining instance excluded although it binpacks best",
       {{"a", "m5.large", 2048, 600, 0, {}, 3, true}, {"a", "m5.large", 2048, 4000}, {"a", "m5.large", 2048, 2000}},
       strategies({kBinpackMemory}),
       small,
       PlacementFailure::kNone,
       20},
      {"only draining instances",
       {{"a", "m5.large", 2048, 600, 0, {}, 3, true}},
       strategies({kBinpackMemory}),
       small,
       PlacementFailure::kNoHosts,
       0},
      {"empty cluster", {}, PlacementPolicy{}, small, PlacementFailure::kNoHosts, 0},
  };
  for (const PlaceCase& c : cases) {
    SECTION(c.name) {
      Cluster cluster(build(c.cluster));
      const BoundPolicy policy = cluster.placement.bind(c.policy);
      const PlacementResult r = cluster.placement.place(policy, c.task);
      CHECK(r.failure == c.failure);
      CHECK(r.instance == c.instance);
      CHECK(r.ok() == (c.failure == PlacementFailure::kNone));
    }
  }
}

TEST_CASE("placement: reason strings and the service event", "[placement]") {
  CHECK(failure_reason(PlacementFailure::kCpu) == "RESOURCE:CPU");
  CHECK(failure_reason(PlacementFailure::kMemory) == "RESOURCE:MEMORY");
  CHECK(failure_reason(PlacementFailure::kPorts) == "RESOURCE:PORTS");
  CHECK(failure_reason(PlacementFailure::kEni) == "RESOURCE:ENI");
  CHECK(failure_reason(PlacementFailure::kNotEligible) == "MemberOf placement constraint unsatisfied");
  CHECK(failure_reason(PlacementFailure::kGroupOnHost) == "DistinctInstance placement constraint unsatisfied");
  CHECK(failure_reason(PlacementFailure::kNone).empty());

  const std::string head =
      "service web was unable to place a task because no container instance met all of its requirements.";
  const std::string tail = " For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
  CHECK(service_event_message("web", {PlacementFailure::kMemory, 10}, "i-1") ==
        head + " The closest matching container-instance i-1 has insufficient memory available." + tail);
  CHECK(service_event_message("web", {PlacementFailure::kCpu, 10}, "i-1") ==
        head + " The closest matching container-instance i-1 has insufficient CPU units available." + tail);
  CHECK(service_event_message("web", {PlacementFailure::kPorts, 10}, "i-1") ==
        head + " The closest matching container-instance i-1 is already using a port required by your task." + tail);
  CHECK(service_event_message("web", {PlacementFailure::kNotEligible, 10}, "i-1") ==
        head +
            " The closest matching container-instance i-1 encountered error "
            "\"MemberOf placement constraint unsatisfied.\"." +
            tail);
  CHECK(service_event_message("web", {PlacementFailure::kEni, 10}, "i-1") ==
        head + " The closest matching container-instance i-1 encountered error \"RESOURCE:ENI\"." + tail);
  CHECK(service_event_message("web", {PlacementFailure::kNoHosts, 0}, "") == head);
  CHECK(service_event_message("web", {PlacementFailure::kNone, 0}, "").empty());
}

TEST_CASE("placement: reserve and release keep the columns in step", "[placement]") {
  Cluster cluster(build({{"a", "m5.large", 2048, 4000, 0, {22}, 2}, {"b", "m5.large", 2048, 4000}}));
  const BoundPolicy policy = cluster.placement.bind(PlacementPolicy{});
  const ResourceRequest web{512, 1024, {80}, true};
  // default: AZs tie at 0, instances tie at 0 -> position 0
  PlacementResult r = cluster.placement.place(policy, web);
  REQUIRE(r.ok());
  REQUIRE(r.instance == 0);
  cluster.hosts.reserve(r.instance, web);
  CHECK(cluster.hosts.remaining_cpu(0) == 1536);
  CHECK(cluster.hosts.remaining_memory(0) == 2976);
  CHECK(cluster.hosts.free_enis(0) == 1);
  CHECK(cluster.hosts.group_tasks(0) == 1);
  // AZ a now has a task -> AZ b
  r = cluster.placement.place(policy, web);
  REQUIRE(r.instance == 10);
  cluster.hosts.reserve(r.instance, web);
  // both AZs have one task, and port 80 is taken on both
  r = cluster.placement.place(policy, web);
  CHECK(r.failure == PlacementFailure::kPorts);
  cluster.hosts.release(0, web);
  CHECK(cluster.hosts.remaining_cpu(0) == 2048);
  CHECK(cluster.hosts.free_enis(0) == 2);
  CHECK(cluster.hosts.group_tasks(0) == 0);
  r = cluster.placement.place(policy, web);
  CHECK(r.instance == 0);
  CHECK_THROWS_AS(cluster.hosts.reserve(5, web), std::out_of_range);
  CHECK_THROWS_AS(cluster.hosts.reserve(10, ResourceRequest{4096, 1, {}, false}), std::invalid_argument);
  cluster.hosts.set_draining(0, true);
  r = cluster.placement.place(policy, ResourceRequest{512, 1024, {}, false});
  CHECK(r.instance == 10);
  const std::vector<int> other_group = {0, 5};
  cluster.hosts.set_group_tasks(other_group);
  CHECK(cluster.hosts.group_tasks(10) == 5);
}

TEST_CASE("placement: random is deterministic per seed and roughly uniform", "[placement]") {
  Cluster cluster(build({{"a", "m5.large", 2048, 4000},
                         {"b", "m5.large", 2048, 4000},
                         {"c", "m5.large", 2048, 4000},
                         {"c", "m5.large", 1, 4000}}));  // never fits: excluded before drawing
  const BoundPolicy policy = cluster.placement.bind(strategies({PlacementStrategy::random()}));
  const ResourceRequest task{256, 256, {}, false};
  CHECK_THROWS_AS(cluster.placement.place(policy, task), std::invalid_argument);
  auto run = [&](std::uint64_t seed) {
    Rng rng = make_stream(seed, "placement/test");
    std::vector<std::uint32_t> picks;
    for (int i = 0; i < 3000; ++i) picks.push_back(cluster.placement.place(policy, task, &rng).instance);
    return picks;
  };
  const auto a = run(7);
  CHECK(a == run(7));
  CHECK(a != run(8));
  int counts[4] = {0, 0, 0, 0};
  for (std::uint32_t p : a) ++counts[p / 10];
  // 1000 expected each; sd ~ 26, so +-100 is ~4 sd
  CHECK(counts[0] > 900);
  CHECK(counts[0] < 1100);
  CHECK(counts[1] > 900);
  CHECK(counts[1] < 1100);
  CHECK(counts[2] > 900);
  CHECK(counts[2] < 1100);
  CHECK(counts[3] == 0);
}

TEST_CASE("placement: random after spread only draws among the survivors", "[placement]") {
  Cluster cluster(
      build({{"a", "m5.large", 2048, 4000, 1}, {"b", "m5.large", 2048, 4000}, {"b", "m5.large", 2048, 4000}}));
  const BoundPolicy policy = cluster.placement.bind(strategies({kSpreadAz, PlacementStrategy::random()}));
  Rng rng(1);
  int seen[3] = {0, 0, 0};
  for (int i = 0; i < 200; ++i) ++seen[cluster.placement.place(policy, {256, 256, {}, false}, &rng).instance / 10];
  CHECK(seen[0] == 0);
  CHECK(seen[1] > 60);
  CHECK(seen[2] > 60);
}

TEST_CASE("placement: scale-in choices", "[placement]") {
  SECTION("binpack memory stops the task on the instance with the most memory left") {
    Cluster cluster(build({{"a", "m5.large", 2048, 1000, 1},
                           {"a", "m5.large", 2048, 6000, 0},  // most memory but no task
                           {"b", "m5.large", 2048, 3000, 2},
                           {"b", "m5.large", 2048, 2000, 1}}));
    CHECK(cluster.placement.choose_scale_in(cluster.placement.bind(strategies({kBinpackMemory}))) == 20u);
  }
  SECTION("default keeps AZ balance: AZ with the most tasks, then the instance with the most") {
    // AZ a: 1 + 1 = 2; AZ b: 1 + 2 = 3 -> b; in b the instance with 2 tasks
    Cluster cluster(build({{"a", "m5.large", 2048, 4000, 1},
                           {"a", "m5.large", 2048, 4000, 1},
                           {"b", "m5.large", 2048, 4000, 1},
                           {"b", "m5.large", 2048, 4000, 2},
                           {"c", "m5.large", 2048, 4000, 0}}));
    CHECK(cluster.placement.choose_scale_in(cluster.placement.bind(PlacementPolicy{})) == 30u);
  }
  SECTION("default with tied AZs falls to the instance with the most, lowest position first") {
    // AZ a: 2 + 1 = 3, AZ b: 2 + 1 = 3; two instances hold 2 -> the first of them
    Cluster cluster(build({{"a", "m5.large", 2048, 4000, 2},
                           {"a", "m5.large", 2048, 4000, 1},
                           {"b", "m5.large", 2048, 4000, 2},
                           {"b", "m5.large", 2048, 4000, 1}}));
    CHECK(cluster.placement.choose_scale_in(cluster.placement.bind(PlacementPolicy{})) == 0u);
  }
  SECTION("spread instanceId stops on the instance with the most tasks") {
    Cluster cluster(build({{"a", "m5.large", 2048, 4000, 1}, {"b", "m5.large", 2048, 4000, 4}}));
    CHECK(cluster.placement.choose_scale_in(cluster.placement.bind(strategies({kSpreadInstance}))) == 10u);
  }
  SECTION("no task of the group") {
    Cluster cluster(build({{"a", "m5.large", 2048, 4000, 0}}));
    CHECK_FALSE(cluster.placement.choose_scale_in(cluster.placement.bind(PlacementPolicy{})).has_value());
  }
}

TEST_CASE("placement: custom attributes and overrides", "[placement]") {
  std::vector<InstanceView> views = build({{"a", "m5.large", 2048, 4000}, {"a", "c6g.large", 2048, 1000}});
  views[0].attributes["stack"] = "prod";
  views[1].attributes["stack"] = "test";
  views[1].cpu_architecture = "arm64";
  Cluster cluster(views);
  auto pick = [&](const char* expr) {
    return cluster.placement.place(
        cluster.placement.bind(with_constraint(strategies({kBinpackMemory}), PlacementConstraint::member_of(expr))),
        {256, 256, {}, false});
  };
  CHECK(pick("attribute:stack == prod").instance == 0);
  CHECK(pick("attribute:ecs.cpu-architecture == arm64").instance == 10);
  CHECK(pick("attribute:ecs.os-type == linux and not attribute:stack in [test]").instance == 0);
  CHECK(pick("attribute:team exists").failure == PlacementFailure::kNotEligible);
  CHECK(pick("attribute:team not exists").instance == 10);
}

TEST_CASE("placement: strategy parsing", "[placement]") {
  CHECK(PlacementStrategy::parse("binpack", "cpu").binpack_field == BinpackField::kCpu);
  CHECK(PlacementStrategy::parse("binpack", "memory").binpack_field == BinpackField::kMemory);
  CHECK(PlacementStrategy::parse("spread", "host").spread_attribute.empty());
  CHECK(PlacementStrategy::parse("spread", "attribute:ecs.availability-zone").spread_attribute ==
        "ecs.availability-zone");
  CHECK(PlacementStrategy::parse("random", "").type == PlacementStrategy::Type::kRandom);
  CHECK_THROWS_WITH(PlacementStrategy::parse("binpack", "disk"), Catch::Contains("expected cpu or memory"));
  CHECK_THROWS_WITH(PlacementStrategy::parse("spread", "az"), Catch::Contains("attribute:NAME"));
  CHECK_THROWS_WITH(PlacementStrategy::parse("pack", ""), Catch::Contains("expected binpack, spread or random"));
  std::vector<InstanceView> reversed = build({{"a", "x", 1, 1}, {"a", "x", 1, 1}});
  std::swap(reversed[0].index, reversed[1].index);
  CHECK_THROWS_AS(Cluster(reversed), std::invalid_argument);
}

TEST_CASE("cluster query: evaluation", "[cluster_query]") {
  const std::map<std::string, std::string> t3{{"ecs.instance-type", "t3.medium"},
                                              {"ecs.availability-zone", "us-east-1b"}};
  auto eval = [&](const char* q) { return ClusterQuery::parse(q).matches(t3); };
  CHECK(eval("attribute:ecs.instance-type == t3.medium"));
  CHECK(eval("attribute:ecs.instance-type equals t3.medium"));
  CHECK_FALSE(eval("attribute:ecs.instance-type != t3.medium"));
  CHECK(eval("attribute:ecs.instance-type =~ t3.*"));
  CHECK(eval("attribute:ecs.instance-type matches *.medium"));
  CHECK_FALSE(eval("attribute:ecs.instance-type =~ t2.*"));
  CHECK(eval("attribute:ecs.availability-zone in (us-east-1a, us-east-1b)"));
  CHECK_FALSE(eval("attribute:ecs.availability-zone not in (us-east-1a, us-east-1b)"));
  CHECK(eval("attribute:ecs.availability-zone !in [us-east-1c]"));
  CHECK(eval("attribute:ecs.availability-zone not_in [us-east-1c]"));
  CHECK(eval("attribute:ecs.instance-type exists"));
  CHECK(eval("attribute:gpu not exists"));
  CHECK(eval("attribute:gpu !exists"));
  // an absent attribute fails the positive tests and passes the negative ones
  CHECK_FALSE(eval("attribute:gpu == yes"));
  CHECK(eval("attribute:gpu != yes"));
  CHECK_FALSE(eval("attribute:gpu =~ *"));
  CHECK(eval("attribute:gpu not in (a)"));
  // precedence: not > and > or
  CHECK(eval("attribute:gpu exists or attribute:ecs.instance-type == t3.medium and attribute:x not exists"));
  CHECK_FALSE(eval("(attribute:gpu exists or attribute:ecs.instance-type == t3.medium) and attribute:x exists"));
  CHECK_FALSE(eval("not attribute:ecs.instance-type =~ t3.* || attribute:gpu exists"));
  CHECK(eval("!(attribute:gpu exists) && attribute:ecs.instance-type=='t3.medium'"));
  CHECK(eval("not not attribute:ecs.instance-type exists"));
}

TEST_CASE("cluster query: wildcard matching", "[cluster_query]") {
  CHECK(wildcard_match("t2.*", "t2.micro"));
  CHECK(wildcard_match("t2.*", "t2."));
  CHECK_FALSE(wildcard_match("t2.*", "t3.micro"));
  CHECK(wildcard_match("*", ""));
  CHECK(wildcard_match("*.large", "m5.large"));
  CHECK_FALSE(wildcard_match("*.large", "m5.xlarge"));
  CHECK(wildcard_match("m*.*large", "m5.xlarge"));
  CHECK(wildcard_match("a*b*c", "aXbYbZc"));
  CHECK_FALSE(wildcard_match("a*b*c", "aXbYbZ"));
  CHECK(wildcard_match("exact", "exact"));
  CHECK_FALSE(wildcard_match("exact", "exactly"));
  CHECK_FALSE(wildcard_match("", "x"));
}

TEST_CASE("cluster query: parse errors carry the position", "[cluster_query]") {
  struct Bad {
    const char* text;
    std::size_t position;
    const char* says;
  };
  const std::vector<Bad> bad = {
      {"", 0, "empty query"},
      {"   ", 3, "empty query"},
      {"attribute:ecs.instance-type", 27, "expected an operator"},
      {"attribute:x == ", 15, "expected a value after '=='"},
      {"attribute:x in (a, b", 20, "expected ',' or ')'"},
      {"attribute:x in a", 15, "expected '(' or '['"},
      {"(attribute:x exists", 19, "expected ')' to close the '(' at character 1"},
      {"ec2InstanceId == i-1", 0, "only attribute subjects"},
      {"attribute: exists", 0, "attribute name missing"},
      {"attribute:x > 3", 12, "not supported"},
      {"attribute:x == a b", 17, "expected 'and', 'or' or the end"},
      {"attribute:x not within (a)", 16, "expected 'in' or 'exists'"},
      {"attribute:x == 'abc", 15, "unterminated"},
      {"attribute:x exists and", 22, "expected attribute:NAME"},
      {"attribute:x = a", 12, "unexpected character '='"},
  };
  for (const Bad& b : bad) {
    SECTION(b.text) {
      try {
        (void)ClusterQuery::parse(b.text);
        FAIL("parsed without error");
      } catch (const QueryParseError& e) {
        CHECK(e.position() == b.position);
        CHECK_THAT(e.what(), Catch::Contains(b.says));
        CHECK_THAT(e.what(), Catch::Contains("at character " + std::to_string(b.position + 1)));
      }
    }
  }
}

TEST_CASE("instances added after binding join placement once the policy is refreshed", "[placement]") {
  Cluster cluster({});
  PlacementPolicy policy;
  policy.constraints.push_back(PlacementConstraint::member_of("attribute:ecs.instance-type == m5.large"));
  policy.strategies.push_back(PlacementStrategy::spread("attribute:ecs.availability-zone"));
  BoundPolicy bound = cluster.placement.bind(policy);
  ResourceRequest task{512, 512, {}, false};
  CHECK(cluster.placement.place(bound, task).failure == PlacementFailure::kNoHosts);

  auto instance = [](std::uint32_t index, const char* type, const char* zone) {
    InstanceView v;
    v.index = index;
    v.instance_id = "i-" + std::to_string(index);
    v.instance_type = type;
    v.availability_zone = zone;
    v.remaining_cpu_units = 2048;
    v.remaining_memory_mib = 4096;
    return v;
  };
  cluster.hosts.add_host(host_view(instance(0, "m5.large", "us-east-1a")));
  cluster.hosts.add_host(host_view(instance(1, "c5.large", "us-east-1b")));
  // Not refreshed: the policy does not know the new instances and says so rather than guessing.
  CHECK_THROWS_AS(cluster.placement.place(bound, task), std::invalid_argument);
  cluster.placement.refresh(bound);
  PlacementResult first = cluster.placement.place(bound, task);
  REQUIRE(first.ok());
  CHECK(first.instance == 0);  // memberOf excludes the c5
  cluster.hosts.reserve(first.instance, task);
  // A third instance in a new AZ (an attribute value never seen at bind time) wins the spread.
  cluster.hosts.add_host(host_view(instance(2, "m5.large", "us-east-1c")));
  cluster.placement.refresh(bound);
  PlacementResult second = cluster.placement.place(bound, task);
  REQUIRE(second.ok());
  CHECK(second.instance == 2);
}
