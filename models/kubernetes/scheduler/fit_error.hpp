#pragma once
/// The FailedScheduling message, built as kube-scheduler's FitError.Error() builds it
/// (pkg/scheduler/framework/types.go): "0/N nodes are available: <count> <reason>, ... .", each
/// reason counted over the nodes and the "<count> <reason>" strings sorted as Go's sort.Strings sorts
/// them (bytewise), then the PostFilter (preemption) message.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "models/kubernetes/scheduler/node_status.hpp"

namespace fleetsim::kube {

/// The message for `num_nodes` nodes whose statuses are `failed`, followed by `post_filter` if any.
std::string fit_error_message(std::size_t num_nodes, std::span<const NodeStatus> failed, std::string_view post_filter);

/// The message when the cluster has no node at all (ErrNoNodesAvailable).
inline constexpr const char* kNoNodesAvailable = "no nodes available to schedule pods";

}  // namespace fleetsim::kube
