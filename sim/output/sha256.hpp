#pragma once
/// SHA-256 (FIPS 180-4), for scenarioSha256 and golden fingerprints of output files.

#include <string>
#include <string_view>

namespace fleetsim {

/// The lowercase hex SHA-256 digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace fleetsim
