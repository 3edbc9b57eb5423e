#include "models/network/network_section.hpp"

#include <deque>

#include "models/api/subnet.hpp"
#include "models/api/traffic_policy.hpp"
#include "models/network/network_reader.hpp"
#include "models/network/network_shapes.hpp"
#include "models/network/security_groups.hpp"
#include "models/registry.hpp"

namespace fleetsim {

namespace {
/// The scenario's security groups and subnets, owned for the run.
class NetworkModel : public Model {
 public:
  SecurityGroups groups;
  std::deque<Subnet> subnets;  // a deque: provided addresses stay put as it grows
};

void build_network(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<NetworkModel>());
  if (auto sg = scenario.find("securityGroups"); sg != scenario.end()) {
    model.groups.load(*sg, "/securityGroups");
    world.provide<const TrafficPolicy>(kSecurityGroups, &model.groups);
  }
  auto section = scenario.find("subnets");
  if (section == scenario.end()) return;
  for (SubnetConfig& subnet : read_subnets(*section, world.availability_zones)) {
    model.subnets.push_back(Subnet{subnet.availability_zone});
    world.provide<const Subnet>(subnet.id, &model.subnets.back());
  }
}
}  // namespace

void register_network(ModelRegistry& r) {
  declare_network_shapes(r);
  r.add_model({"network", 10, &build_network});
}

}  // namespace fleetsim
