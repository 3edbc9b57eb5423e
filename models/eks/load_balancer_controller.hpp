#pragma once
/// The AWS Load Balancer Controller: an ALB for each Ingress of class `alb` (or each IngressGroup), a listener
/// whose rules (host and path of each Ingress rule) forward to a target group per backend Service and port, the
/// Services' ready pods registered as targets (`ip`) or every node through its NodePort (`instance`), as its
/// annotations say.

#include <string>
#include <vector>

#include "models/kubernetes/api/objects.hpp"

namespace fleetsim {

class EksCluster;
class EksModel;
class World;

/// Creates the ALB side of `ingresses` in `cluster` (those of one IngressGroup share an ALB); a workload reaches
/// an Ingress as the target `{"ingress": "NAMESPACE/NAME", "cluster": CLUSTER}`.
void provision_ingresses(const std::vector<kube::Ingress>& ingresses, EksCluster& cluster, EksModel& model,
                         World& world);

/// The RequestSink name under which an Ingress's listener is provided.
std::string ingress_sink_name(const std::string& cluster, const std::string& ns, const std::string& name);

}  // namespace fleetsim
