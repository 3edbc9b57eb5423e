#include "models/kubernetes/scheduler/fit_error.hpp"

#include <algorithm>
#include <map>
#include <vector>

namespace fleetsim::kube {

std::string fit_error_message(std::size_t num_nodes, std::span<const NodeStatus> failed, std::string_view post_filter) {
  std::map<std::string, int> counts;
  for (const NodeStatus& s : failed) {
    for (unsigned r = 0; r <= static_cast<unsigned>(FitReason::kPreemptionNotHelpful); ++r) {
      auto reason = static_cast<FitReason>(r);
      if (s.has(reason)) ++counts[reason_text(reason, s.taint)];
    }
  }
  std::vector<std::string> parts;
  for (const auto& [reason, n] : counts) parts.push_back(std::to_string(n) + " " + reason);
  std::sort(parts.begin(), parts.end());
  std::string msg = "0/" + std::to_string(num_nodes) + " nodes are available:";
  if (!parts.empty()) {
    msg += " ";
    for (std::size_t i = 0; i < parts.size(); ++i) msg += (i ? ", " : "") + parts[i];
    msg += ".";
  }
  if (!post_filter.empty()) {
    msg += " ";
    msg += post_filter;
  }
  return msg;
}

}  // namespace fleetsim::kube
