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

}  // namespace

void register_models(ModelRegistry& r) {
  r.add_section("name", r.shapes().string(), "names the output folder");
  r.add_section("description", r.shapes().string(), "free text");
  r.add_build_step(&refuse_planned_sections);
  register_catalog(r);
  register_network(r);
  register_ecr(r);
  register_fargate(r);
  register_ec2(r);
  register_alb(r);
  register_sqs(r);  // before ECS, whose workers poll queues, and workloads, which send to them
  register_ecs(r);
  register_workloads(r);
  register_events(r);  // after ECS, whose RunTask its targets call
  // CloudWatch first (the host of every alarm), then Application Auto Scaling (whose target tracking
  // policies create alarms), then the scenario's own alarms (whose actions name those policies).
  register_cloudwatch(r);
  register_autoscaling(r);
  register_metric_alarms(r);
  for (const char* name : {"kubernetes"}) {
    r.add_section(name, r.shapes().any(), "planned: not simulated by this version yet");
  }
  register_az_outage(r);
  register_timeline(r);
}

}  // namespace fleetsim
