#include "models/registry.hpp"

#include "models/alb/alb_section.hpp"
#include "models/autoscaling/autoscaling_section.hpp"
#include "models/catalog/catalog_section.hpp"
#include "models/cloudwatch/cloudwatch_section.hpp"
#include "models/ec2/ec2_section.hpp"
#include "models/ecr/ecr_section.hpp"
#include "models/ecs/ecs_section.hpp"
#include "models/events/events_section.hpp"
#include "models/fargate/fargate_section.hpp"
#include "models/faults/az_outage.hpp"
#include "models/network/network_section.hpp"
#include "models/sqs/sqs_section.hpp"
#include "models/timeline/timeline.hpp"
#include "models/workload/workload_section.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

// Sections of the format that later work will model. Until then a scenario using one is refused
// (rather than silently simulated without it).
void refuse_planned_sections(const nlohmann::json& scenario, World&) {
  for (const char* name : {"kubernetes"}) {
    if (scenario.contains(name)) {
      throw ScenarioError(
          append_pointer("", name),
          std::string("section \"") + name + "\" is part of the format but not simulated by this version yet");
    }
  }
}

// The scenario's own fields.
void register_scenario_fields(ModelRegistry& r) {
  r.add_section("name", r.shapes().string(), "names the output folder");
  r.add_section("description", r.shapes().string(), "free text");
}

// Sections of the format that later work will model, refused when present.
void register_planned_sections(ModelRegistry& r) {
  for (const char* name : {"kubernetes"}) {
    r.add_section(name, r.shapes().any(), "planned: not simulated by this version yet");
  }
  r.add_model({"planned", 0, &refuse_planned_sections});
}

}  // namespace

const std::vector<RegisterModel>& model_registrations() {
  // In the order of the schema's sections; builders' ranks decide the build order.
  static const std::vector<RegisterModel> kAll = {&register_scenario_fields,
                                                  &register_catalog,
                                                  &register_network,
                                                  &register_ecr,
                                                  &register_fargate,
                                                  &register_ec2,
                                                  &register_alb,
                                                  &register_sqs,
                                                  &register_ecs,
                                                  &register_workloads,
                                                  &register_events,
                                                  &register_cloudwatch,
                                                  &register_autoscaling,
                                                  &register_metric_alarms,
                                                  &register_planned_sections,
                                                  &register_az_outage,
                                                  &register_timeline};
  return kAll;
}

void register_models(ModelRegistry& r) {
  for (RegisterModel add : model_registrations()) add(r);
}

}  // namespace fleetsim
