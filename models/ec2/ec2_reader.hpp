#pragma once
/// The pure reader of an Auto Scaling group: validated JSON in, an AsgConfig out, no World. What it needs to know
/// of the rest of the run (the catalogue's instance types and prices, subnets, AZs, security groups) it asks an
/// Ec2Lookup, so errors keep their order and pointers; problems are thrown as ScenarioError where they are.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "models/ec2/auto_scaling_group.hpp"

namespace fleetsim {

/// The rest of the run as the reader sees it: the wiring answers from the World, tests from a table.
class Ec2Lookup {
 public:
  virtual ~Ec2Lookup() = default;
  /// The catalogue's instance type `name`, or nullptr.
  virtual const InstanceType* instance_type(const std::string& name) const = 0;
  /// The catalogue's instance type names, sorted (for "did you mean").
  virtual std::vector<std::string> instance_type_names() const = 0;
  /// The run's region.
  virtual const std::string& region() const = 0;
  /// True when the catalogue prices `type` in the run's region.
  virtual bool has_price(const std::string& type) const = 0;
  /// The Availability Zone of the subnets section's `subnet_id`, or nothing.
  virtual std::optional<std::string> subnet_zone(const std::string& subnet_id) const = 0;
  /// The scenario's Availability Zones, in order.
  virtual const std::vector<std::string>& availability_zones() const = 0;
  /// The security group ids of `list` at `pointer`, each checked against the securityGroups section.
  virtual std::vector<std::string> security_groups(const nlohmann::json& list, const std::string& pointer) const = 0;
};

/// The CreateAutoScalingGroup-shaped group `g` at `p` (valid against the section's shape).
AsgConfig read_auto_scaling_group(const nlohmann::json& g, const std::string& p, const Ec2Lookup& lookup);

}  // namespace fleetsim
