#pragma once
/// The subcommands of `fleetsim`, each returning the process exit code. They reach the models only
/// through `registry`.

#include <string>
#include <vector>

#include "sim/cli/scenario_loader.hpp"
#include "sim/model_registry.hpp"
#include "sim/output/metrics_writer.hpp"

namespace fleetsim {

/// The version printed by --version and written to run.json.
extern const char* const kFleetsimVersion;

/// Options of `fleetsim run`.
struct RunOptions {
  std::string out_dir;
  MetricsFormat format = MetricsFormat::kCsv;
  bool progress = false;
  bool quiet = false;
  bool allow_exec = false;  ///< --allow-exec: the scenario may start programs (externalPolicies)
};

/// True when stderr is a terminal (progress bar default).
bool stderr_is_terminal();
/// `fleetsim run`: exit 0, 2 (invalid), 3 (could not complete) or 1 (internal error).
int run_command(const Registry& registry, const std::string& path, const ScenarioOverrides& overrides,
                const RunOptions& options);
/// `fleetsim validate`: 0 when every file is valid, else 2.
int validate_command(const Registry& registry, const std::vector<std::string>& paths);
/// `fleetsim schema`.
int schema_command(const Registry& registry);
/// `fleetsim catalog`: the whole catalogue, or one region's part of it.
int catalog_command(const Registry& registry, const std::string& region);

}  // namespace fleetsim
