// The Cluster Autoscaler's flags: the documented defaults, the forms users write, and located errors.

#include <catch2/catch.hpp>

#include "models/kubernetes/autoscaler/autoscaler_options.hpp"
#include "tests/support/error_of.hpp"

using namespace fleetsim;
using namespace fleetsim::kube;

TEST_CASE("no flags give cluster-autoscaler's documented defaults", "[kube][autoscaler]") {
  AutoscalerOptions o = parse_autoscaler_args({}, "/args");
  CHECK(o.scan_interval == Duration::seconds(10));
  CHECK(o.expanders == std::vector<Expander>{Expander::kRandom});
  CHECK(o.scale_down_unneeded_time == Duration::seconds(600));
  CHECK(o.scale_down_delay_after_add == Duration::seconds(600));
  CHECK(o.scale_down_utilization_threshold == 0.5);
  CHECK(o.max_graceful_termination == Duration::seconds(600));
  CHECK(o.skip_nodes_with_system_pods);
  CHECK_FALSE(o.balance_similar_node_groups);
  CHECK(o.max_empty_bulk_delete == 10);
}

TEST_CASE("flags as users pass them: =value, a separate value, bare booleans, Go durations", "[kube][autoscaler]") {
  AutoscalerOptions o = parse_autoscaler_args(
      {"--cloud-provider=aws", "--scan-interval", "30s", "--expander=least-waste,most-pods",
       "--scale-down-unneeded-time=5m", "--scale-down-delay-after-add=1h30m", "--balance-similar-node-groups",
       "--skip-nodes-with-system-pods=false", "--scale-down-utilization-threshold=0.65", "--v=4"},
      "/args");
  CHECK(o.scan_interval == Duration::seconds(30));
  CHECK(o.expanders == std::vector<Expander>{Expander::kLeastWaste, Expander::kMostPods});
  CHECK(o.scale_down_unneeded_time == Duration::seconds(300));
  CHECK(o.scale_down_delay_after_add == Duration::seconds(5400));
  CHECK(o.balance_similar_node_groups);
  CHECK_FALSE(o.skip_nodes_with_system_pods);
  CHECK(o.scale_down_utilization_threshold == 0.65);
}

TEST_CASE("bad flags are errors at the argument", "[kube][autoscaler]") {
  Diagnostic d = error_of([] { parse_autoscaler_args({"--scan-interval=10s", "--scale-down-unneded-time=5m"}, "/a"); });
  CHECK(d.pointer == "/a/1");
  CHECK_THAT(d.message, Catch::Contains("--scale-down-unneeded-time"));
  d = error_of([] { parse_autoscaler_args({"--scale-down-utilization-threshold=1.5"}, "/a"); });
  CHECK(d.pointer == "/a/0");
  d = error_of([] { parse_autoscaler_args({"--expander", "cheapest"}, "/a"); });
  CHECK(d.pointer == "/a/1");
  CHECK(uses_priority_expander(parse_autoscaler_args({"--expander=priority,least-waste"}, "/a")));
  d = error_of([] { parse_autoscaler_args({"--scan-interval=soon"}, "/a"); });
  CHECK(d.pointer == "/a/0");
}
