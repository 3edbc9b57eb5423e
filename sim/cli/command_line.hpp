#pragma once
/// The `fleetsim` command line: parses the arguments and runs one subcommand.

#include "sim/model_registry.hpp"

namespace fleetsim {

/// Runs `fleetsim` with `argv` over the models in `registry`; returns the process exit code
/// (2 for a usage error, otherwise the subcommand's).
int fleetsim_main(const Registry& registry, int argc, char** argv);

}  // namespace fleetsim
