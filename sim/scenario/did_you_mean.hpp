#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fleetsim {

/// Case-insensitive (ASCII) optimal-string-alignment distance: edits are insert, delete, substitute, and swap of
/// two adjacent characters.
std::size_t osa_distance(std::string_view a, std::string_view b);

/// The candidate closest to `given` if within max(1, given.size() / 3) edits; ties go to the earliest candidate.
std::optional<std::string> closest_name(std::string_view given, const std::vector<std::string>& candidates);

/// "no WHAT named "NAME"", with " (did you mean "X"?)" when one of `known` is close.
std::string no_such_name(const std::string& what, const std::string& name, const std::vector<std::string>& known);

}  // namespace fleetsim
