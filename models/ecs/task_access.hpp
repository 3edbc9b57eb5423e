#pragma once
/// IAM where ECS checks it for a task definition: the task execution role (private ECR pulls, awslogs, secrets) and
/// the task role (a queue worker's sqs:ReceiveMessage and sqs:DeleteMessage), asked of the Permissions interface.

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/scenario/diagnostics.hpp"

namespace fleetsim {

class ImageSource;
class Permissions;
struct TaskDefinition;

/// What the definition's roles allow its tasks, decided once when the scenario is built.
struct TaskAccess {
  std::string start_failure;  ///< the stoppedReason every task of it stops with in PENDING, or "" when none
  /// EC2 without an execution role: the agent pulls and logs with the instance role, so the stoppedReason depends on
  /// the instance profile of the instance the task lands on ("" or absent: none).
  std::map<std::string, std::string> instance_role_failures;
  bool queue_denied = false;  ///< the task role may not receive or delete its queue's messages: the worker idles
  /// The stoppedReason of a task placed on an instance with profile `instance_profile` ("" on Fargate), or "".
  const std::string& failure_on(const std::string& instance_profile) const;
};

/// Checks definition `td` (`json` at `pointer`) against `permissions` in `region` (`images` says which images are
/// private ECR images): refuses what RegisterTaskDefinition
/// refuses (a Fargate definition pulling from private ECR or logging with awslogs without an execution role,
/// secrets without one), a role or secret that is not defined; records the first missing permission in
/// `td.access`, and adds a warning per missing permission naming the action and the role to add it to. An EC2
/// definition without an execution role is checked against the role of each of `instance_profiles` (those whose
/// agents register in the run's clusters).
void check_task_access(TaskDefinition& td, const nlohmann::json& json, const std::string& pointer,
                       const Permissions& permissions, const ImageSource& images, const std::string& region,
                       const std::vector<std::string>& instance_profiles, std::vector<Diagnostic>& warnings);

/// True when the ECS agent on instances with instance profile `profile` ("" for none) may register into `cluster`
/// (ecs:RegisterContainerInstance on the cluster, ecs:DiscoverPollEndpoint); otherwise adds a warning at `pointer`
/// naming the missing action and the role to add it to, and returns false.
bool agent_may_register(const std::string& profile, const std::string& cluster, const std::string& pointer,
                        const Permissions& permissions, const std::string& region, std::vector<Diagnostic>& warnings);

}  // namespace fleetsim
