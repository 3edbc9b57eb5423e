#include "sim/exec/line_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <thread>

namespace fleetsim {

namespace {

constexpr std::size_t kMaxLine = 1 << 20;  // a policy's answer is a few bytes per target

std::string errno_text(int err) { return std::strerror(err); }

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

LineProcess::LineProcess(const std::vector<std::string>& argv, const std::string& cwd) {
  if (argv.empty()) throw ExternalProgramError("no program to start");
  // A program that dies before reading its input must not kill fleetsim with SIGPIPE: writes then fail with
  // EPIPE, reported as the program's end. The child gets the default back before exec.
  std::signal(SIGPIPE, SIG_IGN);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int in[2], out[2], failed[2];  // failed: the child's errno when exec (or chdir) fails; closed by a good exec
  if (::pipe2(in, O_CLOEXEC) != 0) throw ExternalProgramError("cannot create a pipe: " + errno_text(errno));
  if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(failed, O_CLOEXEC) != 0) {
    int err = errno;
    ::close(in[0]), ::close(in[1]);
    throw ExternalProgramError("cannot create a pipe: " + errno_text(err));
  }
  pid_ = ::fork();
  if (pid_ == 0) {
    // The child: only async-signal-safe calls until exec. Its own process group, so that stopping it also stops
    // whatever it started (a shell's children would otherwise outlive it).
    ::setpgid(0, 0);
    std::signal(SIGPIPE, SIG_DFL);
    int err = 0;
    if (::dup2(in[0], STDIN_FILENO) < 0 || ::dup2(out[1], STDOUT_FILENO) < 0) {
      err = errno;
    } else if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
      err = errno;
    } else {
      ::execvp(args[0], args.data());
      err = errno;
    }
    [[maybe_unused]] ssize_t n = ::write(failed[1], &err, sizeof err);
    ::_exit(127);
  }
  int fork_err = errno;
  ::close(in[0]), ::close(out[1]), ::close(failed[1]);
  to_child_ = in[1];
  from_child_ = out[0];
  if (pid_ < 0) {
    ::close(failed[0]);
    close_fd(to_child_), close_fd(from_child_);
    throw ExternalProgramError("cannot start " + argv[0] + ": " + errno_text(fork_err));
  }
  int child_err = 0;
  ssize_t n;
  do n = ::read(failed[0], &child_err, sizeof child_err);
  while (n < 0 && errno == EINTR);
  ::close(failed[0]);
  if (n == sizeof child_err) {
    close_fd(to_child_), close_fd(from_child_);
    reap(std::chrono::milliseconds(1000));
    throw ExternalProgramError("cannot start " + argv[0] + " in " + cwd + ": " + errno_text(child_err));
  }
}

LineProcess::~LineProcess() {
  close_fd(to_child_);
  close_fd(from_child_);
  if (pid_ > 0) reap(std::chrono::milliseconds(200));  // a policy ends when its input closes
}

std::string LineProcess::reap(std::chrono::milliseconds grace) {
  if (reaped_) return "ended";
  const auto deadline = std::chrono::steady_clock::now() + grace;
  bool killed = false;
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(pid_, &status, killed ? 0 : WNOHANG);
    if (r == pid_) break;
    if (r < 0 && errno != EINTR) return "ended";  // not our child any more: nothing to reap
    if (!killed && std::chrono::steady_clock::now() >= deadline) {
      ::kill(-pid_, SIGKILL);  // the program's process group
      killed = true;
    } else if (!killed) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  reaped_ = true;
  if (killed) return "was stopped";
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "ended";
}

void LineProcess::write_all(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(to_child_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      if (err == EPIPE) {
        close_fd(to_child_);
        throw ExternalProgramError("the program " + reap(std::chrono::milliseconds(1000)) +
                                   " before reading its input");
      }
      throw ExternalProgramError("cannot write to the program: " + errno_text(err));
    }
    done += static_cast<std::size_t>(n);
  }
}

std::string LineProcess::exchange(const std::string& line, std::chrono::milliseconds timeout) {
  if (to_child_ < 0) throw ExternalProgramError("the program has already ended");
  write_all(line + "\n");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t newline;
  while ((newline = pending_.find('\n')) == std::string::npos) {
    if (pending_.size() > kMaxLine) throw ExternalProgramError("the program answered a line longer than 1 MiB");
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd p{from_child_, POLLIN, 0};
    int ready = left.count() > 0 ? ::poll(&p, 1, static_cast<int>(left.count())) : 0;
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) throw ExternalProgramError("cannot wait for the program: " + errno_text(errno));
    if (ready == 0) {
      reap(std::chrono::milliseconds(0));
      throw ExternalProgramError("the program did not answer within " + std::to_string(timeout.count() / 1000.0) +
                                 " s of wall-clock time (it was stopped)");
    }
    char buf[4096];
    ssize_t n = ::read(from_child_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw ExternalProgramError("cannot read from the program: " + errno_text(errno));
    if (n == 0) {
      close_fd(to_child_), close_fd(from_child_);
      throw ExternalProgramError("the program " + reap(std::chrono::milliseconds(1000)) + " without answering");
    }
    pending_.append(buf, static_cast<std::size_t>(n));
  }
  std::string answer = pending_.substr(0, newline);
  pending_.erase(0, newline + 1);
  if (!pending_.empty()) throw ExternalProgramError("the program answered more than one line to one request");
  return answer;
}

}  // namespace fleetsim
