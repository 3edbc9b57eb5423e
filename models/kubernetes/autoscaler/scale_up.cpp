#include "models/kubernetes/autoscaler/scale_up.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace fleetsim::kube {

namespace {

// The reasons of a FailedScheduling message for one node ("0/1 nodes are available: 1 Insufficient cpu,
// 1 Insufficient memory. preemption: ..."), without their counts: ["Insufficient cpu", ...].
std::vector<std::string> fit_reasons(const std::string& message) {
  std::vector<std::string> out;
  const std::string head = "nodes are available: ";
  std::size_t start = message.find(head);
  if (start == std::string::npos) return {message};
  start += head.size();
  std::size_t end = message.find(". ", start);
  if (end == std::string::npos) end = message.rfind('.');
  std::string list = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
  for (std::size_t pos = 0; pos <= list.size();) {
    std::size_t comma = std::min(list.find(", ", pos), list.size());
    std::string part = list.substr(pos, comma - pos);
    if (std::size_t space = part.find(' '); space != std::string::npos) part = part.substr(space + 1);
    out.push_back(part);
    pos = comma + 2;
  }
  return out;
}

// The binpacking estimator's order: the pods that take most of a node first (cpu and memory fractions
// of the template's allocatable, summed), ties in their pending order.
std::vector<std::size_t> largest_first(std::span<const PodSchedulingSpec> pods, const NodeInfo& node) {
  std::vector<double> score(pods.size());
  for (std::size_t i = 0; i < pods.size(); ++i) {
    const Resources& r = pods[i].requests;
    score[i] =
        static_cast<double>(r.cpu_milli) / static_cast<double>(std::max<std::int64_t>(1, node.allocatable.cpu_milli)) +
        static_cast<double>(r.memory_bytes) /
            static_cast<double>(std::max<std::int64_t>(1, node.allocatable.memory_bytes));
  }
  std::vector<std::size_t> order(pods.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  return order;
}

NodeInfo new_node(const GroupTemplate& g, std::size_t k) {
  NodeInfo node = g.node;
  node.name = "template-node-for-" + g.id + "-" + std::to_string(k);
  node.labels[kHostnameLabel] = node.name;
  return node;
}

}  // namespace

ScaleUpPlan estimate_scale_up(std::span<const GroupTemplate> groups, std::span<const PodSchedulingSpec> pods,
                              Scheduler& scheduler, Rng& rng) {
  ScaleUpPlan plan;
  plan.rejections.resize(pods.size());
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const GroupTemplate& group = groups[g];
    const int room = std::max(0, group.max_size - group.target_size);
    ScaleUpOption option;
    option.group = g;
    std::vector<NodeInfo> added;
    const NodeInfo empty = new_node(group, 0);
    for (std::size_t p : largest_first(pods, group.node)) {
      const PodSchedulingSpec& pod = pods[p];
      if (!added.empty()) {
        ScheduleResult r = scheduler.schedule(pod, added, rng);
        if (r.node) {
          added[*r.node].add_pod(pod.record());
          option.pods.push_back(p);
          continue;
        }
      }
      // Whether the pod fits on a new node at all: the scheduler's filters on an empty template.
      ScheduleResult alone = scheduler.schedule(pod, std::span<const NodeInfo>(&empty, 1), rng);
      if (!alone.node) {
        plan.rejections[p].push_back({g, fit_reasons(alone.message)});
      } else if (static_cast<int>(added.size()) >= room) {
        plan.rejections[p].push_back({g, {"max node group size reached"}});
      } else {
        added.push_back(new_node(group, added.size()));
        added.back().add_pod(pod.record());
        option.pods.push_back(p);
      }
    }
    if (added.empty()) continue;
    option.node_count = static_cast<int>(added.size());
    std::sort(option.pods.begin(), option.pods.end());
    // least-waste (expander/waste): the new nodes' capacity the pods leave unrequested, per resource.
    Resources requested;
    for (std::size_t p : option.pods) {
      requested.cpu_milli += pods[p].requests.cpu_milli;
      requested.memory_bytes += pods[p].requests.memory_bytes;
    }
    const double n = option.node_count;
    const double cpu = n * static_cast<double>(group.capacity.cpu_milli);
    const double mem = n * static_cast<double>(group.capacity.memory_bytes);
    option.wasted_cpu = cpu > 0 ? (cpu - static_cast<double>(requested.cpu_milli)) / cpu : 0;
    option.wasted_memory = mem > 0 ? (mem - static_cast<double>(requested.memory_bytes)) / mem : 0;
    plan.options.push_back(std::move(option));
  }
  return plan;
}

std::size_t choose_option(std::span<const ScaleUpOption> options, std::span<const Expander> expanders, Rng& rng) {
  std::vector<std::size_t> best(options.size());
  std::iota(best.begin(), best.end(), 0);
  for (Expander e : expanders) {
    if (best.size() <= 1 || e == Expander::kRandom) break;
    if (e == Expander::kPriority) {
      // expander/priority: the options of the highest priority; none matched, all go to the next expander.
      std::optional<int> top;
      for (std::size_t i : best) top = std::max(top, options[i].priority);
      if (top) std::erase_if(best, [&](std::size_t i) { return options[i].priority != top; });
      continue;
    }
    // Each filter keeps the options with the best value (equal within floating-point noise).
    auto value = [&](std::size_t i) {
      const ScaleUpOption& o = options[i];
      return e == Expander::kMostPods ? -static_cast<double>(o.pods.size()) : o.wasted_cpu + o.wasted_memory;
    };
    double top = value(best.front());
    for (std::size_t i : best) top = std::min(top, value(i));
    std::erase_if(best, [&](std::size_t i) { return value(i) > top + 1e-12; });
  }
  if (best.size() == 1) return best.front();
  return best[rng.next_below(best.size())];
}

std::vector<std::size_t> similar_groups(std::span<const GroupTemplate> groups, std::size_t chosen) {
  // processors/nodegroupset: node groups are similar when their nodes' allocatable matches (memory within
  // 5 %: the same type's nodes differ a little) and their labels match apart from the ones that name a
  // node, its zone or its group.
  auto comparable = [](const Labels& labels) {
    Labels out = labels;
    for (const char* key : {kHostnameLabel, kZoneLabel, "topology.kubernetes.io/region", "eks.amazonaws.com/nodegroup",
                            "alpha.eksctl.io/nodegroup-name", "failure-domain.beta.kubernetes.io/zone"})
      out.erase(key);
    return out;
  };
  const GroupTemplate& c = groups[chosen];
  std::vector<std::size_t> out{chosen};
  for (std::size_t g = 0; g < groups.size(); ++g) {
    const GroupTemplate& o = groups[g];
    if (g == chosen || o.node.allocatable.cpu_milli != c.node.allocatable.cpu_milli) continue;
    const double a = static_cast<double>(o.node.allocatable.memory_bytes);
    const double b = static_cast<double>(c.node.allocatable.memory_bytes);
    if (std::abs(a - b) > 0.05 * std::max(a, b)) continue;
    if (comparable(o.node.labels) != comparable(c.node.labels)) continue;
    if (o.node.taints.size() != c.node.taints.size()) continue;
    bool same_taints = true;
    for (std::size_t t = 0; t < o.node.taints.size(); ++t) {
      const Taint &x = o.node.taints[t], &y = c.node.taints[t];
      same_taints = same_taints && x.key == y.key && x.value == y.value && x.effect == y.effect;
    }
    if (same_taints) out.push_back(g);
  }
  return out;
}

std::vector<int> balance_nodes(std::span<const GroupTemplate> all, std::span<const std::size_t> groups, int nodes) {
  // BalanceScaleUpBetweenGroups: one node at a time to the smallest group with room (the first on ties).
  std::vector<int> added(groups.size(), 0);
  for (int n = 0; n < nodes; ++n) {
    std::optional<std::size_t> smallest;
    for (std::size_t k = 0; k < groups.size(); ++k) {
      const GroupTemplate& g = all[groups[k]];
      if (g.target_size + added[k] >= g.max_size) continue;
      if (!smallest || g.target_size + added[k] < all[groups[*smallest]].target_size + added[*smallest]) smallest = k;
    }
    if (!smallest) break;
    ++added[*smallest];
  }
  return added;
}

}  // namespace fleetsim::kube
