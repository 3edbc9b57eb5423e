#pragma once
/// A program fleetsim talks to in lock step, one line at a time over its standard input and output
/// (an external scaling policy). POSIX fork and execvp with pipes, no shell: the arguments reach the
/// program exactly as written in the scenario.

#include <sys/types.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

namespace fleetsim {

/// A program that could not start, ended, hung past its timeout or answered something that is not a line
/// of the protocol: the run cannot complete (exit code 3).
class ExternalProgramError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One child program. Its standard error is fleetsim's, so its own messages reach the terminal.
class LineProcess {
 public:
  /// Starts `argv` (argv[0] searched in PATH as execvp does) in folder `cwd`; throws ExternalProgramError when
  /// it cannot (no such program, folder or permission).
  LineProcess(const std::vector<std::string>& argv, const std::string& cwd);
  /// Closes the program's input, gives it a moment to end, then kills it; always reaps it.
  ~LineProcess();
  LineProcess(const LineProcess&) = delete;
  LineProcess& operator=(const LineProcess&) = delete;

  /// Writes `line` and a newline, then waits at most `timeout` of wall-clock time for one line of answer (without
  /// its newline). The wall clock bounds the wait only; it never reaches a result. Throws ExternalProgramError
  /// when the program ended or closed its output, did not answer in time, answered more than one line, or
  /// sent a line longer than 1 MiB.
  std::string exchange(const std::string& line, std::chrono::milliseconds timeout);

 private:
  // Waits up to `grace` for the program to end, then kills it; reaps it and says how it ended ("exited with
  // status 1", "was killed by signal 9", "was stopped" when fleetsim killed it).
  std::string reap(std::chrono::milliseconds grace);
  void write_all(const std::string& text);

  pid_t pid_ = -1;
  int to_child_ = -1;    // the program's standard input
  int from_child_ = -1;  // its standard output
  std::string pending_;  // bytes read past the last answer
  bool reaped_ = false;
};

}  // namespace fleetsim
