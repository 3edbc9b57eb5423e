#include "models/registry.hpp"

#include "models/alb/alb_section.hpp"
#include "models/autoscaling/autoscaling_section.hpp"
#include "models/autoscaling/external_policy_section.hpp"
#include "models/catalog/catalog_section.hpp"
#include "models/cloudwatch/cloudwatch_section.hpp"
#include "models/ec2/ec2_section.hpp"
#include "models/ecr/ecr_section.hpp"
#include "models/ecs/ecs_section.hpp"
#include "models/efs/efs_section.hpp"
#include "models/eks/eks_section.hpp"
#include "models/events/events_section.hpp"
#include "models/fargate/fargate_section.hpp"
#include "models/faults/az_outage.hpp"
#include "models/iam/iam_section.hpp"
#include "models/network/network_section.hpp"
#include "models/sqs/sqs_section.hpp"
#include "models/timeline/timeline.hpp"
#include "models/workload/workload_section.hpp"

namespace fleetsim {

namespace {

// The scenario's own fields.
void register_scenario_fields(ModelRegistry& r) {
  r.add_section("name", r.shapes().string(), "names the output folder");
  r.add_section("description", r.shapes().string(), "free text");
}

}  // namespace

const std::vector<RegisterModel>& model_registrations() {
  // In the order of the schema's sections; builders' ranks decide the build order.
  static const std::vector<RegisterModel> kAll = {&register_scenario_fields,
                                                  &register_catalog,
                                                  &register_network,
                                                  &register_iam,
                                                  &register_ecr,
                                                  &register_fargate,
                                                  &register_ec2,
                                                  &register_alb,
                                                  &register_sqs,
                                                  &register_efs,
                                                  &register_ecs,
                                                  &register_eks,
                                                  &register_workloads,
                                                  &register_events,
                                                  &register_cloudwatch,
                                                  &register_autoscaling,
                                                  &register_external_policies,
                                                  &register_metric_alarms,
                                                  &register_az_outage,
                                                  &register_timeline};
  return kAll;
}

void register_models(ModelRegistry& r) {
  for (RegisterModel add : model_registrations()) add(r);
}

}  // namespace fleetsim
