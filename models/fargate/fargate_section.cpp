#include "models/fargate/fargate_section.hpp"

#include "models/api/image_source.hpp"
#include "models/api/launch_platform.hpp"
#include "models/fargate/fargate_platform.hpp"
#include "models/fargate/fargate_reader.hpp"
#include "models/registry.hpp"

namespace fleetsim {

namespace {
/// Both Fargate platforms of a run and their usage figures.
class FargateModel : public Model {
 public:
  FargateModel(World& w, const FargateConfig& config)
      : on_demand(w.catalog.fargate, config.on_demand, false, w.need<const ImageSource>("ecr", "", "image source"),
                  w.costs),
        spot(w.catalog.fargate, config.spot, true, w.need<const ImageSource>("ecr", "", "image source"), w.costs) {
    w.ctx.on_window_open([this](SimTime at) {
      on_demand.open_window(at);
      spot.open_window(at);
    });
  }
  void finish(SimTime end) override {
    on_demand.finish(end);
    spot.finish(end);
  }
  void write_summary(nlohmann::ordered_json& summary) const override {
    const FargateUsage a = on_demand.usage();
    const FargateUsage b = spot.usage();
    summary["capacity"]["fargate"] = {
        {"vcpuHours", a.vcpu_hours + b.vcpu_hours}, {"gbHours", a.gb_hours + b.gb_hours}, {"tasks", a.tasks + b.tasks}};
  }
  FargatePlatform on_demand;
  FargatePlatform spot;
};

void build_fargate(const nlohmann::json&, World& world) {
  auto& model = world.own(std::make_unique<FargateModel>(world, read_fargate(world.catalog.fargate, world.region)));
  world.provide<LaunchPlatform>("FARGATE", &model.on_demand);
  world.provide<LaunchPlatform>("FARGATE_SPOT", &model.spot);
  world.provide<SpotPool>("FARGATE_SPOT", &model.spot);
  FargateModel* fargate = &model;
  world.zone_health.subscribe([fargate](const std::string& zone, bool up) {
    if (up) return;  // services spread new tasks into the zone again on their own
    fargate->on_demand.zone_lost(zone);
    fargate->spot.zone_lost(zone);
  });
}
}  // namespace

void register_fargate(ModelRegistry& r) { r.add_model({"fargate", 30, &build_fargate}); }

}  // namespace fleetsim
