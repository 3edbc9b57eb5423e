#include "models/ecs/task_definition.hpp"

#include <algorithm>
#include <charconv>

#include "models/fargate/fargate_sizes.hpp"
#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/value_readers.hpp"

namespace fleetsim {

TaskReservation TaskDefinition::reservation() const {
  TaskReservation r{cpu_units.value_or(0), memory_mib.value_or(0)};
  if (cpu_units && memory_mib) return r;
  int c = 0, m = 0;
  for (const ContainerDefinition& cd : containers) {
    c += cd.cpu_units;
    m += cd.memory_reservation_mib.value_or(cd.memory_mib.value_or(0));
  }
  if (!cpu_units) r.cpu_units = c;
  if (!memory_mib) r.memory_mib = m;
  return r;
}

const ContainerDefinition& TaskDefinition::serving_container(const std::string& name) const {
  for (const ContainerDefinition& c : containers) {
    if (!name.empty() && c.name == name) return c;
  }
  for (const ContainerDefinition& c : containers) {
    if (c.essential && !c.port_mappings.empty()) return c;
  }
  return containers.front();
}

FileStorage* TaskDefinition::request_storage(const ContainerDefinition& container) const {
  for (const std::string& mounted : container.mounted_volumes) {
    for (const EfsVolume& v : efs_volumes) {
      if (v.name == mounted) return v.storage;
    }
  }
  return nullptr;
}

void TaskDefinitionTable::link_file_systems(const std::function<FileStorage*(const EfsVolume&)>& find) {
  for (auto& [family, revisions] : by_family_) {
    for (auto& [revision, td] : revisions) {
      for (EfsVolume& v : td.efs_volumes) v.storage = find(v);
    }
  }
}

bool TaskDefinition::models_memory() const {
  return std::any_of(containers.begin(), containers.end(),
                     [](const ContainerDefinition& c) { return c.memory_use_mib.has_value(); });
}

const Shape* TaskDefinitionTable::section_shape(ShapeSet& s) {
  const Shape* dist_s = distribution_shape(s);
  const Shape* dist_mib = distribution_shape(s);
  const Shape* port = s.integer(0, 65535);
  // AWS takes task-level cpu and memory as strings ("1024", "1 vCPU", "2 GB") or numbers.
  Shape& size = s.make(ShapeKind::kOneOf, "a size such as 1024, \"1024\", \"1 vCPU\" or \"2 GB\"");
  size.alternatives = {s.integer(1, 1e7), s.string()};

  Shape& mapping = s.object("a port mapping", "ECS PortMapping.");
  mapping.field("containerPort", port, "port the app listens on")
      .field("hostPort", port, "host port; 0 or absent in bridge mode means dynamic")
      .field("protocol", s.one_of_strings("a protocol", {"tcp", "udp"}), "tcp or udp")
      .ignored({"name", "appProtocol", "containerPortRange", "hostPortRange"});

  Shape& knobs = s.object("the container's x-fleetsim knobs", "Simulation-only behaviour of the container.");
  knobs.field("maxConcurrency", s.integer(1, 1e6), "requests served at once; more wait in FIFO (default unlimited)")
      .field("startupTime", dist_s, "seconds from container start until the app answers (default 0)")
      .field("crashAfter", dist_s, "seconds after start when the container exits")
      .field("exitCode", s.integer(0, 255), "exit code of that crash (default 1)")
      .field("failHealthChecks", s.boolean(), "the app never passes a health check")
      .field("runTime", dist_s,
             "seconds from RUNNING until the container exits with code 0 and stops its task (batch jobs)")
      .field("memoryUsage", dist_mib,
             "MiB the container uses, drawn once per task when it starts; with it the service reports AWS/ECS "
             "MemoryUtilization")
      .field("queue", s.string(),
             "SQS queue name or ARN the app polls (a queue worker): each receive loop takes one message with long "
             "polling, "
             "processes it with the message's cpuMs on the task's CPU and deletes it")
      .field("pollers", s.integer(1, 10000),
             "a queue worker's receive loops, i.e. messages processed at once (default 1)");

  Shape& secret = s.object("a container secret", "ECS Secret: an environment variable from a secret or parameter.");
  secret.required("name", s.string(), "environment variable name")
      .required("valueFrom", s.string(), "Secrets Manager secret ARN, or SSM parameter ARN or name");
  Shape& container = s.object("a container definition", "ECS ContainerDefinition.");
  container.required("name", s.string(), "container name")
      .required("image", s.string(), "image, as ECR serves it")
      .field("cpu", s.integer(0, 1e6), "CPU units reserved (1024 = 1 vCPU)")
      .field("memory", s.integer(4, 1e7), "hard memory limit, MiB")
      .field("memoryReservation", s.integer(4, 1e7), "soft memory limit, MiB")
      .field("essential", s.boolean(), "the task stops when this container stops (default true)")
      .field("portMappings", s.array_of(&mapping, 1000), "ports")
      .field("x-fleetsim", &knobs, "simulation-only behaviour")
      .field("mountPoints", mount_points_shape(s), "volumes mounted (an EFS volume carries requests' ioMiB)")
      .field("secrets", s.array_of(&secret, 1000),
             "Secrets Manager secrets and SSM parameters the agent reads with the execution role (checked with roles)")
      .ignored({"repositoryCredentials",
                "links",
                "restartPolicy",
                "entryPoint",
                "command",
                "environment",
                "environmentFiles",
                "volumesFrom",
                "linuxParameters",
                "dependsOn",
                "startTimeout",
                "stopTimeout",
                "versionConsistency",
                "hostname",
                "user",
                "workingDirectory",
                "disableNetworking",
                "privileged",
                "readonlyRootFilesystem",
                "dnsServers",
                "dnsSearchDomains",
                "extraHosts",
                "dockerSecurityOptions",
                "interactive",
                "pseudoTerminal",
                "dockerLabels",
                "ulimits",
                "logConfiguration",
                "healthCheck",
                "systemControls",
                "resourceRequirements",
                "firelensConfiguration",
                "credentialSpecs"});

  Shape& platform = s.object("a runtime platform", "RuntimePlatform: the CPU architecture and OS the task runs on.");
  platform
      .field("cpuArchitecture", s.one_of_strings("a CPU architecture", {"X86_64", "ARM64"}),
             "X86_64 (default) or ARM64")
      .field("operatingSystemFamily", s.string(), "OS family; only Linux is modelled");
  Shape& td = s.object("a task definition", "ECS RegisterTaskDefinition request (or describe-task-definition output).");
  td.required("family", s.string(), "family name")
      .field("revision", s.integer(1, 1e6), "revision (default: 1, 2, ... in file order per family)")
      .field("networkMode", s.one_of_strings("a network mode", {"bridge", "host", "awsvpc", "none"}), "network mode")
      .required("containerDefinitions", s.array_of(&container, 10), "containers")
      .field("requiresCompatibilities",
             s.array_of(s.one_of_strings("a launch type", {"EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES"}), 4),
             "launch types the definition is valid for")
      .field("cpu", &size, "task-level CPU units")
      .field("memory", &size, "task-level memory, MiB")
      .field("runtimePlatform", &platform, "CPU architecture (prices Fargate tasks) and operating system family")
      .field("executionRoleArn", s.string(),
             "task execution role (name or ARN): private ECR pulls, awslogs and secrets (checked with roles)")
      .field("taskRoleArn", s.string(), "task role (name or ARN): the app's own AWS calls (checked with roles)")
      .field("volumes", volumes_shape(s), "volumes; EFS ones need a mount target in the task's zone")
      .ignored({"placementConstraints", "tags", "pidMode", "ipcMode", "proxyConfiguration", "inferenceAccelerators",
                "ephemeralStorage", "enableFaultInjection", "taskDefinitionArn", "status", "requiresAttributes",
                "compatibilities", "registeredAt", "registeredBy", "deregisteredAt"});
  return s.array_of(&td, 10000, AwsOutput{"aws ecs describe-task-definition", "taskDefinition", true, {"tags"}});
}

namespace {

// "1024" / 1024 -> 1024; "1 vCPU" -> 1024 (cpu) and "2 GB" -> 2048 (memory), as AWS accepts them.
int read_size(const nlohmann::json& v, const std::string& pointer, const char* unit_word, int unit) {
  if (v.is_number()) return v.get<int>();
  const std::string& text = v.get_ref<const std::string&>();
  double number = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  std::string rest(ptr, text.data() + text.size());
  while (!rest.empty() && rest.front() == ' ') rest.erase(rest.begin());
  if (ec == std::errc() && number > 0 && number <= 1e7) {
    if (rest.empty()) return static_cast<int>(number);
    if (rest == unit_word) return static_cast<int>(number * unit);
  }
  throw ScenarioError(pointer, std::string("expected a number or \"N ") + unit_word + "\", got \"" + text + "\"");
}

ContainerDefinition read_container(const nlohmann::json& c, const std::string& p, const nlohmann::json& td) {
  ContainerDefinition out;
  out.mounted_volumes = read_mount_points(c, p, td);
  out.name = c["name"].get<std::string>();
  out.image = c["image"].get<std::string>();
  out.cpu_units = c.value("cpu", 0);
  if (c.contains("memory")) out.memory_mib = c["memory"].get<int>();
  if (c.contains("memoryReservation")) out.memory_reservation_mib = c["memoryReservation"].get<int>();
  if (out.memory_mib && out.memory_reservation_mib && *out.memory_reservation_mib >= *out.memory_mib) {
    throw ScenarioError(append_pointer(p, "memoryReservation"), "must be less than \"memory\" (the hard limit)");
  }
  out.essential = c.value("essential", true);
  if (auto pm = c.find("portMappings"); pm != c.end()) {
    for (const auto& m : *pm)
      out.port_mappings.push_back(PortMapping{m.value("containerPort", 0), m.value("hostPort", 0)});
  }
  if (auto k = c.find("x-fleetsim"); k != c.end()) {
    std::string kp = append_pointer(p, "x-fleetsim");
    out.max_concurrency = k->value("maxConcurrency", 0u);
    if (k->contains("startupTime"))
      out.startup_s = read_distribution(k->at("startupTime"), append_pointer(kp, "startupTime"));
    if (k->contains("crashAfter"))
      out.crash_after_s = read_distribution(k->at("crashAfter"), append_pointer(kp, "crashAfter"));
    out.exit_code = k->value("exitCode", 1);
    out.fail_health_checks = k->value("failHealthChecks", false);
    if (k->contains("runTime")) out.run_time_s = read_distribution(k->at("runTime"), append_pointer(kp, "runTime"));
    if (k->contains("memoryUsage"))
      out.memory_use_mib = read_distribution(k->at("memoryUsage"), append_pointer(kp, "memoryUsage"));
    if (k->contains("queue")) out.queue = name_from_reference(k->at("queue").get<std::string>());
    out.pollers = k->value("pollers", 1);
    if (k->contains("pollers") && out.queue.empty())
      throw ScenarioError(append_pointer(kp, "pollers"), "pollers needs \"queue\" (the queue they poll)");
  }
  return out;
}

}  // namespace

void TaskDefinitionTable::load(const nlohmann::json& section, const std::string& pointer) {
  for (std::size_t i = 0; i < section.size(); ++i) {
    const nlohmann::json& t = section[i];
    std::string p = append_pointer(pointer, i);
    TaskDefinition td;
    td.family = t["family"].get<std::string>();
    auto& family = by_family_[td.family];
    td.revision = t.value("revision", family.empty() ? 1 : family.rbegin()->first + 1);
    td.network_mode = t.value("networkMode", std::string("bridge"));
    if (t.contains("requiresCompatibilities"))
      td.requires_compatibilities = t["requiresCompatibilities"].get<std::vector<std::string>>();
    if (auto rp = t.find("runtimePlatform"); rp != t.end()) td.arm64 = rp->value("cpuArchitecture", "") == "ARM64";
    if (t.contains("cpu")) td.cpu_units = read_size(t["cpu"], append_pointer(p, "cpu"), "vCPU", 1024);
    if (t.contains("memory")) td.memory_mib = read_size(t["memory"], append_pointer(p, "memory"), "GB", 1024);
    const nlohmann::json& containers = t["containerDefinitions"];
    if (containers.empty())
      throw ScenarioError(append_pointer(p, "containerDefinitions"), "expected at least one container");
    for (std::size_t c = 0; c < containers.size(); ++c) {
      td.containers.push_back(
          read_container(containers[c], append_pointer(append_pointer(p, "containerDefinitions"), c), t));
    }
    td.efs_volumes = read_efs_volumes(t, p);
    bool fargate = false;
    for (const std::string& lt : td.requires_compatibilities) fargate = fargate || lt == "FARGATE";
    if (fargate) {
      if (td.network_mode != "awsvpc") {
        throw ScenarioError(append_pointer(p, "networkMode"), "Fargate requires networkMode \"awsvpc\"");
      }
      if (!td.cpu_units || !td.memory_mib) {
        throw ScenarioError(p, "Fargate task definitions need task-level \"cpu\" and \"memory\"");
      }
      std::string problem = check_fargate_size(*td.cpu_units, *td.memory_mib);
      // An invalid cpu has no valid memory at all, so the cpu is what to point at.
      const char* culprit = fargate_memory_options(*td.cpu_units).empty() ? "cpu" : "memory";
      if (!problem.empty()) throw ScenarioError(append_pointer(p, culprit), problem);
    }
    if (family.count(td.revision)) {
      throw ScenarioError(append_pointer(p, "revision"), "revision " + std::to_string(td.revision) + " of family \"" +
                                                             td.family + "\" is defined twice");
    }
    pointers_[td.id()] = p;
    family.emplace(td.revision, std::move(td));
  }
}

const TaskDefinition* TaskDefinitionTable::find(const std::string& reference) const {
  std::string ref = name_from_reference(reference);
  std::size_t colon = ref.rfind(':');
  std::string family = colon == std::string::npos ? ref : ref.substr(0, colon);
  auto f = by_family_.find(family);
  if (f == by_family_.end() || f->second.empty()) return nullptr;
  if (colon == std::string::npos) return &f->second.rbegin()->second;
  int revision = 0;
  std::string rev = ref.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(rev.data(), rev.data() + rev.size(), revision);
  if (ec != std::errc() || ptr != rev.data() + rev.size()) return nullptr;
  auto r = f->second.find(revision);
  return r == f->second.end() ? nullptr : &r->second;
}

}  // namespace fleetsim
