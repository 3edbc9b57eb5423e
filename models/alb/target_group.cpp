#include "models/alb/target_group.hpp"

#include <algorithm>

namespace fleetsim {

namespace {
const char* state_name(int s) {
  static const char* const kNames[] = {"unused", "initial", "healthy", "unhealthy", "draining"};
  return kNames[s];
}
}  // namespace

TargetGroup::TargetGroup(RunContext& ctx, TargetGroupConfig config, RequestTotals& totals)
    : ctx_(ctx),
      config_(std::move(config)),
      totals_(totals),
      routing_rng_(ctx.stream("targetgroup/" + config_.name + "/routing")),
      registration_rng_(ctx.stream("targetgroup/" + config_.name + "/registration")),
      nodes_(config_.availability_zones.empty() ? std::vector<std::string>{""} : config_.availability_zones,
             config_.cross_zone || config_.availability_zones.empty()) {
  std::string dims = make_dimensions({{"LoadBalancer", config_.load_balancer}, {"TargetGroup", config_.name}});
  ctx.on_window_open([this](SimTime) { run_latency_.clear(); });  // summary.json's service latencies
  // ALB metrics are reported only while requests flow (aws-facts §2 "ALB metrics"): no zero rows.
  request_count_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "RequestCount", dims}, false);
  per_target_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "RequestCountPerTarget", dims}, false);
  response_time_ = ctx.metrics.add_distribution({"AWS/ApplicationELB", "TargetResponseTime", dims});
  elb_5xx_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", dims}, false);
  elb_502_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_ELB_502_Count", dims}, false);
  elb_503_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_ELB_503_Count", dims}, false);
  elb_504_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_ELB_504_Count", dims}, false);
  target_5xx_ = ctx.metrics.add_counter({"AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", dims}, false);
  healthy_count_ = ctx.metrics.add_gauge({"AWS/ApplicationELB", "HealthyHostCount", dims});
  unhealthy_count_ = ctx.metrics.add_gauge({"AWS/ApplicationELB", "UnHealthyHostCount", dims});
  ctx.metrics.add_listener(this);
}

// ---- routing --------------------------------------------------------------------------------

double TargetGroup::slow_start_weight(Target& t) {
  if (!t.slow_start) return 1;
  // The share rises linearly over the duration after the target became healthy (aws-facts §7).
  double w = (ctx_.engine.now() - t.healthy_since).seconds_f() / config_.slow_start.seconds_f();
  if (w >= 1) {
    t.slow_start = false;
    return 1;
  }
  return w;
}

bool TargetGroup::accept_by_weight(std::uint32_t index) {
  Target& t = targets_[index];
  return !t.slow_start || routing_rng_.next_double() < slow_start_weight(t);
}

std::uint32_t TargetGroup::pick_target(std::uint32_t node) {
  if (node == ZoneNodes::kNone) {
    // Fail-open: with no healthy target the ALB routes to all of them (aws-facts §7 "Fail-open").
    return unhealthy_[round_robin_++ % unhealthy_.size()];
  }
  // The node the client reached chooses on its own, over the healthy targets it routes to (ZoneNodes).
  const std::vector<std::uint32_t>& healthy = nodes_.healthy(node);
  std::size_t n = healthy.size();
  switch (config_.algorithm) {
    case RoutingAlgorithm::kLeastOutstandingRequests:
      return nodes_.least_outstanding(node);  // no slow start with LOR
    case RoutingAlgorithm::kRoundRobin:
      // Slow start thins a new target's turns: a turn is taken with probability equal to its weight.
      for (std::size_t tries = 0; tries < n; ++tries) {
        std::uint32_t index = healthy[nodes_.next_turn(node) % n];
        if (accept_by_weight(index)) return index;
      }
      return healthy[nodes_.next_turn(node) % n];
    case RoutingAlgorithm::kWeightedRandom:
      // Rejection sampling: a uniform pick kept with probability equal to its weight selects in
      // proportion to the weights. A node whose targets are all starting (cross-zone off) could reject
      // for long, so after many tries the uniform pick stands.
      for (std::size_t tries = 0; tries < 64 * n; ++tries) {
        std::uint32_t index = healthy[routing_rng_.next_below(n)];
        if (accept_by_weight(index)) return index;
      }
      return healthy[routing_rng_.next_below(n)];
  }
  return healthy[0];
}

void TargetGroup::enter_set(std::uint32_t index) {
  Target& t = targets_[index];
  std::vector<std::uint32_t>& set = t.state == State::kHealthy ? healthy_ : unhealthy_;
  t.set_pos = static_cast<std::uint32_t>(set.size());
  set.push_back(index);
  if (t.state == State::kHealthy) {
    nodes_.enter(index, t.info.availability_zone);
    healthy_area_.add(ctx_.engine.now(), 1);
  }
}

void TargetGroup::leave_set(std::uint32_t index) {
  Target& t = targets_[index];
  if (t.set_pos == kNone) return;
  std::vector<std::uint32_t>& set = t.state == State::kHealthy ? healthy_ : unhealthy_;
  // Swap-remove keeps removal O(1); the resulting order is still a pure function of the event order.
  std::uint32_t moved = set.back();
  set[t.set_pos] = moved;
  targets_[moved].set_pos = t.set_pos;
  set.pop_back();
  t.set_pos = kNone;
  nodes_.leave(index);
  if (t.state == State::kHealthy) healthy_area_.add(ctx_.engine.now(), -1);
}

void TargetGroup::route(const RequestSpec& request, double extra_latency_ms, double client) {
  ++totals_.arrived;
  offered_cpu_ms_ += request.cpu_ms;
  // The node the client reached; none when no node has a healthy target, and then fail-open, if there is
  // a target at all.
  std::uint32_t node = nodes_.pick_node(client);
  if (node == ZoneNodes::kNone && unhealthy_.empty()) {
    ++totals_.http503;
    ctx_.metrics.count(elb_5xx_);
    ctx_.metrics.count(elb_503_);
    return;
  }
  // RequestCount counts only requests for which a target was chosen (ALB-UG
  // load-balancer-cloudwatch-metrics: requests rejected before that are not reflected in it).
  period_requests_ += 1;
  routed_ += 1;
  ctx_.metrics.count(request_count_);
  std::uint32_t index = pick_target(node);
  Target& t = targets_[index];
  ++t.outstanding;
  if (node != ZoneNodes::kNone) nodes_.outstanding(node, index, +1);
  t.used = true;
  t.last_used = ctx_.engine.now();
  std::uint32_t token = allocate_slot(index, extra_latency_ms, false);
  slots_[token].node = node;
  if (!t.info.reachable) {
    // Security groups drop the packets: the connection attempt times out and the ALB answers 504.
    slots_[token].unreachable = true;
    enqueue_deadline(token, std::min(request.timeout, config_.connect_timeout));
    return;
  }
  enqueue_deadline(token, request.timeout);
  t.serving->serve_with_io(token, request.cpu_ms, request.io_mib, this);
}

// ---- requests -------------------------------------------------------------------------------

std::uint32_t TargetGroup::allocate_slot(std::uint32_t target, double extra_latency_ms, bool probe) {
  return slots_.acquire(InFlight{ctx_.engine.now(), extra_latency_ms, targets_.handle(target), false, probe, false})
      .index();
}

void TargetGroup::release_slot(std::uint32_t token) {
  slots_.release(token);
  // Drop answered requests from the fronts of the timeout queues, so a queue holds only about the
  // requests still unanswered, not every request of the last timeout interval.
  for (TimeoutQueue& tq : timeouts_) {
    while (!tq.deadlines.empty() && !waiting_for_answer(tq.deadlines.front())) tq.deadlines.pop_front();
  }
}

bool TargetGroup::waiting_for_answer(const Deadline& d) const {
  const InFlight* f = slots_.find(d.request);
  return f != nullptr && !f->answered;
}

void TargetGroup::answer(std::uint32_t token, double latency_ms) {
  InFlight& f = slots_[token];
  f.answered = true;
  totals_.latency_stats.add(latency_ms);
  totals_.latency.add(latency_ms);
  run_latency_.add(latency_ms);
  ctx_.metrics.observe(response_time_, latency_ms / 1000.0);  // CloudWatch reports seconds
  Target* t = targets_.find(f.target);
  if (t == nullptr) return;
  std::uint32_t index = f.target.index();
  --t->outstanding;
  t->last_used = ctx_.engine.now();
  if (f.node != ZoneNodes::kNone) nodes_.outstanding(f.node, index, -1);
  if (t->state == State::kDraining && t->outstanding == 0) arm_drain(index);
}

void TargetGroup::on_served(std::uint32_t token) {
  InFlight& f = slots_[token];
  if (f.probe) {
    if (!f.answered) {
      f.answered = true;
      Target* t = targets_.find(f.target);
      if (t != nullptr && t->probe_token == token) {
        ctx_.engine.cancel(t->probe_timer);
        t->probe_token = kNone;
        bool pass = t->serving->probe_answer() == ProbeAnswer::kHealthy;
        record_check(f.target.index(), pass, "Target.ResponseCodeMismatch");
      }
    }
  } else if (!f.answered) {
    ++totals_.ok;
    answer(token, (ctx_.engine.now() - f.arrival).seconds_f() * 1000.0 + f.extra_latency_ms);
  }
  release_slot(token);
}

void TargetGroup::on_dropped(std::uint32_t token) {
  InFlight& f = slots_[token];
  if (!f.answered && !f.probe) {
    // The target went away mid-request: the ALB answers 502 (counted as an ELB 5XX).
    ++totals_.http502;
    ctx_.metrics.count(elb_5xx_);
    ctx_.metrics.count(elb_502_);
    answer(token, (ctx_.engine.now() - f.arrival).seconds_f() * 1000.0);
  }
  f.answered = true;
  release_slot(token);
}

void TargetGroup::enqueue_deadline(std::uint32_t token, Duration timeout) {
  std::size_t q = 0;
  while (q < timeouts_.size() && timeouts_[q].timeout != timeout) ++q;
  if (q == timeouts_.size()) timeouts_.push_back(TimeoutQueue{timeout, {}, {}});
  TimeoutQueue& tq = timeouts_[q];
  tq.deadlines.push_back(Deadline{ctx_.engine.now() + timeout, slots_.handle(token)});
  if (!tq.timer) arm(q);
}

void TargetGroup::arm(std::size_t q) {
  TimeoutQueue& tq = timeouts_[q];
  if (!tq.deadlines.empty())
    tq.timer = ctx_.engine.schedule_at<&TargetGroup::on_timeout>(tq.deadlines.front().at, this, q);
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
    // A slot released since (its handle is stale) or already answered needs nothing. The target keeps
    // working on a timed-out request: servers rarely notice that the client has gone.
    if (!waiting_for_answer(d)) continue;
    ++totals_.http504;
    ctx_.metrics.count(elb_5xx_);
    ctx_.metrics.count(elb_504_);
    answer(d.request.index(), tq.timeout.seconds_f() * 1000.0);
    if (slots_[d.request.index()].unreachable) release_slot(d.request.index());
  }
  arm(q);
}

// ---- health checks --------------------------------------------------------------------------

TargetHandle TargetGroup::register_target(ServingTarget* target, const TargetInfo& info, TargetOwner* owner) {
  std::uint32_t index = targets_.acquire(Target{}).index();
  Target& t = targets_[index];
  t.serving = target;
  t.owner = owner;
  t.info = info;
  t.state = State::kInitial;
  emit_health(t, "unused", "initial", "Elb.RegistrationInProgress");
  // Registration itself takes a while (catalogue alb.targetRegistrationSeconds): AWS documents the state,
  // not its length (aws-facts §7 "Target registration latency").
  Duration latency = Duration::from_seconds(std::max(0.0, config_.registration_s.sample(registration_rng_)));
  t.check_timer = ctx_.engine.schedule_after<&TargetGroup::on_registered>(latency, this, pack(index));
  return TargetHandle{index};
}

void TargetGroup::on_registered(std::uint64_t payload) {
  Target* t = unpack(payload);
  if (t == nullptr || t->state != State::kInitial) return;
  if (!config_.health.enabled) {
    set_state(index_of(payload), State::kHealthy, "");  // checks disabled: ELB treats targets as available
    return;
  }
  // "After your target is registered, it must pass one health check to be considered healthy" (aws-facts §7
  // "Initial health"); checks go out once per interval, the first one interval after registration.
  t->check_timer = ctx_.engine.schedule_after<&TargetGroup::on_check>(config_.health.interval, this, payload);
}

void TargetGroup::on_check(std::uint64_t payload) {
  Target* t = unpack(payload);
  if (t == nullptr || t->state == State::kDraining || t->state == State::kUnused) return;
  std::uint32_t index = index_of(payload);
  t->check_timer = ctx_.engine.schedule_after<&TargetGroup::on_check>(config_.health.interval, this, payload);
  if (t->probe_token != kNone) return;  // the previous check is still out (timeout < interval, so rare)
  if (!t->info.reachable) {
    // No answer ever comes back: the check times out (Target.Timeout).
    t->probe_token = allocate_slot(index, 0, true);
    t->probe_timer = ctx_.engine.schedule_after<&TargetGroup::on_probe_timeout>(config_.health.timeout, this, payload);
    return;
  }
  if (t->serving->probe_answer() == ProbeAnswer::kRefused) {
    record_check(index, false, "Target.FailedHealthChecks");  // connection refused: nothing listens
    return;
  }
  // The check is a request like any other: it waits behind the requests the task is serving, so
  // an overloaded task fails its checks, as real services do.
  std::uint32_t token = allocate_slot(index, 0, true);
  t->probe_token = token;
  t->probe_timer = ctx_.engine.schedule_after<&TargetGroup::on_probe_timeout>(config_.health.timeout, this, payload);
  t->serving->serve(token, config_.health.cpu_ms, this);
}

void TargetGroup::on_probe_timeout(std::uint64_t payload) {
  Target* t = unpack(payload);
  if (t == nullptr || t->probe_token == kNone) return;
  slots_[t->probe_token].answered = true;                // a late answer changes nothing
  if (!t->info.reachable) release_slot(t->probe_token);  // no answer will ever come to free it
  t->probe_token = kNone;
  t->probe_timer = EventId{};
  record_check(index_of(payload), false, "Target.Timeout");
}

void TargetGroup::record_check(std::uint32_t index, bool pass, const char* reason) {
  Target& t = targets_[index];
  const HealthCheckConfig& h = config_.health;
  if (pass) {
    ++t.passes;
    t.failures = 0;
  } else {
    ++t.failures;
    t.passes = 0;
  }
  switch (t.state) {
    case State::kInitial:
      if (pass && t.passes >= h.initial_healthy_threshold) set_state(index, State::kHealthy, "");
      if (!pass && t.failures >= h.unhealthy_threshold) set_state(index, State::kUnhealthy, reason);
      break;
    case State::kHealthy:
      if (!pass && t.failures >= h.unhealthy_threshold) set_state(index, State::kUnhealthy, reason);
      break;
    case State::kUnhealthy:
      if (pass && t.passes >= h.healthy_threshold) set_state(index, State::kHealthy, "");
      // Every failed check while unhealthy reminds the owner, so one inside its grace period is
      // replaced as soon as the period is over.
      if (!pass) ctx_.engine.schedule_after<&TargetGroup::notify_owner>(Duration::micros(0), this, pack(index));
      break;
    default:
      break;
  }
}

void TargetGroup::set_state(std::uint32_t index, State to, const char* reason) {
  Target& t = targets_[index];
  State from = t.state;
  SimTime now = ctx_.engine.now();
  leave_set(index);
  if (from == State::kHealthy) ctx_.metrics.add(healthy_count_, now, -1);
  if (from == State::kUnhealthy) ctx_.metrics.add(unhealthy_count_, now, -1);
  if (to == State::kHealthy) {
    ctx_.metrics.add(healthy_count_, now, 1);
    t.healthy_since = now;
    // A target does not slow-start when it would be alone (aws-facts §7 "Slow start").
    bool others_at_full =
        std::any_of(healthy_.begin(), healthy_.end(), [&](std::uint32_t i) { return !targets_[i].slow_start; });
    t.slow_start = config_.slow_start.us() > 0 && others_at_full;
  }
  if (to == State::kUnhealthy) ctx_.metrics.add(unhealthy_count_, now, 1);
  t.state = to;
  if (to == State::kHealthy || to == State::kUnhealthy) enter_set(index);
  t.passes = 0;
  t.failures = 0;
  emit_health(t, state_name(static_cast<int>(from)), state_name(static_cast<int>(to)), reason);
  if (to == State::kUnhealthy) t.reason = reason;
  // The owner hears it from its own event, not from inside a health check of this group: a task that
  // turns healthy lets the scheduler stop others, which deregisters them from this very group.
  if (to == State::kHealthy || to == State::kUnhealthy) {
    ctx_.engine.schedule_after<&TargetGroup::notify_owner>(Duration::micros(0), this, pack(index));
  }
}

void TargetGroup::notify_owner(std::uint64_t payload) {
  Target* t = unpack(payload);
  if (t == nullptr) return;
  if (t->state == State::kHealthy) t->owner->on_target_healthy(config_.name);
  if (t->state == State::kUnhealthy) t->owner->on_target_unhealthy(config_.name, t->reason);
}

// ---- draining -------------------------------------------------------------------------------

void TargetGroup::deregister_target(TargetHandle handle) {
  std::uint32_t index = handle.index;
  Target& t = targets_[index];
  if (t.state == State::kDraining || t.state == State::kUnused) return;
  SimTime now = ctx_.engine.now();
  leave_set(index);
  if (t.state == State::kHealthy) ctx_.metrics.add(healthy_count_, now, -1);
  if (t.state == State::kUnhealthy) ctx_.metrics.add(unhealthy_count_, now, -1);
  emit_health(t, state_name(static_cast<int>(t.state)), "draining", "Target.DeregistrationInProgress");
  t.state = State::kDraining;
  ctx_.engine.cancel(t.check_timer);
  ctx_.engine.cancel(t.probe_timer);
  t.probe_token = kNone;
  t.drain_until = now + config_.deregistration_delay;
  arm_drain(index);
}

// Draining completes early only with "no in-flight requests and no active connections" (ALB-UG
// "Deregistration delay"). The ALB keeps its keep-alive connections to a target open until they have been
// idle for the load balancer's idle timeout (ALB-UG "Connection idle timeout": it applies to the connections
// to targets too), so a target ends draining at the earliest of the delay's end and its idle timeout after
// the last answer; one with no request in flight and no connection used within the idle timeout at once.
void TargetGroup::arm_drain(std::uint32_t index) {
  Target& t = targets_[index];
  ctx_.engine.cancel(t.drain_timer);
  SimTime now = ctx_.engine.now();
  SimTime end = t.drain_until;
  if (t.outstanding == 0) {
    SimTime closed = t.used ? t.last_used + config_.idle_timeout : now;
    if (closed < end) end = closed;
  }
  if (end <= now && t.outstanding == 0) {
    finish_drain(index);
  } else {
    t.drain_timer = ctx_.engine.schedule_at<&TargetGroup::on_drain_timeout>(std::max(end, now), this, pack(index));
  }
}

void TargetGroup::on_drain_timeout(std::uint64_t payload) {
  Target* t = unpack(payload);
  if (t == nullptr || t->state != State::kDraining) return;
  t->drain_timer = EventId{};
  if (t->outstanding == 0) {
    finish_drain(index_of(payload));  // its connections have closed, or the delay is over
    return;
  }
  // The delay is over: the ALB closes what is still open; those clients see 502. The target may
  // still be working on them; its later answers find them answered. The last one ends the draining.
  SlotHandle target = SlotHandle::from_bits(payload);
  for (std::uint32_t token = 0; token < slots_.size() && t->outstanding > 0; ++token) {
    if (!slots_.in_use(token)) continue;
    InFlight& f = slots_[token];
    if (f.target != target || f.answered || f.probe) continue;
    ++totals_.http502;
    ctx_.metrics.count(elb_5xx_);
    ctx_.metrics.count(elb_502_);
    answer(token, (ctx_.engine.now() - f.arrival).seconds_f() * 1000.0);
  }
}

void TargetGroup::finish_drain(std::uint32_t index) {
  Target& t = targets_[index];
  ctx_.engine.cancel(t.drain_timer);
  emit_health(t, "draining", "unused", "Target.NotRegistered");
  t.state = State::kUnused;
  // The owner hears it from an event of its own, not from inside the callback that got us here.
  ctx_.engine.schedule_after<&TargetGroup::notify_drained>(Duration::micros(0), this, pack(index));
}

void TargetGroup::notify_drained(std::uint64_t payload) {
  Target* t = unpack(payload);
  if (t == nullptr) return;
  TargetOwner* owner = t->owner;
  std::uint32_t index = index_of(payload);
  t->serving = nullptr;
  targets_.release(index);  // in-flight leftovers of this target no longer match it
  owner->on_target_drained();
}

// ---- metrics and events ---------------------------------------------------------------------

double TargetGroup::take_offered_cpu_ms() {
  double v = offered_cpu_ms_;
  offered_cpu_ms_ = 0;
  return v;
}

std::optional<Datapoint> TargetGroup::datapoint(const MetricTotals& from, const MetricTotals& to) const {
  // RequestCountPerTarget (Sum): the interval's requests over its mean healthy targets; no datapoint
  // while no request flows (aws-facts §2 "ALB metrics") or no target is healthy.
  double requests = to.amount - from.amount, target_us = to.basis - from.basis;
  if (requests <= 0 || target_us <= 0) return std::nullopt;
  return Datapoint{requests * static_cast<double>((to.at - from.at).us()) / target_us, 1};
}

void TargetGroup::on_period_end(SimTime, Duration) {
  // RequestCountPerTarget: the period's requests over the healthy targets at its end (aws-facts §7).
  if (period_requests_ > 0 && !healthy_.empty())
    ctx_.metrics.count(per_target_, period_requests_ / static_cast<double>(healthy_.size()));
  period_requests_ = 0;
}

void TargetGroup::emit_health(const Target& t, const char* from, const char* to, const char* reason) {
  if (!ctx_.events.enabled()) return;
  nlohmann::ordered_json e{{"targetGroup", config_.name}, {"target", t.info.id}, {"from", from}, {"to", to}};
  if (*reason) e["reason"] = reason;
  ctx_.events.emit(ctx_.engine.now(), "TargetHealthChange", e);
}

}  // namespace fleetsim
