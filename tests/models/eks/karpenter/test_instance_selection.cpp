// Karpenter's provisioning arithmetic: the offers a NodePool allows and the cheapest node claims for a batch.

#include <catch2/catch.hpp>

#include "models/eks/karpenter/instance_selection.hpp"

using namespace fleetsim;

namespace {

constexpr std::int64_t kGi = 1024LL * 1024 * 1024;

// Three types: m5.large (2 vCPU, 8 GiB), m5.xlarge (4, 16 GiB), c5.xlarge (4, 8 GiB), with made-up prices.
std::map<std::string, InstanceType> types() {
  return {{"m5.large", {"m5.large", 2, 8192, 3, 10, 10, 0.75, "x86_64", false}},
          {"m5.xlarge", {"m5.xlarge", 4, 16384, 4, 15, 20, 1.25, "x86_64", false}},
          {"c5.xlarge", {"c5.xlarge", 4, 8192, 4, 15, 20, 1.25, "x86_64", false}}};
}
std::map<std::string, InstancePrice> prices() {
  return {{"m5.large", {0.096, 0.040}}, {"m5.xlarge", {0.192, 0.070}}, {"c5.xlarge", {0.170, 0.065}}};
}

NodePool pool(std::vector<kube::SelectorRequirement> requirements) {
  NodePool p;
  p.name = "default";
  p.requirements = std::move(requirements);
  return p;
}

kube::PodSchedulingSpec pod(std::int64_t cpu, std::int64_t memory) {
  kube::PodSchedulingSpec p;
  p.requests = {cpu, memory};
  return p;
}

}  // namespace

TEST_CASE("offers follow the requirements; on-demand only unless capacity-type allows spot", "[eks][karpenter]") {
  std::vector<InstanceOffer> od = pool_offers(pool({}), types(), prices(), {125, 0}, 2);
  REQUIRE(od.size() == 3);
  CHECK(od[0].instance_type == "m5.large");
  CHECK(od[1].instance_type == "c5.xlarge");
  CHECK(od[0].capacity_type == "on-demand");
  CHECK(od[0].labels.at(kInstanceFamilyLabel) == "m5");
  std::vector<InstanceOffer> any =
      pool_offers(pool({{kCapacityTypeLabel, kube::SelectorOperator::kIn, {"spot", "on-demand"}},
                        {kInstanceFamilyLabel, kube::SelectorOperator::kIn, {"m5"}}}),
                  types(), prices(), {125, 0}, 2);
  REQUIRE(any.size() == 4);
  CHECK(any[0].instance_type == "m5.large");
  CHECK(any[0].capacity_type == "spot");
  CHECK(any[1].instance_type == "m5.xlarge");
  CHECK(any[1].capacity_type == "spot");
  // The DaemonSets' requests come off what a node offers pods.
  CHECK(any[0].allocatable.cpu_milli == 1930 - 125);
}

TEST_CASE("a batch is packed onto node claims, each launching the cheapest type that holds its pods",
          "[eks][karpenter]") {
  std::vector<InstanceOffer> offers = pool_offers(pool({}), types(), prices(), {125, 0}, 2);
  // Six pods of 1 vCPU and 1 GiB: an m5.large holds one (1805m free), a 4-vCPU type three (3795m free).
  std::vector<kube::PodSchedulingSpec> batch(6, pod(1000, kGi));
  ProvisioningPlan plan = plan_node_claims(offers, batch, {});
  REQUIRE(plan.claims.size() == 2);
  for (const NodeClaimPlan& c : plan.claims) {
    CHECK(c.pods.size() == 3);
    CHECK(offers[c.offers.front()].instance_type == "c5.xlarge");  // cheaper than m5.xlarge, holds 3 GiB
  }
  // A pod larger than every type is left out.
  batch.push_back(pod(8000, kGi));
  CHECK(plan_node_claims(offers, batch, {}).unschedulable == std::vector<std::size_t>{6});
}

TEST_CASE("taints and node selectors narrow the offers a pod may use", "[eks][karpenter]") {
  std::vector<InstanceOffer> offers = pool_offers(
      pool({{kCapacityTypeLabel, kube::SelectorOperator::kIn, {"spot", "on-demand"}}}), types(), prices(), {}, 0);
  kube::PodSchedulingSpec on_demand = pod(500, kGi);
  on_demand.node_selector = {{kCapacityTypeLabel, "on-demand"}};
  ProvisioningPlan plan = plan_node_claims(offers, std::vector<kube::PodSchedulingSpec>{on_demand}, {});
  REQUIRE(plan.claims.size() == 1);
  CHECK(offers[plan.claims[0].offers.front()].capacity_type == "on-demand");
  CHECK(offers[plan.claims[0].offers.front()].instance_type == "m5.large");
  const std::vector<kube::Taint> taints{{"dedicated", "batch", kube::TaintEffect::kNoSchedule}};
  CHECK(plan_node_claims(offers, std::vector<kube::PodSchedulingSpec>{on_demand}, taints).unschedulable.size() == 1);
  on_demand.tolerations.push_back({"dedicated", false, "batch", kube::TaintEffect::kNoSchedule, {}});
  CHECK(plan_node_claims(offers, std::vector<kube::PodSchedulingSpec>{on_demand}, taints).claims.size() == 1);
}

TEST_CASE("requirements with every operator select offers; limits leave out what would exceed them",
          "[eks][karpenter]") {
  using Op = kube::SelectorOperator;
  auto names = [](const std::vector<InstanceOffer>& offers) {
    std::vector<std::string> out;
    for (const InstanceOffer& o : offers) out.push_back(o.instance_type + "/" + o.capacity_type);
    return out;
  };
  // instance-category (the letters of the family), instance-cpu Gt/Lt, NotIn, Exists, DoesNotExist.
  CHECK(names(pool_offers(pool({{kInstanceCategoryLabel, Op::kIn, {"c"}}}), types(), prices(), {}, 0)) ==
        std::vector<std::string>{"c5.xlarge/on-demand"});
  CHECK(names(pool_offers(pool({{kInstanceCpuLabel, Op::kGt, {"2"}}}), types(), prices(), {}, 0)) ==
        std::vector<std::string>{"c5.xlarge/on-demand", "m5.xlarge/on-demand"});
  CHECK(names(pool_offers(pool({{kInstanceCpuLabel, Op::kLt, {"4"}}}), types(), prices(), {}, 0)) ==
        std::vector<std::string>{"m5.large/on-demand"});
  CHECK(names(pool_offers(pool({{kube::kInstanceTypeLabel, Op::kNotIn, {"m5.large", "c5.xlarge"}},
                                {kCapacityTypeLabel, Op::kExists, {}}}),
                          types(), prices(), {}, 0)) ==
        std::vector<std::string>{"m5.xlarge/spot", "m5.xlarge/on-demand"});
  CHECK(pool_offers(pool({{kInstanceFamilyLabel, Op::kDoesNotExist, {}}}), types(), prices(), {}, 0).empty());
  // A zone requirement leaves the offers alone and narrows the zones a claim launches in.
  NodePool zoned = pool({{kube::kZoneLabel, Op::kNotIn, {"us-east-1a"}}});
  CHECK(pool_offers(zoned, types(), prices(), {}, 0).size() == 3);
  CHECK(allowed_zones(zoned, {"us-east-1a", "us-east-1b", "us-east-1c"}) ==
        std::vector<std::string>{"us-east-1b", "us-east-1c"});
  // limits: cpu 8 with 6 vCPUs in use leaves only the 2-vCPU type; memory 20 GiB with 8 GiB used leaves the
  // 8-GiB types.
  NodePool limited = pool({});
  limited.cpu_limit_milli = 8000;
  std::vector<InstanceOffer> all = pool_offers(limited, types(), prices(), {}, 0);
  CHECK(names(within_limits(limited, all, {6000, 0})) == std::vector<std::string>{"m5.large/on-demand"});
  CHECK(within_limits(limited, all, {4000, 0}).size() == 3);
  limited.cpu_limit_milli.reset();
  limited.memory_limit_bytes = 20 * kGi;
  CHECK(names(within_limits(limited, all, {0, 8 * kGi})) ==
        std::vector<std::string>{"m5.large/on-demand", "c5.xlarge/on-demand"});
}

TEST_CASE("a claim launches Spot when allowed; consolidation replaces a node only with a cheaper single node",
          "[eks][karpenter]") {
  std::vector<InstanceOffer> offers = pool_offers(
      pool({{kCapacityTypeLabel, kube::SelectorOperator::kIn, {"spot", "on-demand"}}}), types(), prices(), {125, 0}, 2);
  // Cheapest first: m5.large spot 0.040, c5.xlarge spot 0.065, m5.xlarge spot 0.070, m5.large 0.096, ...
  std::vector<std::size_t> od_first{3, 0};
  CHECK(offers[choose_offer(offers, od_first)].capacity_type == "spot");
  std::vector<std::size_t> od_only{3};
  CHECK(choose_offer(offers, od_only) == 3);

  // An m5.xlarge on-demand node ($0.192) left with one pod of 1 vCPU: an m5.large Spot node ($0.040) holds it.
  std::vector<kube::PodSchedulingSpec> one{pod(1000, kGi)};
  std::optional<std::size_t> r = cheaper_replacement(offers, one, {}, 0.192, false);
  REQUIRE(r);
  CHECK(offers[*r].instance_type == "m5.large");
  CHECK(offers[*r].capacity_type == "spot");
  // A Spot node is not replaced by Spot (SpotToSpotConsolidation is off): the cheapest on-demand, $0.096, is
  // dearer than the Spot m5.xlarge ($0.070), so it stays.
  CHECK_FALSE(cheaper_replacement(offers, one, {}, 0.070, true));
  // Pods that need two nodes are not a single-node replacement; no pods means deletion, not replacement.
  std::vector<kube::PodSchedulingSpec> many(6, pod(1000, kGi));
  CHECK_FALSE(cheaper_replacement(offers, many, {}, 10.0, false));
  CHECK_FALSE(cheaper_replacement(offers, {}, {}, 10.0, false));
  // The cheapest that holds the pods costs as much as the node: nothing to gain.
  CHECK_FALSE(cheaper_replacement(offers, one, {}, 0.040, false));
}
