// A child program in lock step over pipes: answers line by line, and each way it can fail (cannot start, ends,
// hangs, says too much) is an ExternalProgramError with a message that says which.

#include <catch2/catch.hpp>

#include "sim/exec/line_process.hpp"

using namespace fleetsim;
using std::chrono::milliseconds;

namespace {
std::string failure(const std::vector<std::string>& argv, const std::string& line, milliseconds timeout) {
  try {
    LineProcess p(argv, "");
    p.exchange(line, timeout);
  } catch (const ExternalProgramError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a program answers one line per request, in order", "[exec]") {
  // A tiny policy in sh: answers each request with its number, counting from 1.
  LineProcess p({"/bin/sh", "-c", "n=0; while read -r l; do n=$((n+1)); echo \"$n:$l\"; done"}, "");
  CHECK(p.exchange("a", milliseconds(5000)) == "1:a");
  CHECK(p.exchange("{\"t\": 60}", milliseconds(5000)) == "2:{\"t\": 60}");
  CHECK(p.exchange("", milliseconds(5000)) == "3:");
}

TEST_CASE("the program starts in the folder it is given, without a shell", "[exec]") {
  LineProcess p({"/bin/sh", "-c", "read -r l; pwd"}, "/tmp");
  CHECK(p.exchange("x", milliseconds(5000)) == "/tmp");
  // Arguments reach the program as they are: no word splitting, no globbing.
  LineProcess q({"/bin/sh", "-c", "read -r l; printf '%s\\n' \"$0\"", "a *b"}, "");
  CHECK(q.exchange("x", milliseconds(5000)) == "a *b");
}

TEST_CASE("each way a program fails is reported", "[exec]") {
  CHECK_THAT(failure({"/nonexistent/policy"}, "x", milliseconds(1000)),
             Catch::Contains("cannot start /nonexistent/policy") && Catch::Contains("No such file"));
  CHECK_THAT(failure({"/bin/sh", "-c", "read -r l; exit 4"}, "x", milliseconds(5000)),
             Catch::Contains("exited with status 4 without answering"));
  CHECK_THAT(failure({"/bin/sh", "-c", "read -r l; kill -9 $$"}, "x", milliseconds(5000)),
             Catch::Contains("was killed by signal 9"));
  auto start = std::chrono::steady_clock::now();
  CHECK_THAT(failure({"/bin/sh", "-c", "read -r l; sleep 30"}, "x", milliseconds(300)),
             Catch::Contains("did not answer within 0.3") && Catch::Contains("stopped"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));  // killed, not waited for
  // One write of two lines (atomic on a pipe): the answer and an extra line that would desynchronise the next.
  CHECK_THAT(failure({"/bin/sh", "-c", "read -r l; printf 'a\\nb\\n'; sleep 1"}, "x", milliseconds(5000)),
             Catch::Contains("more than one line"));
}
