#include <catch2/catch.hpp>

#include "sim/scenario/did_you_mean.hpp"

using fleetsim::closest_name;
using fleetsim::osa_distance;

TEST_CASE("osa_distance counts edits case-insensitively", "[did_you_mean]") {
  CHECK(osa_distance("", "") == 0);
  CHECK(osa_distance("abc", "") == 3);
  CHECK(osa_distance("", "abcd") == 4);
  CHECK(osa_distance("ABC", "abc") == 0);
  CHECK(osa_distance("kitten", "sitting") == 3);
  CHECK(osa_distance("name", "naem") == 1);  // adjacent swap is one edit
  // Optimal string alignment never edits a substring twice, so this is 3 (unrestricted Damerau gives 2).
  CHECK(osa_distance("ca", "abc") == 3);
}

TEST_CASE("closest_name suggests the intended key", "[did_you_mean]") {
  CHECK(closest_name("desiredcount", {"name", "desiredCount", "cluster"}) ==
        std::optional<std::string>("desiredCount"));
  CHECK(closest_name("HealthCheckIntervalSecond", {"HealthCheckTimeoutSeconds", "HealthCheckIntervalSeconds"}) ==
        std::optional<std::string>("HealthCheckIntervalSeconds"));
  CHECK(closest_name("naem", {"cluster", "name"}) == std::optional<std::string>("name"));
}

TEST_CASE("closest_name gives nothing when no candidate is close", "[did_you_mean]") {
  CHECK_FALSE(closest_name("xyz", {"name", "cluster"}).has_value());
  CHECK_FALSE(closest_name("rate", {}).has_value());
}

TEST_CASE("closest_name limit is max(1, size/3)", "[did_you_mean]") {
  // Six characters allow two edits, not three.
  CHECK(closest_name("abcdef", {"abcdxy"}) == std::optional<std::string>("abcdxy"));
  CHECK_FALSE(closest_name("abcdef", {"abcxyz"}).has_value());
  // Short names still allow one edit.
  CHECK(closest_name("ab", {"ax"}) == std::optional<std::string>("ax"));
  CHECK_FALSE(closest_name("ab", {"xy"}).has_value());
}

TEST_CASE("closest_name breaks ties by candidate order", "[did_you_mean]") {
  CHECK(closest_name("hat", {"cat", "bat"}) == std::optional<std::string>("cat"));
  CHECK(closest_name("hat", {"bat", "cat"}) == std::optional<std::string>("bat"));
  // A strictly better later candidate still wins.
  CHECK(closest_name("hat", {"cat", "hat"}) == std::optional<std::string>("hat"));
}
