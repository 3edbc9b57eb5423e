#pragma once
/// The pure reader of one `timeline` entry: when it happens, which action, and what its TimelineAction event
/// records. The model that owns the action reads the rest.

#include <nlohmann/json.hpp>
#include <string>

#include "sim/time.hpp"

namespace fleetsim {

/// One timeline entry as read.
struct TimelineEntryConfig {
  SimTime at;                     ///< `at`, from the start of the run
  std::string action;             ///< the action's name
  nlohmann::ordered_json record;  ///< every field but `at`, as the TimelineAction event carries it
};

/// The entry `e` at pointer `p`; throws ScenarioError at `p`/at for a bad duration.
TimelineEntryConfig read_timeline_entry(const nlohmann::json& e, const std::string& p);

}  // namespace fleetsim
