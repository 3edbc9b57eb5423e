#pragma once
/// Whether a scenario may start programs.

namespace fleetsim {

/// Whether a scenario may start programs (externalPolicies): only when the command line says --allow-exec,
/// so a scenario received from someone else never runs code by itself. `validate` builds the models but
/// starts nothing, so it needs no permission.
enum class ExecPermission { kRefused, kAllowed, kNothingStarts };

}  // namespace fleetsim
