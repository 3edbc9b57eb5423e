// The Cluster Autoscaler's scale-up estimate with the scheduler's own filters, and its expanders.

#include <catch2/catch.hpp>

#include "models/kubernetes/autoscaler/scale_up.hpp"
#include "tests/models/kubernetes/scheduler/scheduler_fixtures.hpp"

using namespace fleetsim;
using namespace fleetsim::kube;
using namespace fleetsim::kube::testing;

namespace {

GroupTemplate group(const std::string& id, std::int64_t cpu, int target, int max, Labels labels = {}) {
  GroupTemplate g;
  g.id = id;
  g.node = make_node("template-" + id, "us-east-1a", cpu, 8 * kGi);
  for (const auto& [k, v] : labels) g.node.labels[k] = v;
  g.capacity = {cpu + 70, 8 * kGi};
  g.target_size = target;
  g.max_size = max;
  return g;
}

std::vector<PodSchedulingSpec> pods(int n, std::int64_t cpu) {
  std::vector<PodSchedulingSpec> out;
  for (int i = 0; i < n; ++i) out.push_back(make_pod("p" + std::to_string(i), cpu, kGi));
  return out;
}

}  // namespace

TEST_CASE("pods are packed onto as many template nodes as they need", "[kube][autoscaler]") {
  // 7 pods of 700m on nodes of 1930m allocatable: two per node, four nodes.
  std::vector<GroupTemplate> groups{group("small", 1930, 1, 10)};
  Scheduler s;
  Rng rng(1);
  ScaleUpPlan plan = estimate_scale_up(groups, pods(7, 700), s, rng);
  REQUIRE(plan.options.size() == 1);
  CHECK(plan.options[0].node_count == 4);
  CHECK(plan.options[0].pods.size() == 7);
}

TEST_CASE("a group's max size and the scheduler's filters reject pods with CA's reasons", "[kube][autoscaler]") {
  std::vector<GroupTemplate> groups{group("small", 1930, 8, 9), group("gpu", 8000, 0, 4, {{"gpu", "true"}})};
  groups[1].node.taints.push_back({"nvidia.com/gpu", "", TaintEffect::kNoSchedule});
  std::vector<PodSchedulingSpec> ps = pods(3, 1500);
  ps.push_back(make_pod("huge", 3000, kGi));
  Scheduler s;
  Rng rng(1);
  ScaleUpPlan plan = estimate_scale_up(groups, ps, s, rng);
  // One node of "small" left: it takes the largest pod that fits (1500m); the rest hit the max size.
  REQUIRE(plan.options.size() == 1);
  CHECK(plan.options[0].node_count == 1);
  CHECK(plan.options[0].pods.size() == 1);
  // The 3000m pod fits no small node, and the gpu group's taint is not tolerated.
  const auto& huge = plan.rejections[3];
  REQUIRE(huge.size() == 2);
  CHECK(huge[0].reasons == std::vector<std::string>{"Insufficient cpu"});
  CHECK(huge[1].reasons == std::vector<std::string>{"node(s) had untolerated taint {nvidia.com/gpu: }"});
  int at_max = 0;
  for (std::size_t p = 0; p < 3; ++p) {
    for (const GroupRejection& r : plan.rejections[p])
      at_max += r.reasons == std::vector<std::string>{"max node group size reached"} ? 1 : 0;
  }
  CHECK(at_max == 2);
}

TEST_CASE("expanders: least-waste, most-pods, and random among ties", "[kube][autoscaler]") {
  std::vector<ScaleUpOption> options(3);
  options[0].pods = {0, 1};
  options[0].wasted_cpu = 0.3, options[0].wasted_memory = 0.5;
  options[1].pods = {0, 1, 2};
  options[1].wasted_cpu = 0.4, options[1].wasted_memory = 0.5;
  options[2].pods = {0, 1, 2};
  options[2].wasted_cpu = 0.2, options[2].wasted_memory = 0.7;
  Rng rng(3);
  CHECK(choose_option(options, std::vector<Expander>{Expander::kLeastWaste}, rng) == 0);
  // most-pods keeps 1 and 2 (three pods each); least-waste then picks the one wasting less.
  options[2].wasted_memory = 0.8;
  CHECK(choose_option(options, std::vector<Expander>{Expander::kMostPods, Expander::kLeastWaste}, rng) == 1);
  options[2].wasted_memory = 0.6;
  CHECK(choose_option(options, std::vector<Expander>{Expander::kMostPods, Expander::kLeastWaste}, rng) == 2);
  // random picks every option sometimes.
  std::vector<int> seen(3, 0);
  for (int i = 0; i < 300; ++i) ++seen[choose_option(options, std::vector<Expander>{Expander::kRandom}, rng)];
  CHECK(std::min({seen[0], seen[1], seen[2]}) > 50);
}

TEST_CASE("the priority expander: the highest priority wins, the next expander breaks ties", "[kube][autoscaler]") {
  // The ConfigMap's rules as CA reads them: a search, not a whole match; a group takes its highest priority.
  std::string error;
  const std::vector<PriorityRule> rules = read_expander_priorities("10:\n  - .*\n50:\n  - spot\n  - ^gpu$\n", error);
  REQUIRE(error.empty());
  CHECK(group_priority(rules, "general") == 10);
  CHECK(group_priority(rules, "eks-spot-large") == 50);
  CHECK(group_priority(rules, "gpu-2") == 10);
  CHECK(group_priority({}, "general") == std::nullopt);
  std::vector<ScaleUpOption> options(3);
  options[0].wasted_cpu = 0.1, options[0].priority = 10;
  options[1].wasted_cpu = 0.5, options[1].priority = 50;
  options[2].wasted_cpu = 0.4, options[2].priority = 50;
  Rng rng(5);
  const std::vector<Expander> chain{Expander::kPriority, Expander::kLeastWaste};
  CHECK(choose_option(options, chain, rng) == 2);
  // No option matched any rule: all go on to least-waste (CA's "Falling back").
  for (ScaleUpOption& o : options) o.priority.reset();
  CHECK(choose_option(options, chain, rng) == 0);
  // Bad configurations are refused with CA's reasons.
  read_expander_priorities("high:\n  - .*\n", error);
  CHECK_THAT(error, Catch::Contains("not an integer"));
  read_expander_priorities("10:\n  - \"(\"\n", error);
  CHECK_THAT(error, Catch::Contains("can't compile regexp"));
}

TEST_CASE("balancing similar node groups evens their sizes", "[kube][autoscaler]") {
  std::vector<GroupTemplate> groups{group("a", 1930, 3, 10), group("b", 1930, 1, 10), group("c", 3930, 0, 10),
                                    group("d", 1930, 0, 1, {{"team", "x"}})};
  groups[1].node.labels[kZoneLabel] = "us-east-1b";  // zones differ between similar groups
  std::vector<std::size_t> similar = similar_groups(groups, 0);
  CHECK(similar == std::vector<std::size_t>{0, 1});
  // 4 new nodes: b catches up to 3 first, then one each (a first on the tie): a 3->4, b 1->4.
  CHECK(balance_nodes(groups, similar, 4) == std::vector<int>{1, 3});
  // Within max sizes: d has room for one.
  CHECK(balance_nodes(groups, std::vector<std::size_t>{3}, 4) == std::vector<int>{1});
}
