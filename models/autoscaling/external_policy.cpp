#include "models/autoscaling/external_policy.hpp"

#include <algorithm>

#include "models/api/scaling_decision.hpp"

namespace fleetsim {

ExternalPolicy::ExternalPolicy(RunContext& ctx, ExternalPolicyConfig config, const AlarmHost& cloudwatch)
    : ctx_(ctx), config_(std::move(config)), cloudwatch_(cloudwatch) {}

void ExternalPolicy::fail(const std::string& why) const {
  throw ExternalProgramError(config_.pointer + ": external policy \"" + config_.name + "\": " + why);
}

void ExternalPolicy::start() {
  try {
    process_ = std::make_unique<LineProcess>(config_.command, config_.directory);
  } catch (const ExternalProgramError& e) {
    fail(e.what());
  }
  if (SimTime::zero() + config_.period < ctx_.end)
    ctx_.engine.schedule_after<&ExternalPolicy::decide>(config_.period, this);
}

nlohmann::ordered_json ExternalPolicy::metric_json(const PolicyMetric& m, SimTime now) const {
  MetricReading r = cloudwatch_.latest(m.handle, m.statistic, now);
  nlohmann::ordered_json value = r.value ? nlohmann::ordered_json(*r.value) : nlohmann::ordered_json();
  return {{"namespace", m.name_space},      {"metric", m.metric},
          {"dimensions", m.dimensions},     {"statistic", m.statistic},
          {"periodEnd", r.end.seconds_f()}, {"value", value}};
}

nlohmann::ordered_json ExternalPolicy::request(SimTime now) const {
  nlohmann::ordered_json targets = nlohmann::ordered_json::object();
  for (const PolicyTarget& t : config_.targets) {
    nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
    for (const PolicyMetric& m : t.metrics) metrics.push_back(metric_json(m, now));
    targets[t.target->resource_id()] = {{"desiredCount", t.target->desired_capacity()},
                                        {"runningCount", t.target->running_capacity()},
                                        {"minCapacity", t.target->min_capacity()},
                                        {"maxCapacity", t.target->max_capacity()},
                                        {"metrics", metrics}};
  }
  nlohmann::ordered_json metrics = nlohmann::ordered_json::array();
  for (const PolicyMetric& m : config_.metrics) metrics.push_back(metric_json(m, now));
  return {{"t", now.seconds_f()}, {"policy", config_.name}, {"targets", targets}, {"metrics", metrics}};
}

std::vector<std::optional<long long>> ExternalPolicy::read_answer(const std::string& answer) const {
  const std::string quoted = "\"" + (answer.size() > 200 ? answer.substr(0, 200) + "..." : answer) + "\"";
  nlohmann::json a = nlohmann::json::parse(answer, nullptr, false);
  if (a.is_discarded()) fail("answered malformed JSON " + quoted);
  if (!a.is_object() || !a.contains("desired") || !a["desired"].is_object())
    fail("answered " + quoted + ", expected {\"desired\": {\"<target>\": <count>, ...}}");
  std::vector<std::optional<long long>> out(config_.targets.size());
  for (const auto& [id, count] : a["desired"].items()) {
    auto it = std::find_if(config_.targets.begin(), config_.targets.end(),
                           [&](const PolicyTarget& t) { return t.target->resource_id() == id; });
    if (it == config_.targets.end())
      fail("answered a desired count for \"" + id + "\", which is not one of its targets");
    if (!count.is_number_integer() || (!count.is_number_unsigned() && count.get<long long>() < 0))
      fail("answered " + count.dump() + " for \"" + id + "\", expected a whole number of tasks, at least 0");
    out[static_cast<std::size_t>(it - config_.targets.begin())] =
        count.is_number_unsigned()
            ? static_cast<long long>(std::min<std::uint64_t>(count.get<std::uint64_t>(), 1u << 30))
            : count.get<long long>();
  }
  return out;
}

void ExternalPolicy::decide(std::uint64_t) {
  const SimTime now = ctx_.engine.now();
  nlohmann::ordered_json sent = request(now);
  std::string answer;
  try {
    answer = process_->exchange(sent.dump(), config_.timeout);
  } catch (const ExternalProgramError& e) {
    fail(e.what());
  }
  std::vector<std::optional<long long>> desired = read_answer(answer);
  for (std::size_t i = 0; i < config_.targets.size(); ++i) {
    if (!desired[i]) continue;  // not answered: left as it is
    ScalableTarget& target = *config_.targets[i].target;
    const long long wanted = *desired[i];
    // Bounded as an Application Auto Scaling action is: within MinCapacity and MaxCapacity now.
    const int bounded = static_cast<int>(std::clamp<long long>(wanted, target.min_capacity(), target.max_capacity()));
    nlohmann::ordered_json limited_by;
    if (wanted < target.min_capacity()) limited_by = "MinCapacity";
    if (wanted > target.max_capacity()) limited_by = "MaxCapacity";
    const int current = target.desired_capacity();
    emit_scaling_decision(ctx_.events, now, {"external:" + config_.name, "", target.resource_id()},
                          {{"currentCapacity", current},
                           {"inputs", sent},
                           {"answer", wanted},
                           {"desiredCapacity", bounded},
                           {"limitedBy", limited_by}});
    ScalingRequest r{config_.name, bounded, "external policy " + config_.name + " answered " + std::to_string(wanted),
                     Duration{}};
    if (bounded > current) target.submit(r, ScalableTarget::Direction::kOut);
    if (bounded < current) target.submit(r, ScalableTarget::Direction::kIn);
  }
  if (now + config_.period < ctx_.end) ctx_.engine.schedule_after<&ExternalPolicy::decide>(config_.period, this);
}

}  // namespace fleetsim
