#include <catch2/catch.hpp>

#include "models/kubernetes/api/core_types.hpp"

using namespace fleetsim::kube;

// Cases from the Kubernetes documentation of label selectors and of taints and tolerations.
TEST_CASE("label selectors: matchLabels and set-based expressions", "[kube]") {
  Labels pod{{"app", "web"}, {"tier", "frontend"}, {"environment", "production"}};
  LabelSelector s;
  CHECK(matches(s, pod));  // empty selects everything
  s.match_labels = {{"app", "web"}};
  CHECK(matches(s, pod));
  s.match_expressions.push_back({"environment", SelectorOperator::kIn, {"production", "qa"}});
  CHECK(matches(s, pod));
  s.match_expressions.push_back({"tier", SelectorOperator::kNotIn, {"frontend", "backend"}});
  CHECK_FALSE(matches(s, pod));
  CHECK(matches(LabelSelector{{}, {{"partition", SelectorOperator::kDoesNotExist, {}}}}, pod));
  CHECK_FALSE(matches(LabelSelector{{}, {{"partition", SelectorOperator::kExists, {}}}}, pod));
  CHECK(matches(LabelSelector{{}, {{"partition", SelectorOperator::kNotIn, {"a"}}}}, pod));
}

TEST_CASE("node selector terms: Gt and Lt compare integers; an empty term matches nothing", "[kube]") {
  Labels node{{"cpu-count", "8"}, {"zone", "us-east-1a"}};
  CHECK(matches(NodeSelectorTerm{{{"cpu-count", SelectorOperator::kGt, {"4"}}}}, node));
  CHECK_FALSE(matches(NodeSelectorTerm{{{"cpu-count", SelectorOperator::kLt, {"4"}}}}, node));
  CHECK_FALSE(matches(NodeSelectorTerm{{{"zone", SelectorOperator::kGt, {"4"}}}}, node));
  CHECK_FALSE(matches(NodeSelectorTerm{}, node));
}

TEST_CASE("tolerations: key, operator, value and effect as ToleratesTaint decides", "[kube]") {
  Taint t{"key1", "value1", TaintEffect::kNoSchedule};
  CHECK(tolerates(Toleration{"key1", false, "value1", TaintEffect::kNoSchedule, {}}, t));
  CHECK(tolerates(Toleration{"key1", true, "", TaintEffect::kNoSchedule, {}}, t));
  CHECK_FALSE(tolerates(Toleration{"key1", false, "value2", TaintEffect::kNoSchedule, {}}, t));
  CHECK_FALSE(tolerates(Toleration{"key1", false, "value1", TaintEffect::kNoExecute, {}}, t));
  CHECK(tolerates(Toleration{"key1", false, "value1", std::nullopt, {}}, t));
  CHECK(tolerates(Toleration{"", true, "", std::nullopt, {}}, t));  // tolerates everything
  CHECK_FALSE(tolerates(Toleration{"", false, "", std::nullopt, {}}, t));
}
