#pragma once
/// The error raised when a run reaches a fixed limit of the core (a programmer error or a limit).

#include <stdexcept>

namespace fleetsim {

/// Raised when a model asks for something the engine cannot do (a programmer error or a limit).
class EngineLimit : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace fleetsim
