#pragma once
/// Reading Services and Ingresses, with the AWS Load Balancer Controller's annotations.

#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/objects.hpp"

namespace fleetsim::kube {

/// A Service (v1).
Service read_service(const Field& object);
/// An Ingress (networking.k8s.io/v1) and its `alb.ingress.kubernetes.io/` annotations.
Ingress read_ingress(const Field& object);

}  // namespace fleetsim::kube
