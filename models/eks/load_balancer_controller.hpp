#pragma once
/// The AWS Load Balancer Controller: an ALB for each Ingress of class `alb` (or each IngressGroup), a
/// listener forwarding to a target group for its backend Service, the Service's ready pods registered as
/// targets (`ip`) or every node through its NodePort (`instance`), as its annotations say.

#include <string>

#include "models/kubernetes/api/objects.hpp"

namespace fleetsim {

class EksCluster;
class EksModel;
class World;

/// Creates the ALB side of `ingress` in `cluster`; a workload reaches it as the target
/// `{"ingress": "NAMESPACE/NAME", "cluster": CLUSTER}`.
void provision_ingress(const kube::Ingress& ingress, EksCluster& cluster, EksModel& model, World& world);

/// The RequestSink name under which an Ingress's listener is provided.
std::string ingress_sink_name(const std::string& cluster, const std::string& ns, const std::string& name);

}  // namespace fleetsim
