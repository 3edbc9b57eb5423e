/// Output safety: `--out` never damages what was there. A file, a symbolic link, a folder fleetsim did not write,
/// the scenario's own folder, a folder that cannot be created, or a destination another run is writing: exit 3,
/// a clear message, and everything as it was.

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/scenarios/scenario_harness.hpp"

using namespace fleetsim::scenario_test;

namespace {

// The quickstart, 2 simulated minutes, written into `dir`.
std::filesystem::path brief_scenario(const TempDir& dir) {
  return write_scenario(dir, mutated(quickstart_json(), {set_at("/simulation/duration", "2m")}).dump());
}

ProcessResult run_into(const std::filesystem::path& scenario, const std::filesystem::path& out) {
  return run_fleetsim({"run", scenario.string(), "--out", out.string(), "--no-progress", "-q"});
}

void check_refused(const ProcessResult& run, const std::string& says) {
  INFO("stderr: " << run.err);
  CHECK(run.exit_code == 3);
  CHECK_THAT(run.err, Catch::Contains(says));
  CHECK(run.out.empty());
}

}  // namespace

TEST_CASE("--out at an existing file leaves the file alone", "[output]") {
  TempDir dir;
  std::filesystem::path scenario = brief_scenario(dir);
  std::ofstream(dir.path() / "notes.txt") << "keep me";
  check_refused(run_into(scenario, dir.path() / "notes.txt"), "exists and is not a folder");
  CHECK(read_text(dir.path() / "notes.txt") == "keep me");
  CHECK(dir.entries() == std::vector<std::string>{"notes.txt", "scenario.json"});
}

TEST_CASE("--out at a symbolic link leaves the link and its target alone", "[output]") {
  TempDir dir;
  std::filesystem::path scenario = brief_scenario(dir);
  std::filesystem::create_directory(dir.path() / "real");
  std::ofstream(dir.path() / "real" / "data.csv") << "1,2\n";
  std::filesystem::create_directory_symlink(dir.path() / "real", dir.path() / "link");
  check_refused(run_into(scenario, dir.path() / "link"), "is a symbolic link");
  CHECK(std::filesystem::is_symlink(dir.path() / "link"));
  CHECK(read_text(dir.path() / "real" / "data.csv") == "1,2\n");
}

TEST_CASE("--out at a folder fleetsim did not write is refused; an earlier output is replaced", "[output]") {
  TempDir dir;
  std::filesystem::path scenario = brief_scenario(dir);
  std::filesystem::create_directory(dir.path() / "mine");
  std::ofstream(dir.path() / "mine" / "thesis.tex") << "years of work";
  check_refused(run_into(scenario, dir.path() / "mine"), "not fleetsim output");
  CHECK(read_text(dir.path() / "mine" / "thesis.tex") == "years of work");
  // An empty folder and an earlier run's output are fleetsim's to fill and replace.
  std::filesystem::create_directory(dir.path() / "empty");
  CHECK(run_into(scenario, dir.path() / "empty").exit_code == 0);
  CHECK(run_into(scenario, dir.path() / "empty").exit_code == 0);
  CHECK(std::filesystem::exists(dir.path() / "empty" / "summary.json"));
}

TEST_CASE("--out at the scenario's own folder or an ancestor of it is refused", "[output]") {
  // Replacing that folder would delete the scenario. A subfolder of it (the usual out/) is fine.
  TempDir dir;
  std::filesystem::create_directory(dir.path() / "project");
  std::filesystem::path scenario = write_scenario(
      dir, mutated(quickstart_json(), {set_at("/simulation/duration", "2m")}).dump(), "project/scenario.json");
  std::ofstream(dir.path() / "project" / "run.json") << "{}";  // even when it looks like an earlier output
  check_refused(run_into(scenario, dir.path() / "project"), "holds the scenario");
  check_refused(run_into(scenario, dir.path()), "holds the scenario");
  CHECK(std::filesystem::exists(scenario));
  CHECK(run_into(scenario, dir.path() / "project" / "out").exit_code == 0);
}

TEST_CASE("--out where no folder can be created is exit 3 with nothing written", "[output]") {
  // Under a file (and so unwritable for any user, root included).
  TempDir dir;
  std::filesystem::path scenario = brief_scenario(dir);
  std::ofstream(dir.path() / "plain") << "x";
  check_refused(run_into(scenario, dir.path() / "plain" / "out"), "cannot create");
  CHECK(dir.entries() == std::vector<std::string>{"plain", "scenario.json"});
}

TEST_CASE("a second run into the same --out while one is writing it stops at once", "[output]") {
  TempDir dir;
  std::filesystem::path scenario = brief_scenario(dir);
  REQUIRE(run_into(scenario, dir.path() / "out").exit_code == 0);
  const std::string before = read_text(dir.path() / "out" / "summary.json");
  // Stand in for the first run: hold the destination's lock as a run does while it writes.
  const std::filesystem::path lock = dir.path() / ".out.lock";
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  check_refused(run_into(scenario, dir.path() / "out"), "another fleetsim run is writing");
  CHECK(read_text(dir.path() / "out" / "summary.json") == before);
  CHECK(std::filesystem::exists(lock));  // the holder's lock file is not removed by the loser
  ::close(fd);
  std::filesystem::remove(lock);
  // Once released, the next run writes, and leaves neither lock nor staging folder behind.
  CHECK(run_into(scenario, dir.path() / "out").exit_code == 0);
  CHECK(dir.entries() == std::vector<std::string>{"out", "scenario.json"});
}
