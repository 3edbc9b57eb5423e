#include "models/hosts/cpu_shares.hpp"

#include <algorithm>

namespace fleetsim {

std::uint32_t CpuShares::add_task(int cpu_units, int limit_units) {
  // Task-level `cpu` on Linux EC2 is "the hard limit of CPU units to present for the task" (CFS
  // quota; ECS task definition reference, aws-facts §4): 1024 units per vCPU.
  const double cap = limit_units > 0 ? std::min(vcpus_, limit_units / 1024.0) : vcpus_;
  const std::uint32_t ticket = slots_.acquire(Slot{static_cast<double>(cpu_units), cap, 0, cap, nullptr}).index();
  order_.push_back(ticket);
  return ticket;
}

void CpuShares::remove_task(std::uint32_t ticket) {
  demand_changed(ticket, 0);
  slots_.release(ticket);
  order_.erase(std::find(order_.begin(), order_.end(), ticket));
}

void CpuShares::attach(std::uint32_t ticket, CpuConsumer* consumer) {
  Slot& s = slots_[ticket];
  s.consumer = consumer;
  if (consumer != nullptr) consumer->set_vcpus(s.share);
}

void CpuShares::give(Slot& slot, double share) {
  if (slot.share == share) return;
  slot.share = share;
  if (slot.consumer != nullptr) slot.consumer->set_vcpus(share);
}

void CpuShares::demand_changed(std::uint32_t ticket, std::uint32_t active) {
  Slot& s = slots_[ticket];
  const double demand = std::min<double>(active, s.cap);
  total_demand_ += demand - s.demand;
  s.demand = demand;
  // Uncontended before and after: every task may already use the whole instance.
  if (!contended_ && total_demand_ <= vcpus_) return;
  if (!rebalance_pending_) {
    rebalance_pending_ = true;
    engine_.schedule_after<&CpuShares::on_rebalance>(Duration::micros(0), this);
  }
}

void CpuShares::on_rebalance(std::uint64_t) {
  rebalance_pending_ = false;
  rebalance();
}

void CpuShares::rebalance() {
  contended_ = total_demand_ > vcpus_;
  if (!contended_) {
    for (std::uint32_t i = 0; i < slots_.size(); ++i) {
      if (slots_.in_use(i)) give(slots_[i], slots_[i].cap);
    }
    return;
  }
  // Weighted water-filling: in order of demand per unit of weight, a task whose demand is under its
  // weighted part of what is left gets its demand; the rest split the remainder by weight. Tasks
  // without CPU units come last and share the leftovers equally.
  auto ratio = [&](std::uint32_t i) {
    const Slot& s = slots_[i];
    return s.weight > 0 ? s.demand / s.weight : 0.0;
  };
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    bool wa = slots_[a].weight > 0, wb = slots_[b].weight > 0;
    if (wa != wb) return wa;
    double ra = wa ? ratio(a) : slots_[a].demand, rb = wb ? ratio(b) : slots_[b].demand;
    return ra != rb ? ra < rb : a < b;
  };
  // `order_` stays sorted from the last re-share and few demands change in between (often one: a request
  // came or went), so an insertion sort moves a few tasks instead of sorting them all again. The order is
  // total (ties by ticket), so it is the one any sort gives.
  for (std::size_t k = 1; k < order_.size(); ++k) {
    const std::uint32_t t = order_[k];
    std::size_t j = k;
    for (; j > 0 && before(t, order_[j - 1]); --j) order_[j] = order_[j - 1];
    order_[j] = t;
  }
  double left = vcpus_;
  double weight_left = 0;
  std::size_t unweighted = 0;
  for (std::uint32_t i : order_) {
    if (slots_[i].weight > 0)
      weight_left += slots_[i].weight;
    else
      ++unweighted;
  }
  for (std::uint32_t i : order_) {
    Slot& s = slots_[i];
    double fair;
    if (s.weight > 0) {
      fair = left * s.weight / weight_left;
      weight_left -= s.weight;
    } else {
      fair = left / static_cast<double>(unweighted--);
    }
    double share = std::min(s.demand, fair);
    left = std::max(0.0, left - share);
    // A task at or under its demand keeps the share it was given; an idle one gets what is left so a
    // first request is not starved before the next rebalance.
    give(s, s.demand == 0 ? std::min(s.cap, std::max(left, 1e-9)) : share);
  }
}

}  // namespace fleetsim
