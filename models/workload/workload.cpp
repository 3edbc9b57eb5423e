#include "models/workload/workload.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/random/exponential.hpp"

namespace fleetsim {

Workload::Workload(RunContext& ctx, WorkloadConfig config, RequestSink* sink)
    : ctx_(ctx),
      config_(std::move(config)),
      sink_(sink),
      arrivals_(ctx.stream("workload/" + config_.name + "/arrivals")),
      demand_(ctx.stream("workload/" + config_.name + "/demand")),
      paths_(ctx.stream("workload/" + config_.name + "/paths")) {
  for (const WeightedPath& p : config_.paths) total_weight_ += p.weight;
}

const WeightedPath* Workload::next_path() {
  if (config_.paths.size() < 2) return config_.paths.empty() ? nullptr : &config_.paths.front();
  double pick = paths_.next_double() * total_weight_;
  for (const WeightedPath& p : config_.paths) {
    pick -= p.weight;
    if (pick < 0) return &p;
  }
  return &config_.paths.back();
}

void Workload::start() {
  next_t_ = next_after(ctx_.engine.now().seconds_f());
  if (std::isfinite(next_t_) && next_t_ * 1e6 <= static_cast<double>(ctx_.end.us())) {
    pending_ = ctx_.engine.schedule_at<&Workload::on_arrival>(SimTime::from_micros(std::llround(next_t_ * 1e6)), this);
  }
}

void Workload::set_rate(double rate) {
  // A Poisson process is memoryless, so redrawing the next arrival from now is exact.
  ctx_.engine.cancel(pending_);
  config_.rate = RatePattern::constant(rate);
  window_ = RateBound{0, 0, 0};  // the old pattern's bound no longer holds
  start();
}

double Workload::next_after(double t) {
  const double horizon = ctx_.end.seconds_f();
  if (config_.process == ArrivalProcess::kDeterministic) {
    for (;;) {
      double r = config_.rate.rate_at(t);
      if (r > 0) return t + 1.0 / r;
      RateBound b = config_.rate.bound_from(t);
      if (!(b.until < horizon)) return std::numeric_limits<double>::infinity();
      t = b.until;
    }
  }
  // Thinning (Lewis and Shedler): candidates from a homogeneous process at the window's bound,
  // each kept with probability rate(t)/bound. Crossing a window restarts at its end, which is exact
  // because the homogeneous process is memoryless.
  for (;;) {
    // A window's bound holds until its end, so it is computed once per window, not per candidate.
    if (!(t >= window_start_ && t < window_.until)) {
      window_ = config_.rate.bound_from(t);
      window_start_ = t;
    }
    const RateBound& b = window_;
    if (b.max_rate <= 0) {
      if (!(b.until < horizon)) return std::numeric_limits<double>::infinity();
      t = b.until;
      continue;
    }
    double candidate = t + sample_standard_exponential(arrivals_) / b.max_rate;
    if (candidate >= b.until) {
      t = b.until;
      continue;
    }
    t = candidate;
    if (t > horizon) return std::numeric_limits<double>::infinity();
    if (b.min_rate >= b.max_rate) return t;  // a constant-rate window keeps every candidate
    double u = arrivals_.next_double() * b.max_rate;
    if (u <= b.min_rate || u <= config_.rate.rate_at(t)) return t;
  }
}

void Workload::on_arrival(std::uint64_t) {
  pending_ = EventId{};
  ++generated_;
  const WeightedPath* path = next_path();
  double demand = (path != nullptr && path->cpu_ms ? *path->cpu_ms : config_.cpu_ms).sample(demand_);
  // Drawn only for workloads with request.ioMiB, so others draw the same numbers as before.
  double io_mib = config_.io_mib ? std::max(0.0, config_.io_mib->sample(demand_)) : 0.0;
  sink_->on_request(RequestSpec{demand, config_.timeout, io_mib, config_.host,
                                path != nullptr ? std::string_view(path->path) : std::string_view()});
  double now_s = next_t_;
  next_t_ = next_after(now_s);
  if (std::isfinite(next_t_)) {
    SimTime at = SimTime::from_micros(std::llround(next_t_ * 1e6));
    if (at <= ctx_.end) pending_ = ctx_.engine.schedule_at<&Workload::on_arrival>(at, this);
  }
}

}  // namespace fleetsim
