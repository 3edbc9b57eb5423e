#include "models/workload/workload_section.hpp"

#include "models/api/message_queue.hpp"
#include "models/api/request_path.hpp"
#include "models/registry.hpp"
#include "models/workload/workload.hpp"
#include "models/workload/workload_reader.hpp"
#include "models/workload/workload_shapes.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

/// The workloads of a run.
using WorkloadModel = PartsModel<Workload>;

// The run as the reader sees it, answered from the World.
class WorldLookup : public WorkloadLookup {
 public:
  explicit WorldLookup(const World& world) : world_(world) {}
  std::vector<std::string> request_sinks() const override { return world_.names<RequestSink>(); }
  std::vector<std::string> queues() const override { return world_.names<MessageQueue>(); }

 private:
  const World& world_;
};

void build_workloads(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<WorkloadModel>());
  if (auto section = scenario.find("workloads"); section != scenario.end()) {
    for (WorkloadEntry& w : read_workloads(*section, world.scenario_dir, WorldLookup(world))) {
      RequestSink* sink =
          w.target.queue ? world.find<MessageQueue>(w.target.name) : world.find<RequestSink>(w.target.name);
      model.parts.push_back(std::make_unique<Workload>(world.ctx, std::move(w.config), sink));
    }
  }
  WorkloadModel* wm = &model;
  world.provide_action("setRate", [wm](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
    std::string name = entry["workload"].get<std::string>();
    std::vector<std::string> names;
    for (auto& w : wm->parts) {
      names.push_back(w->name());
      if (w->name() == name) {
        Workload* target = w.get();
        double rate = entry["rate"].get<double>();
        return [target, rate] { target->set_rate(rate); };
      }
    }
    std::string msg = "no workload named \"" + name + "\"";
    if (auto near = closest_name(name, names)) msg += " (did you mean \"" + *near + "\"?)";
    throw ScenarioError(append_pointer(p, "workload"), msg);
  });
}

}  // namespace

void register_workloads(ModelRegistry& r) {
  declare_workload_shapes(r);
  r.add_model({"workloads", 80, &build_workloads});
}

}  // namespace fleetsim
