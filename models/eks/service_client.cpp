#include "models/eks/service_client.hpp"

#include "models/eks/eks_model.hpp"

namespace fleetsim {

std::string service_sink_name(const std::string& cluster, const std::string& ns, const std::string& name) {
  return "service:" + cluster + "/" + ns + "/" + name;
}

void provide_service_client(const kube::Service& service, EksCluster& cluster, EksModel& model, World& world) {
  if (service.selector.empty() || service.type == "ExternalName") return;  // no endpoints for kube-proxy
  model.service_clients.push_back(
      std::make_unique<ServiceClient>(world.ctx, model.kube_proxy.endpoints(cluster, service), world.requests));
  cluster.add_latency_source(service.metadata.ns, kube::LabelSelector{service.selector, {}},
                             model.service_clients.back()->run_latency());
  world.provide<RequestSink>(service_sink_name(cluster.name(), service.metadata.ns, service.metadata.name),
                             model.service_clients.back().get());
}

void ServiceClient::on_request(const RequestSpec& request) {
  ++totals_.arrived;
  kube::Pod* pod = endpoints_.pick();
  if (pod == nullptr) {
    ++totals_.http503;  // no ready endpoint: kube-proxy rejects the connection
    return;
  }
  const SlotHandle handle = in_flight_.acquire(InFlight{ctx_.engine.now(), EventId{}, false});
  in_flight_[handle.index()].timeout =
      ctx_.engine.schedule_after<&ServiceClient::on_timeout>(request.timeout, this, handle.bits());
  pod->serve(handle.index(), request.cpu_ms, this);
}

void ServiceClient::answer(InFlight& request) {
  request.answered = true;
  const double latency_ms = (ctx_.engine.now() - request.arrival).seconds_f() * 1000.0;
  totals_.latency_stats.add(latency_ms);
  totals_.latency.add(latency_ms);
  run_latency_.add(latency_ms);
}

void ServiceClient::on_served(std::uint32_t token) { finish(token, totals_.ok); }

void ServiceClient::on_dropped(std::uint32_t token) { finish(token, totals_.http502); }

void ServiceClient::finish(std::uint32_t token, std::uint64_t& outcome) {
  InFlight& request = in_flight_[token];
  if (!request.answered) {
    ++outcome;
    ctx_.engine.cancel(request.timeout);
    answer(request);
  }
  in_flight_.release(token);
}

void ServiceClient::on_timeout(std::uint64_t handle) {
  // The client gives up; the pod still works on the request and frees its slot when done.
  InFlight* request = in_flight_.find(SlotHandle::from_bits(handle));
  if (request == nullptr || request->answered) return;
  ++totals_.http504;
  answer(*request);
}

}  // namespace fleetsim
