#pragma once
/// In-cluster traffic to a Service: a client in the cluster connects to the Service's ClusterIP and
/// kube-proxy on its node sends the connection to one of the ready endpoints, uniformly at random (iptables
/// mode). No load balancer is in between, so there is no HTTP answer of a proxy: outcomes are counted in
/// summary.json's request classes, `ok`, `503` (no ready endpoint: the connection is refused), `502` (the
/// pod stopped mid-request: the connection is reset) and `504` (the client's timeout passed).

#include <cstdint>
#include <string>

#include "models/api/request_path.hpp"
#include "models/api/request_totals.hpp"
#include "models/api/run_context.hpp"
#include "models/kubernetes/service_endpoints.hpp"
#include "sim/metrics/quantile_sketch.hpp"
#include "sim/slot_pool.hpp"

namespace fleetsim {

class EksCluster;
class EksModel;
class World;

/// The RequestSink name of a Service's ClusterIP, where a workload target `{"service": ..., "cluster": ...}` finds it.
std::string service_sink_name(const std::string& cluster, const std::string& ns, const std::string& name);

/// Provides the ClusterIP of `service` (one with a selector) in `cluster` as a RequestSink.
void provide_service_client(const kube::Service& service, EksCluster& cluster, EksModel& model, World& world);

/// Clients of one Service inside the cluster.
class ServiceClient : public RequestSink, public ServingObserver {
 public:
  /// Sends to `endpoints`, counting outcomes in `totals`.
  ServiceClient(RunContext& ctx, kube::ServiceEndpoints& endpoints, RequestTotals& totals)
      : ctx_(ctx), endpoints_(endpoints), totals_(totals) {
    ctx.on_window_open([this](SimTime) { run_latency_.clear(); });  // as a target group's, for summary.json
  }
  /// Latency (ms) of every request its pods answered (or the client gave up on), since the summary's window opened.
  const QuantileSketch& run_latency() const { return run_latency_; }
  void on_request(const RequestSpec& request) override;
  void on_served(std::uint32_t token) override;
  void on_dropped(std::uint32_t token) override;

 private:
  struct InFlight {
    SimTime arrival;
    EventId timeout;
    bool answered = false;
  };
  void on_timeout(std::uint64_t handle);
  void answer(InFlight& request);
  // The pod answered or dropped `token`: counted as `outcome` unless the client gave up already.
  void finish(std::uint32_t token, std::uint64_t& outcome);

  RunContext& ctx_;
  kube::ServiceEndpoints& endpoints_;
  RequestTotals& totals_;
  SlotPool<InFlight> in_flight_{"in-cluster requests in flight to one Service"};
  QuantileSketch run_latency_;
};

}  // namespace fleetsim
