#include "models/eks/kube_proxy.hpp"

namespace fleetsim {

kube::ServiceEndpoints& KubeProxy::endpoints(EksCluster& cluster, const kube::Service& service) {
  const std::string key = cluster.name() + "/" + service.metadata.ns + "/" + service.metadata.name;
  auto& slot = by_service_[key];
  if (!slot) {
    slot = std::make_unique<kube::ServiceEndpoints>(service.metadata.ns, kube::LabelSelector{service.selector, {}},
                                                    cluster.kube().context().stream("kube-proxy/" + key));
    cluster.kube().watch(slot.get());
  }
  return *slot;
}

}  // namespace fleetsim
