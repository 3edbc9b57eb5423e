#include "models/alb/target_group.hpp"

#include <algorithm>

namespace fleetsim {

TargetGroup::TargetGroup(RunContext& ctx, TargetGroupConfig config, RequestTotals& totals)
    : ctx_(ctx), config_(std::move(config)), totals_(totals), routing_rng_(ctx.stream("targetgroup/" + config_.name + "/routing")) {
  std::string dims = make_dimensions({{"LoadBalancer", config_.load_balancer}, {"TargetGroup", config_.name}});
  // ALB metrics are reported only while requests flow (aws-facts §2 "ALB metrics"): no zero rows.
  request_count_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "RequestCount", dims}, false);
  per_target_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "RequestCountPerTarget", dims}, false);
  response_time_ = ctx.metrics.add_distribution({"AWS/ApplicationELB", "TargetResponseTime", dims});
  elb_5xx_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", dims}, false);
  elb_502_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_ELB_502_Count", dims}, false);
  elb_503_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_ELB_503_Count", dims}, false);
  elb_504_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_ELB_504_Count", dims}, false);
  target_5xx_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", dims}, false);
  healthy_ = ctx.metrics.add_gauge({"AWS/ApplicationELB", "HealthyHostCount", dims});
  unhealthy_ = ctx.metrics.add_gauge({"AWS/ApplicationELB", "UnHealthyHostCount", dims});
  ctx.metrics.add_listener(this);
}

std::uint32_t TargetGroup::pick_target() {
  std::size_t n = ready_.size();
  switch (config_.algorithm) {
    case RoutingAlgorithm::kRoundRobin: return ready_[round_robin_++ % n];
    case RoutingAlgorithm::kWeightedRandom: return ready_[routing_rng_.next_below(n)];
    case RoutingAlgorithm::kLeastOutstandingRequests: {
      std::uint32_t best = ready_[0];
      std::uint32_t best_load = targets_[best].serving->outstanding();
      for (std::size_t i = 1; i < n; ++i) {
        std::uint32_t load = targets_[ready_[i]].serving->outstanding();
        if (load < best_load) {
          best = ready_[i];
          best_load = load;
        }
      }
      return best;
    }
  }
  return ready_[0];
}

void TargetGroup::route(const RequestSpec& request, double extra_latency_ms) {
  ++totals_.arrived;
  offered_cpu_ms_ += request.cpu_ms;
  if (ready_.empty()) {
    ++totals_.http503;
    ctx_.metrics.count(elb_5xx_);
    ctx_.metrics.count(elb_503_);
    return;
  }
  // RequestCount counts only requests for which a target was chosen (ALB-UG
  // load-balancer-cloudwatch-metrics: requests rejected before that are not reflected in it).
  period_requests_ += 1;
  ctx_.metrics.count(request_count_);
  std::uint32_t target = pick_target();
  std::uint32_t token = allocate_slot(extra_latency_ms);
  enqueue_deadline(token, request.timeout);
  targets_[target].serving->serve(token, request.cpu_ms, this);
}

std::uint32_t TargetGroup::allocate_slot(double extra_latency_ms) {
  std::uint32_t token;
  if (!free_slots_.empty()) {
    token = free_slots_.back();
    free_slots_.pop_back();
  } else {
    token = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  }
  slots_[token] = InFlight{ctx_.engine.now(), extra_latency_ms, next_serial_++, false};
  return token;
}

void TargetGroup::release_slot(std::uint32_t token) {
  free_slots_.push_back(token);
  // Drop answered requests from the fronts of the timeout queues, so a queue holds only about the
  // requests still unanswered, not every request of the last timeout interval.
  for (TimeoutQueue& tq : timeouts_) {
    while (!tq.deadlines.empty() && !waiting_for_answer(tq.deadlines.front())) tq.deadlines.pop_front();
  }
}

bool TargetGroup::waiting_for_answer(const Deadline& d) const {
  const InFlight& f = slots_[d.token];
  return f.serial == d.serial && !f.answered;
}

void TargetGroup::answer(std::uint32_t token, double latency_ms) {
  InFlight& f = slots_[token];
  f.answered = true;
  totals_.latency_stats.add(latency_ms);
  totals_.latency.add(latency_ms);
  run_latency_.add(latency_ms);
  ctx_.metrics.observe(response_time_, latency_ms / 1000.0);  // CloudWatch reports seconds
}

void TargetGroup::on_served(std::uint32_t token) {
  InFlight& f = slots_[token];
  if (!f.answered) {
    ++totals_.ok;
    answer(token, (ctx_.engine.now() - f.arrival).seconds_f() * 1000.0 + f.extra_latency_ms);
  }
  release_slot(token);
}

void TargetGroup::on_dropped(std::uint32_t token) {
  InFlight& f = slots_[token];
  if (!f.answered) {
    // The target went away mid-request: the ALB answers 502 (counted as an ELB 5XX).
    ++totals_.http502;
    ctx_.metrics.count(elb_5xx_);
    ctx_.metrics.count(elb_502_);
    answer(token, (ctx_.engine.now() - f.arrival).seconds_f() * 1000.0);
  }
  release_slot(token);
}

void TargetGroup::enqueue_deadline(std::uint32_t token, Duration timeout) {
  std::size_t q = 0;
  while (q < timeouts_.size() && timeouts_[q].timeout != timeout) ++q;
  if (q == timeouts_.size()) timeouts_.push_back(TimeoutQueue{timeout, {}, {}});
  TimeoutQueue& tq = timeouts_[q];
  tq.deadlines.push_back(Deadline{ctx_.engine.now() + timeout, token, slots_[token].serial});
  if (!tq.timer) arm(q);
}

void TargetGroup::arm(std::size_t q) {
  TimeoutQueue& tq = timeouts_[q];
  if (!tq.deadlines.empty()) tq.timer = ctx_.engine.schedule_at<&TargetGroup::on_timeout>(tq.deadlines.front().at, this, q);
}

void TargetGroup::on_timeout(std::uint64_t q) {
  TimeoutQueue& tq = timeouts_[q];
  tq.timer = EventId{};
  SimTime now = ctx_.engine.now();
  // The timer is lazy: answered requests leave the front without moving it, so it may fire for a
  // request long answered; it then re-arms for the oldest one still waiting (about once per timeout).
  while (!tq.deadlines.empty() && (tq.deadlines.front().at <= now || !waiting_for_answer(tq.deadlines.front()))) {
    Deadline d = tq.deadlines.front();
    tq.deadlines.pop_front();
    // A slot reused since (its serial changed) or already answered needs nothing. The target keeps
    // working on a timed-out request: servers rarely notice that the client has gone.
    if (!waiting_for_answer(d)) continue;
    ++totals_.http504;
    ctx_.metrics.count(elb_5xx_);
    ctx_.metrics.count(elb_504_);
    answer(d.token, tq.timeout.seconds_f() * 1000.0);
  }
  arm(q);
}

TargetHandle TargetGroup::register_target(ServingTarget* target, const TargetInfo& info) {
  std::uint32_t index;
  if (!free_targets_.empty()) {
    index = free_targets_.back();
    free_targets_.pop_back();
  } else {
    index = static_cast<std::uint32_t>(targets_.size());
    targets_.emplace_back();
  }
  targets_[index] = Target{target, info, true, UINT32_MAX};
  ++registered_count_;
  ctx_.metrics.add(unhealthy_, ctx_.engine.now(), 1);
  emit_health(targets_[index], "unused", "initial", "Elb.RegistrationInProgress");
  return TargetHandle{index};
}

void TargetGroup::set_ready(TargetHandle handle, bool ready) {
  Target& t = targets_[handle.index];
  bool is_ready = t.ready_pos != UINT32_MAX;
  if (ready == is_ready) return;
  SimTime now = ctx_.engine.now();
  if (ready) {
    t.ready_pos = static_cast<std::uint32_t>(ready_.size());
    ready_.push_back(handle.index);
    ctx_.metrics.add(healthy_, now, 1);
    ctx_.metrics.add(unhealthy_, now, -1);
    emit_health(t, "initial", "healthy", "");
  } else {
    remove_ready(t);
    ctx_.metrics.add(healthy_, now, -1);
    ctx_.metrics.add(unhealthy_, now, 1);
    emit_health(t, "healthy", "unhealthy", "Target.FailedHealthChecks");
  }
}

void TargetGroup::deregister_target(TargetHandle handle) {
  Target& t = targets_[handle.index];
  bool was_ready = t.ready_pos != UINT32_MAX;
  if (was_ready) {
    remove_ready(t);
    ctx_.metrics.add(healthy_, ctx_.engine.now(), -1);
  } else {
    ctx_.metrics.add(unhealthy_, ctx_.engine.now(), -1);
  }
  emit_health(t, was_ready ? "healthy" : "initial", "unused", "Target.DeregistrationInProgress");
  t.registered = false;
  t.serving = nullptr;
  --registered_count_;
  free_targets_.push_back(handle.index);
}

void TargetGroup::remove_ready(Target& t) {
  // Swap-remove keeps removal O(1); the resulting order is still a pure function of the event order.
  std::uint32_t moved = ready_.back();
  ready_[t.ready_pos] = moved;
  targets_[moved].ready_pos = t.ready_pos;
  ready_.pop_back();
  t.ready_pos = UINT32_MAX;
}

double TargetGroup::take_offered_cpu_ms() {
  double v = offered_cpu_ms_;
  offered_cpu_ms_ = 0;
  return v;
}

void TargetGroup::on_period_end(SimTime, Duration) {
  // RequestCountPerTarget: the period's requests over the healthy targets at its end (aws-facts §7).
  if (period_requests_ > 0 && !ready_.empty()) ctx_.metrics.count(per_target_, period_requests_ / static_cast<double>(ready_.size()));
  period_requests_ = 0;
}

void TargetGroup::emit_health(const Target& t, const char* from, const char* to, const char* reason) {
  if (!ctx_.events.enabled()) return;
  nlohmann::ordered_json e{{"targetGroup", config_.name}, {"target", t.info.id}, {"from", from}, {"to", to}};
  if (*reason) e["reason"] = reason;
  ctx_.events.emit(ctx_.engine.now(), "TargetHealthChange", e);
}

}  // namespace fleetsim
