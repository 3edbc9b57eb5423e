/// The `fleetsim` executable: the one place where the core meets the models. It fills the registry
/// with every model and hands it to the command, which knows the models only through the registry.

#include "models/registry.hpp"
#include "sim/cli/command_line.hpp"

int main(int argc, char** argv) {
  fleetsim::ModelRegistry registry;
  fleetsim::register_models(registry);
  return fleetsim::fleetsim_main(registry, argc, argv);
}
