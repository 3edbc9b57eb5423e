#pragma once
// Random valid estates: scenarios no one wrote by hand, drawn from a seed across the format (Fargate and EC2
// services, capacity providers with Spot, ALBs with every algorithm, target tracking and step scaling with alarms,
// SQS queue workers, scheduled RunTask rules, deployments that fail, AZ outages and the other timeline actions), so
// that every invariant the examples hold is checked on estates the examples do not cover.

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>

namespace fleetsim::testing {

/// A valid scenario drawn from `seed` (the same seed gives the same document on every machine); it runs for
/// 15 to 30 simulated minutes.
nlohmann::ordered_json random_estate(std::uint64_t seed);

/// Shrinks `scenario` while `still_fails` holds: greedily drops timeline entries, list elements and optional
/// sections, keeping each removal after which the scenario still fails (a removal that makes it invalid does not
/// fail the same way and is undone). Returns the smallest failing scenario found.
nlohmann::ordered_json shrink_estate(nlohmann::ordered_json scenario,
                                     const std::function<bool(const nlohmann::ordered_json&)>& still_fails);

}  // namespace fleetsim::testing
