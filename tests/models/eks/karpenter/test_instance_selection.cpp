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
