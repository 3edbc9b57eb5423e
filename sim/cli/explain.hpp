#pragma once
/// `fleetsim explain OUTDIR [--target NAME] [--at T]`: the ScalingDecision records of a run's
/// events.jsonl in words a person reads. It knows the records' shape (spec kubernetes.md, "Decision
/// records"; the external policies' record), not the models that wrote them.

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>

namespace fleetsim {

/// One decision record in words ("scaled 4→7 at 00:15:15: CPU 86 % of request over 4 ready pods, ...").
std::string explain_decision(const nlohmann::json& decision);

/// Prints to `out` the decisions of `folder` that changed a count (every one within a minute of `at`
/// when it is given), for targets named `target` ("" = all; "NAME" also matches "NAMESPACE/NAME").
/// Returns the exit code: 0, or 2 when the folder has no events.jsonl or `at` is not a duration.
int explain_command(const std::string& folder, const std::string& target, const std::string& at, std::ostream& out);

}  // namespace fleetsim
