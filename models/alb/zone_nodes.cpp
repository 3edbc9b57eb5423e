#include "models/alb/zone_nodes.hpp"

namespace fleetsim {

ZoneNodes::ZoneNodes(std::vector<std::string> zones, bool cross_zone) : cross_zone_(cross_zone) {
  for (std::string& z : zones) nodes_.push_back(Node{std::move(z), {}, {}, {}, {}, 0});
}

std::uint32_t& ZoneNodes::slot(std::vector<std::uint32_t>& by_member, std::uint32_t member, std::uint32_t fill) {
  if (member >= by_member.size()) by_member.resize(member + 1, fill);
  return by_member[member];
}

void ZoneNodes::enter(std::uint32_t member, const std::string& zone) {
  for (Node& n : nodes_) {
    if (!cross_zone_ && n.zone != zone) continue;
    std::uint32_t& pos = slot(n.pos, member, kNone);
    if (pos != kNone) continue;
    pos = static_cast<std::uint32_t>(n.healthy.size());
    n.healthy.push_back(member);
    n.least_loaded.add(member, slot(n.load, member, 0));
  }
  refresh_serving();
}

void ZoneNodes::leave(std::uint32_t member) {
  for (Node& n : nodes_) {
    if (member >= n.pos.size() || n.pos[member] == kNone) continue;
    // Swap-remove keeps removal O(1); the order is still a pure function of the order of events.
    std::uint32_t pos = n.pos[member];
    std::uint32_t moved = n.healthy.back();
    n.healthy[pos] = moved;
    n.pos[moved] = pos;
    n.healthy.pop_back();
    n.pos[member] = kNone;
    n.least_loaded.remove(member);
  }
  refresh_serving();
}

void ZoneNodes::refresh_serving() {
  serving_.clear();
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) {
    if (!nodes_[i].healthy.empty()) serving_.push_back(i);
  }
}

std::uint32_t ZoneNodes::pick_node(double client) const {
  if (serving_.empty()) return kNone;
  auto k = static_cast<std::size_t>(client * static_cast<double>(serving_.size()));
  return serving_[k < serving_.size() ? k : serving_.size() - 1];
}

void ZoneNodes::outstanding(std::uint32_t node, std::uint32_t member, int delta) {
  Node& n = nodes_[node];
  std::uint32_t& load = n.load[member];  // sized when the member entered this node, before any request to it
  load = static_cast<std::uint32_t>(static_cast<int>(load) + delta);
  if (n.least_loaded.contains(member)) n.least_loaded.change(member, delta);
}

}  // namespace fleetsim
