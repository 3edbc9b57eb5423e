#pragma once
/// kube-proxy across a run's clusters: the ready endpoints of each Service that something sends to.

#include <map>
#include <memory>
#include <string>

#include "models/eks/eks_cluster.hpp"
#include "models/kubernetes/service_endpoints.hpp"

namespace fleetsim {

/// One ServiceEndpoints per Service in use, each watching its cluster's pods.
class KubeProxy {
 public:
  /// The endpoints of `service` in `cluster` (made on first use, picking from the stream
  /// "kube-proxy/CLUSTER/NAMESPACE/NAME").
  kube::ServiceEndpoints& endpoints(EksCluster& cluster, const kube::Service& service);

 private:
  std::map<std::string, std::unique_ptr<kube::ServiceEndpoints>> by_service_;  // by cluster/namespace/name
};

}  // namespace fleetsim
