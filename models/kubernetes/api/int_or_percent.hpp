#pragma once
/// IntOrString fields that count pods (maxSurge, maxUnavailable, minAvailable): read and scaled as Kubernetes does.

#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/objects.hpp"

namespace fleetsim::kube {

/// Reads a present IntOrString count: a non-negative integer or "N%" (validated as the API server does,
/// with its messages).
IntOrPercent read_int_or_percent(const Field& field);

/// The value as the user wrote it: 2 or "25%" (for messages).
std::string to_string(const IntOrPercent& v);

}  // namespace fleetsim::kube
