#include "models/faults/az_outage.hpp"

#include <algorithm>
#include <optional>

#include "models/api/scalable_resource.hpp"
#include "models/faults/az_outage_reader.hpp"
#include "models/registry.hpp"

namespace fleetsim {

namespace {

/// Darkens zones at their times and measures each outage: 5xx, time to full capacity, extra cost.
class AzOutages : public Model {
 public:
  explicit AzOutages(World& world) : world_(world), ctx_(world.ctx) {}

  /// Adds an outage of `zone` over [start, start + duration); returns the timeline effect that begins it.
  std::function<void()> add(std::string zone, SimTime start, Duration duration) {
    outages_.push_back(Outage{std::move(zone), start, start + duration});
    std::uint64_t i = outages_.size() - 1;
    return [this, i] { begin(i); };
  }

  // The services whose capacity measures recovery, in name order.
  void link(World& world) override { services_ = world.all<ScalableResource>(); }

  void start() override {
    for (std::uint64_t i = 0; i < outages_.size(); ++i) {
      const Outage& o = outages_[i];
      if (o.start > ctx_.end) continue;
      // The baseline window has the outage's length and ends where it starts (shorter near the run's start).
      ctx_.engine.schedule_at<&AzOutages::on_baseline>(std::max(SimTime::zero(), o.start - (o.end - o.start)), this, i);
    }
  }

  void finish(SimTime end) override {
    for (Outage& o : outages_) {
      if (o.began && !o.window_end) close(o, end);
    }
  }

  void write_summary(nlohmann::ordered_json& summary) const override {
    if (outages_.empty()) return;
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Outage& o : outages_) {
      if (!o.began) continue;
      nlohmann::ordered_json f{{"action", "azOutage"},
                               {"availabilityZone", o.zone},
                               {"start_s", o.start.seconds_f()},
                               {"end_s", o.end.seconds_f()}};
      if (o.recovered) {
        f["timeToRecover_s"] = (*o.recovered - o.start).seconds_f();
      } else {
        f["timeToRecover_s"] = nullptr;  // not back to full capacity before the run ended
      }
      f["windowEnd_s"] = o.window_end->seconds_f();
      f["http5xx"] = o.errors;
      f["costUsd"] = o.cost;
      f["baselineCostUsd"] = o.baseline_cost;
      f["extraCostUsd"] = o.cost - o.baseline_cost;
      list.push_back(f);
    }
    summary["faults"] = list;
  }

 private:
  struct Outage {
    std::string zone;
    SimTime start, end;
    bool began = false;
    SimTime baseline_from{};              // where the baseline window starts
    double baseline_from_usd = 0;         // accrued cost there
    double start_usd = 0;                 // accrued cost at the outage's start
    std::uint64_t start_errors = 0;       // 5xx answered before the outage
    std::optional<SimTime> recovered{};   // every service back to its desired count
    std::optional<SimTime> window_end{};  // max(end, recovered), or the run's end
    std::uint64_t errors = 0;             // 5xx in [start, window_end]
    double cost = 0, baseline_cost = 0;   // USD in the window, and the baseline rate over the same length
  };

  /// How often recovery is checked: the resolution of timeToRecover_s. A poll, not a hook into every
  /// service, so no model needs to know about faults.
  static constexpr Duration kPoll = Duration::seconds(5);

  std::uint64_t errors() const { return world_.requests.http502 + world_.requests.http503 + world_.requests.http504; }

  void on_baseline(std::uint64_t i) {
    outages_[i].baseline_from = ctx_.engine.now();
    outages_[i].baseline_from_usd = world_.costs.accrued_usd(ctx_.engine.now());
  }

  void begin(std::uint64_t i) {
    Outage& o = outages_[i];
    o.began = true;
    o.start_usd = world_.costs.accrued_usd(o.start);
    o.start_errors = errors();
    emit(o.zone, "impaired");
    world_.zone_health.set_up(o.zone, false);
    ctx_.engine.schedule_at<&AzOutages::on_end>(o.end, this, i);
    on_poll(i);
  }

  void on_end(std::uint64_t i) {
    Outage& o = outages_[i];
    emit(o.zone, "available");
    world_.zone_health.set_up(o.zone, true);
    if (o.recovered) close(o, ctx_.engine.now());
  }

  void on_poll(std::uint64_t i) {
    Outage& o = outages_[i];
    bool full = true;
    for (const auto& [name, service] : services_)
      full = full && service->actual_capacity() >= service->desired_capacity();
    // The first poll runs right after the zone went dark, when lost tasks already count as gone.
    if (full) {
      o.recovered = ctx_.engine.now();
      if (ctx_.engine.now() >= o.end) close(o, ctx_.engine.now());
      return;
    }
    ctx_.engine.schedule_after<&AzOutages::on_poll>(kPoll, this, i);
  }

  void close(Outage& o, SimTime now) {
    o.window_end = now;
    o.errors = errors() - o.start_errors;
    o.cost = world_.costs.accrued_usd(now) - o.start_usd;
    Duration baseline_length = o.start - o.baseline_from;
    if (baseline_length > Duration{}) {
      o.baseline_cost =
          (o.start_usd - o.baseline_from_usd) * ((now - o.start).seconds_f() / baseline_length.seconds_f());
    }
  }

  void emit(const std::string& zone, const char* state) {
    if (ctx_.events.enabled()) {
      ctx_.events.emit(ctx_.engine.now(), "AvailabilityZoneStateChange",
                       {{"availabilityZone", zone}, {"state", state}});
    }
  }

  World& world_;
  RunContext& ctx_;
  std::vector<Outage> outages_;
  std::vector<std::pair<std::string, ScalableResource*>> services_;
};

void build_az_outages(const nlohmann::json&, World& world) {
  auto& model = world.own(std::make_unique<AzOutages>(world));
  AzOutages* outages = &model;
  World* w = &world;
  world.provide_action("azOutage",
                       [outages, w](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
                         AzOutageConfig outage = read_az_outage(entry, p, w->availability_zones);
                         return outages->add(std::move(outage.zone), outage.start, outage.duration);
                       });
}

}  // namespace

void register_az_outage(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& outage =
      s.object("an azOutage action",
               "Everything in an Availability Zone stops for a while: its instances are lost, tasks there stop, "
               "Auto Scaling groups and services replace them in the other zones, and rebalance back after.");
  outage.required("availabilityZone", s.string(), "the zone, one of simulation.availabilityZones")
      .required("duration", s.duration(), "how long the zone stays dark (more than zero)");
  r.add_timeline_action("azOutage", outage);
  r.add_model({"azOutage", 130, &build_az_outages});
}

}  // namespace fleetsim
