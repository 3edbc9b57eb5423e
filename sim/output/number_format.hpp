#pragma once
/// Deterministic text for numbers in output files.

#include <string>

namespace fleetsim {

/// The shortest decimal text that reads back as exactly `v` (std::to_chars), so equal bits always
/// print equal bytes on every conforming standard library. Non-finite values print as 0: output
/// files must stay valid CSV and JSON, and a model never produces them on purpose.
std::string format_number(double v);

}  // namespace fleetsim
