#include "sim/experiments/runner.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>

#include "sim/experiments/sweep_file.hpp"

extern char** environ;

namespace fleetsim::experiments {

namespace {

std::atomic<bool> g_interrupted{false};
void on_signal(int) { g_interrupted = true; }

// Runs done, failed, and an ETA from the mean wall time per finished run; redrawn as each run ends.
class RunProgress {
 public:
  RunProgress(bool enabled, std::size_t total)
      : enabled_(enabled), total_(total), start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done, std::size_t failed) {
    if (!enabled_) return;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    double eta = done > 0 ? elapsed * static_cast<double>(total_ - done) / static_cast<double>(done) : 0;
    const std::size_t width = 30;
    std::string bar(total_ ? width * done / total_ : width, '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r[%s] %zu/%zu runs, %zu failed, ETA %.0fs ", bar.c_str(), done, total_, failed, eta);
    std::fflush(stderr);
  }
  void finish() {
    if (enabled_) std::fprintf(stderr, "\r%80s\r", "");
  }

 private:
  bool enabled_;
  std::size_t total_;
  std::chrono::steady_clock::time_point start_;
};

// For the pool's lifetime only: an interrupt stops the pool instead of the process (which must reap its
// children), and afterwards the default behaviour returns. Without SA_RESTART, so it wakes waitpid.
class InterruptHandlers {
 public:
  InterruptHandlers() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &old_int_);
    ::sigaction(SIGTERM, &action, &old_term_);
  }
  ~InterruptHandlers() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  InterruptHandlers(const InterruptHandlers&) = delete;
  InterruptHandlers& operator=(const InterruptHandlers&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

pid_t spawn(const ProcessJob& job, const std::filesystem::path& err_file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> argv;
  for (const std::string& a : job.argv) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw SweepError{3, {"cannot start " + job.argv[0] + ": " + std::strerror(rc)}};
  return pid;
}

std::string first_line(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) return line;
  }
  return "";
}

}  // namespace

std::string self_executable() {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw SweepError{3, {"cannot find the fleetsim executable: " + ec.message()}};
  return p.string();
}

std::vector<ProcessOutcome> run_processes(const std::vector<ProcessJob>& jobs, const PoolOptions& options) {
  g_interrupted = false;
  InterruptHandlers handlers;
  std::vector<ProcessOutcome> outcomes(jobs.size());
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0, done = 0, failed = 0;
  RunProgress progress(options.progress, jobs.size());
  auto err_file = [&](std::size_t i) { return options.log_dir / (std::to_string(i) + ".err"); };
  while (done < jobs.size()) {
    while (!g_interrupted && next < jobs.size() && running.size() < static_cast<std::size_t>(options.workers)) {
      running[spawn(jobs[next], err_file(next))] = next;
      ++next;
    }
    if (g_interrupted && running.empty()) break;
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) {
        // Children of a terminal get its SIGINT themselves; a SIGTERM sent to us alone is passed on.
        for (const auto& [child, index] : running) ::kill(child, SIGTERM);
        continue;
      }
      throw SweepError{3, {std::string("waiting for runs: ") + std::strerror(errno)}};
    }
    auto it = running.find(pid);
    if (it == running.end()) continue;
    std::size_t i = it->second;
    running.erase(it);
    ProcessOutcome& out = outcomes[i];
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (out.exit_code != 0) {
      out.message = first_line(err_file(i));
      if (out.message.empty()) out.message = "exited with status " + std::to_string(out.exit_code);
      ++failed;
    }
    std::error_code ec;
    std::filesystem::remove(err_file(i), ec);
    ++done;
    progress.update(done, failed);
  }
  progress.finish();
  if (g_interrupted) throw SweepError{3, {"interrupted; no output written"}};
  return outcomes;
}

}  // namespace fleetsim::experiments
