#pragma once
/// Scenario problems as they are reported: a JSON pointer and what was expected.

#include <stdexcept>
#include <string>
#include <vector>

namespace fleetsim {

/// One problem found in a scenario, located by its RFC 6901 pointer.
struct Diagnostic {
  std::string pointer;  ///< where: "/services/0/desiredCount"
  std::string message;  ///< what was expected
  bool at_key = false;  ///< locate the member's key rather than its value (unknown fields)
};

/// Thrown when a scenario cannot be loaded; carries the first problem found by semantic checks.
class ScenarioError : public std::runtime_error {
 public:
  /// An error at `pointer` with `message`.
  ScenarioError(std::string pointer, std::string message)
      : std::runtime_error(pointer + ": " + message), diagnostic_{std::move(pointer), std::move(message)} {}
  /// The problem.
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

/// A problem in a file the scenario refers to (a Kubernetes manifest), located in that file: what() reads
/// "FILE:LINE:COL: message", as the command prints it.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// What structural validation found: errors, and AWS fields accepted but not simulated.
struct ValidationReport {
  std::vector<Diagnostic> errors;    ///< each makes the scenario invalid
  std::vector<std::string> ignored;  ///< pointers of accepted, unmodelled AWS fields
  std::vector<Diagnostic> warnings;  ///< valid, but probably not what the author meant
};

}  // namespace fleetsim
