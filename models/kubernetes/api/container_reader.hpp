#pragma once
/// Reading one container: image and pull policy, resources (quantities), ports, probes, preStop.

#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/pod_types.hpp"

namespace fleetsim::kube {

/// A containers[] or initContainers[] element, defaulted and checked as the API server does.
Container read_container(const Field& field);
/// A quantity as resource.Quantity.UnmarshalJSON takes it: a string, or a bare JSON number read as its text.
std::string quantity_text(const Field& field);

/// The image pull policy the API server gives a container without one: Always for a ":latest" tag or no tag
/// (and no digest), IfNotPresent otherwise.
PullPolicy default_pull_policy(const std::string& image);

}  // namespace fleetsim::kube
