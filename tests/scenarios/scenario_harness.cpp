#include "tests/scenarios/scenario_harness.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

extern char** environ;

namespace fleetsim::scenario_test {

namespace fs = std::filesystem;

namespace {

std::string required_env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') throw std::runtime_error(std::string("environment variable ") + name + " is not set");
  return v;
}

// Owns the file actions so that every exit path destroys them.
class SpawnActions {
 public:
  SpawnActions() { posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

}  // namespace

std::string fleetsim_binary() { return required_env("FLEETSIM_BIN"); }

fs::path source_root() { return fs::path(required_env("FLEETSIM_SOURCE_ROOT")); }

ProcessResult run_fleetsim(const std::vector<std::string>& args) {
  // Output goes to files rather than pipes: nothing can block on a full pipe, and no poll loop is needed.
  TempDir capture;
  const std::string out_path = (capture.path() / "stdout").string();
  const std::string err_path = (capture.path() / "stderr").string();
  SpawnActions actions;
  posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(actions.get(), STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(actions.get(), STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);

  const std::string binary = fleetsim_binary();
  std::vector<std::string> argv_storage{binary};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  int rc = posix_spawn(&pid, binary.c_str(), actions.get(), nullptr, argv.data(), environ);
  if (rc != 0) throw std::runtime_error("cannot start " + binary + ": " + std::strerror(rc));
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("wait4: ") + std::strerror(errno));
  }
  ProcessResult result;
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.peak_rss_kib = usage.ru_maxrss;
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  return result;
}

fs::path write_scenario(const TempDir& dir, const std::string& text, const std::string& file_name) {
  fs::path file = dir.path() / file_name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + file.string());
  return file;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

nlohmann::json example_json(const std::string& name) {
  return nlohmann::json::parse(read_text(source_root() / "scenarios" / (name + ".json")), nullptr, true,
                               /*ignore_comments=*/true);
}

nlohmann::json quickstart_json() { return example_json("quickstart"); }

Mutation set_at(std::string pointer, nlohmann::json value) {
  return Mutation{std::move(pointer), std::move(value), false};
}

Mutation remove_at(std::string pointer) { return Mutation{std::move(pointer), nullptr, true}; }

nlohmann::json mutated(nlohmann::json base, const std::vector<Mutation>& mutations) {
  for (const Mutation& m : mutations) {
    nlohmann::json::json_pointer ptr(m.pointer);
    if (!m.remove) {
      base[ptr] = m.value;
      continue;
    }
    nlohmann::json& parent = base.at(ptr.parent_pointer());
    const std::string& last = ptr.back();
    if (parent.is_array()) {
      parent.erase(static_cast<std::size_t>(std::stoul(last)));
    } else if (parent.erase(last) == 0) {
      throw std::runtime_error("mutated: nothing to remove at " + m.pointer);
    }
  }
  return base;
}

std::pair<int, int> line_column_of(const std::string& text, const std::string& needle) {
  std::size_t at = text.find(needle);
  if (at == std::string::npos) return {0, 0};
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(at - line_start + 1)};
}

}  // namespace fleetsim::scenario_test
