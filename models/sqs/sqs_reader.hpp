#pragma once
/// The pure reader of the queues section: one validated CreateQueue entry in, a QueueConfig out, no World.

#include <nlohmann/json.hpp>
#include <string>

#include "models/sqs/queue.hpp"

namespace fleetsim {

/// The queue `q` at pointer `p`; throws ScenarioError at the attribute's pointer for what is out of range or
/// not simulated (FIFO queues, redrive policies, delay queues).
QueueConfig read_queue(const nlohmann::json& q, const std::string& p);

}  // namespace fleetsim
