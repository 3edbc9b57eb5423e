#pragma once
/// Reading the workload kinds (Deployment, Job, CronJob, Pod) and the policy kinds (PodDisruptionBudget,
/// PriorityClass, Namespace), each from its whole object, with the API server's defaults and checks.

#include "models/kubernetes/api/field.hpp"
#include "models/kubernetes/api/objects.hpp"

namespace fleetsim::kube {

/// A Deployment (apps/v1).
Deployment read_deployment(const Field& object);
/// A Job (batch/v1).
Job read_job(const Field& object);
/// A CronJob (batch/v1).
CronJob read_cron_job(const Field& object);
/// A Pod (v1).
BarePod read_pod(const Field& object);
/// A PodDisruptionBudget (policy/v1).
PodDisruptionBudget read_pod_disruption_budget(const Field& object);
/// A PriorityClass (scheduling.k8s.io/v1).
PriorityClass read_priority_class(const Field& object);
/// A Namespace (v1).
Namespace read_namespace(const Field& object);

/// Go's %#v of a label map, as the API server prints it in messages: map[string]string{"app":"web"}.
std::string go_map_text(const Labels& labels);

}  // namespace fleetsim::kube
