// Karpenter NodePools from manifests: defaults, budgets, located errors.

#include <catch2/catch.hpp>

#include "models/eks/karpenter/node_pool.hpp"
#include "models/kubernetes/api/manifest_reader.hpp"

using namespace fleetsim;

namespace {

kube::ManifestSet read(const std::string& yaml) {
  return kube::read_manifests({kube::ManifestSource::yaml("karpenter.yaml", yaml)});
}

const char* kPool = R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: default}
spec:
  template:
    metadata: {labels: {team: web}}
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
      requirements:
        - {key: karpenter.sh/capacity-type, operator: In, values: [spot, on-demand]}
        - {key: karpenter.k8s.aws/instance-family, operator: In, values: [m5, c5]}
      expireAfter: Never
  disruption:
    consolidationPolicy: WhenEmpty
    consolidateAfter: 30s
    budgets: [{nodes: "20%"}, {nodes: "3"}]
  limits: {cpu: 100, memory: 400Gi}
---
apiVersion: karpenter.k8s.aws/v1
kind: EC2NodeClass
metadata: {name: default}
spec: {amiSelectorTerms: [{alias: al2023@latest}]}
)";

}  // namespace

TEST_CASE("a NodePool is read with its requirements, disruption and limits", "[eks][karpenter]") {
  kube::ManifestSet set = read(kPool);
  REQUIRE(set.node_pools.size() == 1);
  NodePool pool = read_node_pool(set.node_pools[0]);
  check_node_class(pool, set.ec2_node_classes);
  CHECK(pool.name == "default");
  CHECK(pool.node_class == "default");
  CHECK(pool.labels.at("team") == "web");
  REQUIRE(pool.requirements.size() == 2);
  CHECK(pool.requirements[1].values == std::vector<std::string>{"m5", "c5"});
  CHECK_FALSE(pool.expire_after.has_value());
  CHECK(pool.policy == ConsolidationPolicy::kWhenEmpty);
  CHECK(pool.consolidate_after == Duration::seconds(30));
  CHECK(pool.cpu_limit_milli == 100000);
  CHECK(pool.memory_limit_bytes == 400LL * 1024 * 1024 * 1024);
  // 20 % of 12 nodes rounds up to 3; of 30 it is 6, but the second budget allows 3.
  CHECK(pool.allowed_disruptions(12) == 3);
  CHECK(pool.allowed_disruptions(30) == 3);
  CHECK(pool.allowed_disruptions(4) == 1);
}

TEST_CASE("a NodePool without disruption settings takes karpenter.sh/v1's defaults", "[eks][karpenter]") {
  kube::ManifestSet set = read(R"(apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: minimal}
spec:
  template:
    spec:
      nodeClassRef: {group: karpenter.k8s.aws, kind: EC2NodeClass, name: default}
)");
  NodePool pool = read_node_pool(set.node_pools[0]);
  CHECK(pool.expire_after == Duration::seconds(720 * 3600));
  CHECK(pool.policy == ConsolidationPolicy::kWhenEmptyOrUnderutilized);
  CHECK(pool.consolidate_after == Duration{});
  CHECK(pool.allowed_disruptions(25) == 3);  // nodes: 10 %, rounded up
  CHECK_FALSE(pool.cpu_limit_milli.has_value());
}

TEST_CASE("NodePool errors name the file, line and field", "[eks][karpenter]") {
  auto error = [](const std::string& from, const std::string& to) {
    std::string yaml = kPool;
    yaml.replace(yaml.find(from), from.size(), to);
    kube::ManifestSet set = read(yaml);
    try {
      check_node_class(read_node_pool(set.node_pools[0]), set.ec2_node_classes);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error("consolidationPolicy: WhenEmpty", "consolidationPolicy: Sometimes"),
             Catch::Contains("karpenter.yaml:14") && Catch::Contains("Unsupported value: \"Sometimes\""));
  CHECK_THAT(error("consolidateAfter: 30s", "consolidateAfter: soon"), Catch::Contains("karpenter.yaml:15"));
  CHECK_THAT(error("nodes: \"3\"", "nodes: \"three\""), Catch::Contains("karpenter.yaml:16"));
  CHECK_THAT(error("name: default}\n      requirements", "name: gpu}\n      requirements"),
             Catch::Contains("no EC2NodeClass named \"gpu\""));
}
