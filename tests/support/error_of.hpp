#pragma once
/// The located error a reader throws, for tests of the section readers.

#include <catch2/catch.hpp>

#include "sim/scenario/diagnostics.hpp"

namespace fleetsim {

/// The diagnostic `read()` throws as a ScenarioError; fails the test when it throws none.
template <class F>
Diagnostic error_of(F read) {
  try {
    read();
  } catch (const ScenarioError& e) {
    return e.diagnostic();
  }
  FAIL("expected a ScenarioError");
  return {};
}

}  // namespace fleetsim
