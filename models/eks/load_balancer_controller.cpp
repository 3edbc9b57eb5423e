#include "models/eks/load_balancer_controller.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

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

std::string object_of(const kube::Ingress& ingress) {
  return "Ingress " + ingress.metadata.ns + "/" + ingress.metadata.name;
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

// The ALB paths of an Ingress path, as the controller writes them: Exact as it is, Prefix as the path and
// everything under it ("/" as "/*"), ImplementationSpecific as written (ALB's wildcards allowed).
std::vector<std::string> path_patterns(const kube::IngressPath& path) {
  if (path.path_type != "Prefix") return {path.path};
  if (path.path == "/") return {"/*"};
  std::string base = path.path;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return {base, base + "/*"};
}

// The indices of `paths` in the controller's order (v2.4.3 on, its Ingress specification): Exact first, then
// Prefix with the longest path first, then ImplementationSpecific as listed; ties keep the manifest's order.
std::vector<std::size_t> ordered_paths(const std::vector<kube::IngressPath>& paths) {
  std::vector<std::size_t> order(paths.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto rank = [&](std::size_t i) {
    const kube::IngressPath& p = paths[i];
    if (p.path_type == "Exact") return std::make_pair(0, 0L);
    if (p.path_type == "Prefix") return std::make_pair(1, -static_cast<long>(p.path.size()));
    return std::make_pair(2, 0L);
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rank(a) < rank(b); });
  return order;
}

/// One IngressGroup (or a lone Ingress) becoming one ALB: its target groups, one per Ingress, Service and port.
class GroupBuilder {
 public:
  GroupBuilder(std::string lb_name, EksCluster& cluster, EksModel& model, World& world)
      : lb_{std::move(lb_name), {}}, cluster_(cluster), model_(model), world_(world) {}

  /// The target group `ingress` forwards `backend` (at `pointer` under the Ingress) to, created on first use.
  const std::string& target_group(const kube::Ingress& ingress, const kube::IngressBackend& backend,
                                  const std::string& pointer) {
    const std::string key = ingress.metadata.ns + "/" + ingress.metadata.name + "/" + backend.service + ":" +
                            (backend.port_name.empty() ? std::to_string(backend.port_number) : backend.port_name);
    if (auto it = by_backend_.find(key); it != by_backend_.end()) return it->second;
    return by_backend_[key] = create(ingress, backend, pointer, key);
  }

  /// The load balancer the group's listener and rules belong to.
  const LoadBalancerSpec& load_balancer() const { return lb_; }

 private:
  std::string create(const kube::Ingress& ingress, const kube::IngressBackend& backend, const std::string& pointer,
                     const std::string& key) {
    const std::string object = object_of(ingress);
    const kube::Service* service = cluster_.service(ingress.metadata.ns, backend.service);
    if (service == nullptr) {
      kube::fail_in_object(ingress.origin, object, pointer + "/service/name",
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
    const kube::AlbIngressSettings& a = ingress.alb;
    // Instance mode sends to the NodePort, which only NodePort and LoadBalancer Services open (the
    // controller's Ingress specification: the Service "must be of type NodePort").
    if (!a.ip_target && service->type != "NodePort" && service->type != "LoadBalancer") {
      kube::fail_in_object(ingress.origin, object, "/metadata/annotations",
                           "target-type instance (the controller's default) sends to the backend Service's NodePort, "
                           "but Service \"" +
                               ingress.metadata.ns + "/" + backend.service + "\" is of type " + service->type +
                               "; make it a NodePort Service or set "
                               "alb.ingress.kubernetes.io/target-type: ip");
    }
    const int target_port = service_port == nullptr ? 0
                            : a.ip_target           ? service_port->target_port
                                                    : node_port_of(*service, *service_port);
    nlohmann::json attributes = nlohmann::json::array();
    for (const auto& [k, v] : a.target_group_attributes) attributes.push_back({{"Key", k}, {"Value", v}});
    // One target group per Ingress, Service and port, as the controller makes them; the first of a Service keeps
    // the name a lone Ingress's group has.
    std::string name = aws_name(ingress.metadata.ns, backend.service, lb_.name);
    if (!names_.insert(name).second) {
      name = aws_name(ingress.metadata.ns, backend.service, lb_.name + "/" + key);
      names_.insert(name);
    }
    // The health check goes to the traffic port (the pod's, or the NodePort): the controller's default
    // healthcheck-port, traffic-port.
    nlohmann::json tg{{"Name", name},
                      {"TargetType", a.ip_target ? "ip" : "instance"},
                      {"Protocol", "HTTP"},
                      {"Port", target_port},
                      {"HealthCheckPath", a.healthcheck_path},
                      {"HealthCheckIntervalSeconds", a.healthcheck_interval_seconds},
                      {"HealthCheckTimeoutSeconds", a.healthcheck_timeout_seconds},
                      {"HealthyThresholdCount", a.healthy_threshold_count},
                      {"UnhealthyThresholdCount", a.unhealthy_threshold_count},
                      {"Attributes", attributes}};
    LoadBalancerFactory& elbv2 = world_.need<LoadBalancerFactory>("alb", ingress.origin.pointer, "ALB model");
    TargetGroupPort& group = elbv2.create_target_group(tg, lb_, ingress.origin.pointer);
    bind_targets(ingress, *service, target_port, group);
    return group.name();
  }

  // The controller keeps `group` registered with the Service's ready pods (ip) or every node (instance).
  void bind_targets(const kube::Ingress& ingress, const kube::Service& service, int target_port,
                    TargetGroupPort& group) {
    cluster_.add_latency_source(ingress.metadata.ns, kube::LabelSelector{service.selector, {}}, group.run_latency());
    if (!ingress.alb.ip_target) {
      model_.node_targets.push_back(std::make_unique<NodeTargets>(
          cluster_, model_.kube_proxy.endpoints(cluster_, service), service.external_traffic_policy == "Local", group,
          model_.catalog.target_sync_delay));
      return;
    }
    kube::LabelSelector selector{service.selector, {}};
    model_.ingress_targets.push_back(std::make_unique<IngressTargets>(
        cluster_.kube(), ingress.metadata.ns, selector, target_port, group, model_.catalog.target_sync_delay));
    cluster_.kube().watch(model_.ingress_targets.back().get());
  }

  LoadBalancerSpec lb_;
  EksCluster& cluster_;
  EksModel& model_;
  World& world_;
  std::map<std::string, std::string> by_backend_;  // "ns/ingress/service:port" -> target group name
  std::set<std::string> names_;
};

nlohmann::json forward_to(const std::string& group) {
  return nlohmann::json::array({{{"Type", "forward"}, {"TargetGroupArn", group}}});
}

// The ALB of one IngressGroup (or lone Ingress) `members`, already in the controller's order: a listener on port
// 80 whose default action is the group's defaultBackend (else a 404 fixed response, as the controller's default),
// and one rule per Ingress rule path, priorities counting up in that order.
void provision_group(const std::vector<const kube::Ingress*>& members, const std::string& lb_name, EksCluster& cluster,
                     EksModel& model, World& world) {
  GroupBuilder builder(lb_name, cluster, model, world);
  const kube::Ingress* with_default = nullptr;
  nlohmann::json default_action =
      nlohmann::json::array({{{"Type", "fixed-response"}, {"FixedResponseConfig", {{"StatusCode", "404"}}}}});
  for (const kube::Ingress* ingress : members) {
    if (!ingress->default_backend) continue;
    // Only one Ingress of a group may name the default backend (the controller reports the conflict).
    if (with_default != nullptr) {
      kube::fail_in_object(ingress->origin, object_of(*ingress), "/spec/defaultBackend",
                           "IngressGroup \"" + ingress->alb.group_name + "\" already has a default backend, from " +
                               object_of(*with_default));
    }
    with_default = ingress;
    default_action = forward_to(builder.target_group(*ingress, *ingress->default_backend, "/spec/defaultBackend"));
  }
  std::vector<std::pair<nlohmann::json, const kube::Ingress*>> rules;
  for (const kube::Ingress* ingress : members) {
    for (std::size_t r = 0; r < ingress->rules.size(); ++r) {
      const kube::IngressRule& rule = ingress->rules[r];
      for (std::size_t k : ordered_paths(rule.paths)) {
        const kube::IngressPath& path = rule.paths[k];
        const std::string pointer =
            "/spec/rules/" + std::to_string(r) + "/http/paths/" + std::to_string(k) + "/backend";
        nlohmann::json conditions = nlohmann::json::array();
        if (!rule.host.empty())
          conditions.push_back({{"Field", "host-header"}, {"HostHeaderConfig", {{"Values", {rule.host}}}}});
        conditions.push_back({{"Field", "path-pattern"}, {"PathPatternConfig", {{"Values", path_patterns(path)}}}});
        rules.emplace_back(
            nlohmann::json{{"Priority", static_cast<int>(rules.size()) + 1},
                           {"Conditions", conditions},
                           {"Actions", forward_to(builder.target_group(*ingress, path.backend, pointer))}},
            ingress);
      }
    }
  }
  LoadBalancerFactory& elbv2 = world.need<LoadBalancerFactory>("alb", members.front()->origin.pointer, "ALB model");
  nlohmann::json listener{{"Port", 80}, {"Protocol", "HTTP"}, {"DefaultActions", default_action}};
  RequestSink& sink = elbv2.create_listener(listener, builder.load_balancer(), members.front()->origin.pointer);
  for (const auto& [rule, ingress] : rules)
    elbv2.create_rule(rule, builder.load_balancer(), 80, ingress->origin.pointer);
  for (const kube::Ingress* ingress : members)
    world.provide<RequestSink>(ingress_sink_name(cluster.name(), ingress->metadata.ns, ingress->metadata.name), &sink);
}

}  // namespace

void provision_ingresses(const std::vector<kube::Ingress>& ingresses, EksCluster& cluster, EksModel& model,
                         World& world) {
  // The load balancers in the order their first Ingress comes; an Ingress without group.name is a group of its own.
  std::vector<std::pair<std::string, std::vector<const kube::Ingress*>>> groups;
  for (const kube::Ingress& ingress : ingresses) {
    if (ingress.ingress_class != "alb") continue;  // another controller's Ingress: nothing of AWS's
    const std::string lb_name = ingress.alb.group_name.empty()
                                    ? aws_name(ingress.metadata.ns, ingress.metadata.name, cluster.name())
                                    : aws_name(ingress.alb.group_name, "", cluster.name());
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == lb_name; });
    if (it == groups.end()) it = groups.insert(groups.end(), {lb_name, {}});
    it->second.push_back(&ingress);
  }
  for (auto& [lb_name, members] : groups) {
    // A group's Ingresses by group.order, then by namespace and name (the controller's ordering of members).
    std::stable_sort(members.begin(), members.end(), [](const kube::Ingress* a, const kube::Ingress* b) {
      return std::tie(a->alb.group_order, a->metadata.ns, a->metadata.name) <
             std::tie(b->alb.group_order, b->metadata.ns, b->metadata.name);
    });
    provision_group(members, lb_name, cluster, model, world);
  }
}

}  // namespace fleetsim
