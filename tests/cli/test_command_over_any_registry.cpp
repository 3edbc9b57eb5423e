// The command over a registry of one made-up model, linked without models/: whatever the command
// needs from the models comes through sim/model_registry.hpp, and the run loop, outputs and errors
// behave the same for any model behind it.

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/cli/commands.hpp"
#include "tests/support/temp_dir.hpp"

using namespace fleetsim;
using fleetsim::testing::TempDir;

namespace {

// A model that ticks every `every` seconds: counts ticks in a metric, an event each, and the summary.
class Ticker : public ModelRun {
 public:
  Ticker(const RunInput& in, Duration every)
      : engine_(in.engine),
        events_(in.events),
        metrics_(in.metrics),
        every_(every),
        ticks_metric_(in.metrics.add_counter({"Test", "Ticks", ""}, true)) {}
  void start() override { engine_.schedule_after<&Ticker::tick>(every_, this); }
  void finish(SimTime end) override { finished_at_ = end; }
  void write_summary(nlohmann::ordered_json& s) const override {
    s["ticks"] = ticks_;
    s["finishedAt_s"] = finished_at_.seconds_f();
  }
  std::uint64_t requests_offered() const override { return 0; }
  const std::vector<Diagnostic>& warnings() const override { return warnings_; }

 private:
  void tick(std::uint64_t) {
    ++ticks_;
    metrics_.count(ticks_metric_);
    if (events_.enabled()) events_.emit(engine_.now(), "Tick", {{"n", ticks_}});
    engine_.schedule_after<&Ticker::tick>(every_, this);
  }
  Engine& engine_;
  EventLog& events_;
  MetricStore& metrics_;
  Duration every_;
  CounterId ticks_metric_;
  std::uint64_t ticks_ = 0;
  SimTime finished_at_ = SimTime::zero();
  std::vector<Diagnostic> warnings_;
};

class TickerRegistry : public Registry {
 public:
  TickerRegistry() {
    Shape& ticker = shapes().object("the ticker section");
    ticker.required("every", shapes().duration(), "time between ticks");
    add_section("ticker", &ticker, "a made-up model");
  }
  std::unique_ptr<ModelRun> build(const RunInput& in) const override {
    if (in.simulation.region != "nowhere-1") throw ScenarioError("/simulation/region", "only nowhere-1 here");
    return std::make_unique<Ticker>(in, Duration::seconds(in.scenario["ticker"]["every"].get<std::int64_t>()));
  }
  std::optional<nlohmann::ordered_json> catalog(const std::string& region) const override {
    if (!region.empty()) return std::nullopt;
    return nlohmann::ordered_json{{"regions", {"nowhere-1"}}};
  }
  std::vector<LifecycleKind> lifecycle_kinds() const override { return {}; }
  std::set<std::string> instant_event_types() const override { return {"Tick"}; }
  std::string summary_lines(const nlohmann::ordered_json& s) const override {
    return "  ticks     " + s["ticks"].dump() + "\n";
  }
};

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path write_scenario(const TempDir& dir, const std::string& region) {
  std::filesystem::path file = dir.path() / "ticks.json";
  std::ofstream(file) << "{\"simulation\": {\"duration\": \"10m\", \"region\": \"" << region
                      << "\"},\n \"ticker\": {\"every\": 30}}\n";
  return file;
}

// `fleetsim run SCENARIO --out DIR/out -q` over `registry`; returns the exit code.
int run_quietly(const Registry& registry, const std::filesystem::path& scenario, const TempDir& dir) {
  RunOptions options;
  options.out_dir = (dir.path() / "out").string();
  options.quiet = true;
  return run_command(registry, scenario.string(), {}, options);
}

}  // namespace

TEST_CASE("the command runs a made-up model through the registry alone", "[cli]") {
  TickerRegistry registry;
  TempDir dir;
  REQUIRE(run_quietly(registry, write_scenario(dir, "nowhere-1"), dir) == 0);

  nlohmann::json summary = nlohmann::json::parse(read_file(dir.path() / "out" / "summary.json"));
  CHECK(summary["scenario"] == "ticks");
  CHECK(summary["duration_s"] == 600.0);
  CHECK(summary["ticks"] == 20);  // every 30 s over 600 s, the last at 600 s
  CHECK(summary["finishedAt_s"] == 600.0);
  std::string events = read_file(dir.path() / "out" / "events.jsonl");
  CHECK(std::count(events.begin(), events.end(), '\n') == 20);
  std::string metrics = read_file(dir.path() / "out" / "metrics.csv");
  CHECK(metrics.find("60,Test,Ticks,,Sum,2") != std::string::npos);  // two ticks in the first minute
}

TEST_CASE("the registry's build errors, schema and catalogue reach the user as the command's", "[cli]") {
  TickerRegistry registry;
  TempDir dir;
  std::stringstream err;
  std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
  int code = run_quietly(registry, write_scenario(dir, "somewhere-2"), dir);
  std::cerr.rdbuf(old_err);
  CHECK(code == 2);
  CHECK(err.str() == (dir.path() / "ticks.json").string() + ":1:46: /simulation/region: only nowhere-1 here\n");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "out"));

  std::stringstream out;
  std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
  CHECK(schema_command(registry) == 0);
  CHECK(catalog_command(registry, "") == 0);
  std::cout.rdbuf(old_out);
  CHECK(out.str().find("\"ticker\"") != std::string::npos);
  CHECK(out.str().find("\"nowhere-1\"") != std::string::npos);
}
