#pragma once
/// Reading metadata, pod templates and pod specs, with the API server's defaults and checks.

#include <string>

#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/name_rules.hpp"
#include "models/kubernetes/api/pod_types.hpp"

namespace fleetsim::kube {

/// An object's metadata: name (required, checked by `rule`), namespace ("default" when absent; empty for a
/// cluster-scoped kind), labels and annotations.
ObjectMeta read_object_meta(const Field& metadata, bool namespaced, NameRule rule);

/// A pod template (`template` of a Deployment or Job) or a Pod's body: metadata, spec and fleetsim.io knobs.
/// The template lives in `ns`.
PodTemplateSpec read_pod_template(const Field& pod, const std::string& ns);

}  // namespace fleetsim::kube
