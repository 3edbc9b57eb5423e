#include "sim/experiments/plan.hpp"

#include <charconv>

namespace fleetsim::experiments {

std::vector<RunKey> Plan::runs() const { return runs(Shard{}); }

std::vector<RunKey> Plan::runs(const Shard& shard) const {
  std::vector<RunKey> out;
  std::size_t index = 0;
  for (std::size_t v = 0; v < variants.size(); ++v) {
    for (std::size_t s = 0; s < seeds.size(); ++s, ++index) {
      // Round robin rather than contiguous slices: neighbouring variants often cost alike, so every shard
      // gets a similar mix of cheap and expensive runs.
      if (index % shard.count == shard.index) out.push_back({v, s});
    }
  }
  return out;
}

std::string Plan::run_folder(const RunKey& run) const {
  return "runs/" + variants[run.variant].id + "/" + std::to_string(seeds[run.seed]);
}

Plan make_plan(const SweepFile& sweep) {
  Plan plan;
  plan.seeds = sweep.seeds;
  for (const Axis& axis : sweep.axes)
    plan.parameters.insert(plan.parameters.end(), axis.pointers.begin(), axis.pointers.end());
  std::size_t total = 1;
  for (const Axis& axis : sweep.axes) total *= axis.values.size();
  std::size_t width = std::to_string(total - 1).size();
  for (std::size_t i = 0; i < total; ++i) {
    Variant v;
    std::string number = std::to_string(i);
    v.id = "v" + std::string(width - number.size(), '0') + number;
    // Odometer over the axes, the last one varying fastest.
    std::size_t rest = i, stride = total;
    for (const Axis& axis : sweep.axes) {
      stride /= axis.values.size();
      std::size_t k = rest / stride;
      rest %= stride;
      for (std::size_t p = 0; p < axis.pointers.size(); ++p)
        v.overrides.push_back({axis.pointers[p], axis.values[k][p]});
    }
    plan.variants.push_back(std::move(v));
  }
  if (sweep.baseline) {
    std::vector<std::size_t> matches;
    for (std::size_t i = 0; i < plan.variants.size(); ++i) {
      bool all = true;
      for (const Override& o : plan.variants[i].overrides) {
        auto it = sweep.baseline->find(o.pointer);
        if (it != sweep.baseline->end() && it->second != o.value) all = false;
      }
      if (all) matches.push_back(i);
    }
    if (matches.size() != 1) {
      throw SweepError{2,
                       {sweep.locate("/baseline", matches.empty() ? "matches no variant of the grid"
                                                                  : "matches " + std::to_string(matches.size()) +
                                                                        " variants; name every parameter")}};
    }
    plan.baseline = matches[0];
  }
  return plan;
}

std::optional<Shard> parse_shard(const std::string& text) {
  Shard shard;
  std::size_t slash = text.find('/');
  auto number = [&](std::string_view s, std::size_t& out) {
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && end == s.data() + s.size() && !s.empty();
  };
  std::string_view all(text);
  if (slash == std::string::npos || !number(all.substr(0, slash), shard.index) ||
      !number(all.substr(slash + 1), shard.count) || shard.count == 0 || shard.index >= shard.count) {
    return std::nullopt;
  }
  return shard;
}

nlohmann::ordered_json plan_json(const SweepFile& sweep, const Plan& plan, const std::vector<std::string>& metrics,
                                 const std::string& version) {
  nlohmann::ordered_json out;
  out["sweep"] = sweep.name;
  out["sweepSha256"] = sweep.sha256;
  out["scenario"] = sweep.scenario;
  out["scenarioSha256"] = sweep.scenario_sha256;
  out["fleetsimVersion"] = version;
  nlohmann::ordered_json set = nlohmann::ordered_json::object();
  for (const Override& o : sweep.set) set[o.pointer] = o.value;
  if (sweep.warmup) set["/simulation/warmup"] = *sweep.warmup;
  out["set"] = set;
  out["parameters"] = plan.parameters;
  out["seeds"] = plan.seeds;
  out["baseline"] = plan.baseline ? nlohmann::ordered_json(plan.variants[*plan.baseline].id) : nullptr;
  out["metrics"] = metrics;
  nlohmann::ordered_json variants = nlohmann::ordered_json::array();
  for (const Variant& v : plan.variants) {
    nlohmann::ordered_json overrides = nlohmann::ordered_json::object();
    for (const Override& o : v.overrides) overrides[o.pointer] = o.value;
    variants.push_back({{"id", v.id}, {"overrides", overrides}});
  }
  out["variants"] = variants;
  return out;
}

}  // namespace fleetsim::experiments
