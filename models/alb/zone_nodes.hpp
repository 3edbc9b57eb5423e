#pragma once
/// The load balancer's nodes, one per Availability Zone it is enabled in, as one target group sees them.

#include <cstdint>
#include <string>
#include <vector>

#include "models/alb/least_loaded.hpp"

namespace fleetsim {

/// Each ALB node routes on its own (ALB-UG "How Elastic Load Balancing works": clients reach a node through DNS,
/// one node per enabled zone, and each node chooses a target itself): it has its own healthy targets (every
/// healthy target of the group with cross-zone load balancing on, else those in its zone), its own round-robin
/// position and its own count of the requests it has outstanding at each target. Members are the target
/// group's dense target indices.
class ZoneNodes {
 public:
  static constexpr std::uint32_t kNone = UINT32_MAX;

  /// One node per zone of `zones`; with `cross_zone` each routes to every zone's targets.
  ZoneNodes(std::vector<std::string> zones, bool cross_zone);

  /// Makes healthy target `member` in `zone` routable by the nodes that route to that zone.
  void enter(std::uint32_t member, const std::string& zone);
  /// Makes `member` routable by no node.
  void leave(std::uint32_t member);
  /// The node a client reaches, for a uniform `client` in [0, 1): clients spread evenly over the nodes that
  /// have a healthy target (DNS failover takes the others out of DNS, target_group_health.dns_failover's default
  /// of one healthy target); kNone when no node has one.
  std::uint32_t pick_node(double client) const;
  /// The healthy targets node `node` routes to, in a deterministic order.
  const std::vector<std::uint32_t>& healthy(std::uint32_t node) const { return nodes_[node].healthy; }
  /// Node `node`'s next round-robin position (its own counter).
  std::uint64_t next_turn(std::uint32_t node) { return nodes_[node].round_robin++; }
  /// The healthy target of node `node` with the fewest requests outstanding from that node.
  std::uint32_t least_outstanding(std::uint32_t node) { return nodes_[node].least_loaded.least(); }
  /// Counts a request node `node` sent to `member` (+1) or that ended (-1).
  void outstanding(std::uint32_t node, std::uint32_t member, int delta);

 private:
  struct Node {
    std::string zone;
    std::vector<std::uint32_t> healthy;
    std::vector<std::uint32_t> pos;   // by member: index in healthy, kNone when absent
    std::vector<std::uint32_t> load;  // by member: requests this node has outstanding at it
    LeastLoaded least_loaded;         // healthy members by load
    std::uint64_t round_robin = 0;
  };
  static std::uint32_t& slot(std::vector<std::uint32_t>& by_member, std::uint32_t member, std::uint32_t fill);
  void refresh_serving();

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> serving_;  // nodes with a healthy target, in node order: pick_node runs per request
  bool cross_zone_;
};

}  // namespace fleetsim
