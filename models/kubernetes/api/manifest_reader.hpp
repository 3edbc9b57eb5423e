#pragma once
/// The Kubernetes objects of one cluster, read from YAML manifest files and inline scenario objects, checked
/// as the API server checks them.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "models/kubernetes/api/objects.hpp"

namespace fleetsim::kube {

/// One input: a YAML file (`file` and `text`) or one inline object of the scenario (`pointer` and `object`).
struct ManifestSource {
  std::string file;       ///< YAML: the file name as the scenario wrote it ("k8s/web.yaml")
  std::string text;       ///< YAML: the file's text (multi-document)
  std::string pointer;    ///< inline: the object's scenario pointer ("/kubernetes/0/objects/2")
  nlohmann::json object;  ///< inline: the object

  /// A YAML manifest file.
  static ManifestSource yaml(std::string file, std::string text);
  /// An inline object at `pointer` of the scenario.
  static ManifestSource inline_object(std::string pointer, nlohmann::json object);
};

/// Every object read, by kind, each list in source order (file by file, document by document).
struct ManifestSet {
  std::vector<Namespace> namespaces;
  std::vector<BarePod> pods;
  std::vector<Deployment> deployments;
  std::vector<Service> services;
  std::vector<Ingress> ingresses;
  std::vector<PodDisruptionBudget> pod_disruption_budgets;
  std::vector<Job> jobs;
  std::vector<CronJob> cron_jobs;
  std::vector<PriorityClass> priority_classes;
  std::vector<OtherObject> horizontal_pod_autoscalers;  ///< kept as JSON for now
  std::vector<OtherObject> node_pools;                  ///< kept as JSON for now
  std::vector<OtherObject> ec2_node_classes;            ///< kept as JSON for now
  std::vector<OtherObject> scaled_objects;              ///< kept as JSON for now
  std::vector<OtherObject> ignored;                     ///< kinds that change nothing (ConfigMap, Secret, RBAC, ...)
};

/// The namespaces every cluster has without declaring them.
inline const std::vector<std::string> kBuiltInNamespaces = {"default", "kube-system", "kube-public", "kube-node-lease"};

/// Reads every source: YAML syntax, kinds and apiVersions, names, each kind's fields and the cross-object rules
/// (namespaces declared, no kind/namespace/name twice). An error in a YAML file throws ManifestError
/// ("k8s/web.yaml:14:9: Deployment default/api: /spec/...: message"); in an inline object, ScenarioError at the
/// full scenario pointer.
/// `existing` names the namespaces the cluster already has (a later kubectl apply may use them).
ManifestSet read_manifests(const std::vector<ManifestSource>& sources, const std::vector<std::string>& existing = {});

/// "Deployment shop/web", "Namespace shop": how messages name an object ("Deployment" while it has no name).
std::string describe(std::string_view kind, const ObjectMeta& metadata);

}  // namespace fleetsim::kube
