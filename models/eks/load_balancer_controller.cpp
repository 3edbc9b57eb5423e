#include "models/eks/load_balancer_controller.hpp"

#include "models/api/load_balancing.hpp"
#include "models/eks/eks_model.hpp"
#include "models/kubernetes/replica_set.hpp"

namespace fleetsim {

std::string ingress_sink_name(const std::string& cluster, const std::string& ns, const std::string& name) {
  return "ingress:" + cluster + "/" + ns + "/" + name;
}

namespace {

// The controller's names: k8s-<namespace>-<name>-<hash>, cut to the 32 characters elbv2 allows.
std::string aws_name(const std::string& a, const std::string& b, const std::string& seed) {
  std::string base = "k8s-" + a.substr(0, 8) + "-" + b.substr(0, 8) + "-";
  return base + kube::template_hash(seed).substr(0, 32 - base.size());
}

const kube::IngressBackend& only_backend(const kube::Ingress& ingress) {
  const kube::IngressBackend* found = ingress.default_backend ? &*ingress.default_backend : nullptr;
  for (const auto& rule : ingress.rules) {
    for (const auto& path : rule.paths) {
      if (found != nullptr && found->service != path.backend.service) {
        kube::fail_in_object(ingress.origin, "Ingress " + ingress.metadata.ns + "/" + ingress.metadata.name,
                             "/spec/rules",
                             "routing to more than one Service (listener rules by host or path) is not simulated "
                             "by this version yet");
      }
      found = &path.backend;
    }
  }
  if (found == nullptr) {
    kube::fail_in_object(ingress.origin, "Ingress " + ingress.metadata.ns + "/" + ingress.metadata.name, "/spec",
                         "expected a backend (spec.defaultBackend or spec.rules[].http.paths[].backend)");
  }
  return *found;
}

// The NodePort of a Service port: the one it names, or the one the API server allocates from the
// default range 30000-32767 (here a fixed pick from the Service's name, so runs repeat).
int node_port_of(const kube::Service& service, const kube::ServicePort& port) {
  if (port.node_port != 0) return port.node_port;
  const std::string hash = kube::template_hash(service.metadata.ns + "/" + service.metadata.name + "/" + port.name);
  int pick = 0;
  for (char c : hash) pick = (pick * 31 + c) % 2768;
  return 30000 + pick;
}

}  // namespace

void provision_ingress(const kube::Ingress& ingress, EksCluster& cluster, EksModel& model, World& world) {
  const std::string object = "Ingress " + ingress.metadata.ns + "/" + ingress.metadata.name;
  if (ingress.ingress_class != "alb") return;  // another controller's Ingress: nothing of AWS's
  const kube::IngressBackend& backend = only_backend(ingress);
  const kube::Service* service = cluster.service(ingress.metadata.ns, backend.service);
  if (service == nullptr) {
    kube::fail_in_object(ingress.origin, object, "/spec",
                         "backend Service \"" + ingress.metadata.ns + "/" + backend.service + "\" not found");
  }
  // The Service port the backend names.
  const kube::ServicePort* service_port = nullptr;
  for (const auto& port : service->ports) {
    if ((backend.port_number != 0 && port.port == backend.port_number) ||
        (!backend.port_name.empty() && port.name == backend.port_name) || service->ports.size() == 1) {
      service_port = &port;
    }
  }
  const bool ip_target = ingress.alb.ip_target;
  // Instance mode sends to the NodePort, which only NodePort and LoadBalancer Services open (the
  // controller's Ingress specification: the Service "must be of type NodePort").
  if (!ip_target && service->type != "NodePort" && service->type != "LoadBalancer") {
    kube::fail_in_object(ingress.origin, object, "/metadata/annotations",
                         "target-type instance (the controller's default) sends to the backend Service's NodePort, "
                         "but Service \"" +
                             ingress.metadata.ns + "/" + backend.service + "\" is of type " + service->type +
                             "; make it a NodePort Service or set "
                             "alb.ingress.kubernetes.io/target-type: ip");
  }
  const int target_port = service_port == nullptr ? 0
                          : ip_target             ? service_port->target_port
                                                  : node_port_of(*service, *service_port);
  const std::string lb_name = ingress.alb.group_name.empty()
                                  ? aws_name(ingress.metadata.ns, ingress.metadata.name, cluster.name())
                                  : aws_name(ingress.alb.group_name, "", cluster.name());
  const kube::AlbIngressSettings& a = ingress.alb;
  nlohmann::json attributes = nlohmann::json::array();
  for (const auto& [k, v] : a.target_group_attributes) attributes.push_back({{"Key", k}, {"Value", v}});
  // The health check goes to the traffic port (the pod's, or the NodePort): the controller's default
  // healthcheck-port, traffic-port.
  nlohmann::json tg{{"Name", aws_name(ingress.metadata.ns, backend.service, lb_name)},
                    {"TargetType", ip_target ? "ip" : "instance"},
                    {"Protocol", "HTTP"},
                    {"Port", target_port},
                    {"HealthCheckPath", a.healthcheck_path},
                    {"HealthCheckIntervalSeconds", a.healthcheck_interval_seconds},
                    {"HealthCheckTimeoutSeconds", a.healthcheck_timeout_seconds},
                    {"HealthyThresholdCount", a.healthy_threshold_count},
                    {"UnhealthyThresholdCount", a.unhealthy_threshold_count},
                    {"Attributes", attributes}};
  const std::string pointer = ingress.origin.pointer;
  LoadBalancerFactory& elbv2 = world.need<LoadBalancerFactory>("alb", pointer, "ALB model");
  const LoadBalancerSpec lb{lb_name, {}};
  TargetGroupPort& group = elbv2.create_target_group(tg, lb, pointer);
  nlohmann::json listener{{"Port", 80},
                          {"Protocol", "HTTP"},
                          {"DefaultActions", {{{"Type", "forward"}, {"TargetGroupArn", group.name()}}}}};
  RequestSink& sink = elbv2.create_listener(listener, lb, pointer);
  world.provide<RequestSink>(ingress_sink_name(cluster.name(), ingress.metadata.ns, ingress.metadata.name), &sink);
  if (!ip_target) {
    model.node_targets.push_back(std::make_unique<NodeTargets>(cluster, model.kube_proxy.endpoints(cluster, *service),
                                                               service->external_traffic_policy == "Local", group,
                                                               model.catalog.target_sync_delay));
    return;
  }
  kube::LabelSelector selector{service->selector, {}};
  model.ingress_targets.push_back(std::make_unique<IngressTargets>(
      cluster.kube(), ingress.metadata.ns, selector, target_port, group, model.catalog.target_sync_delay));
  cluster.kube().watch(model.ingress_targets.back().get());
}

}  // namespace fleetsim
