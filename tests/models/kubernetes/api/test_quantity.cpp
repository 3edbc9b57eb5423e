#include <catch2/catch.hpp>
#include <string>

#include "models/kubernetes/api/quantity.hpp"

using fleetsim::kube::quantity_milli_value;
using fleetsim::kube::quantity_value;
using fleetsim::kube::QuantityError;

// Known answers from resource.Quantity's MilliValue and Value (apimachinery quantity_test.go and the
// Kubernetes documentation's "Resource units" page).
TEST_CASE("cpu quantities in millicores, rounded up", "[kube][quantity]") {
  CHECK(quantity_milli_value("500m") == 500);
  CHECK(quantity_milli_value("0.5") == 500);
  CHECK(quantity_milli_value("1") == 1000);
  CHECK(quantity_milli_value("2.5") == 2500);
  CHECK(quantity_milli_value(".1") == 100);
  CHECK(quantity_milli_value("100m") == 100);
  CHECK(quantity_milli_value("0.0001") == 1);  // below a millicore rounds up to one
  CHECK(quantity_milli_value("1500u") == 2);
  CHECK(quantity_milli_value("0") == 0);
  CHECK(quantity_milli_value("+2") == 2000);
  CHECK(quantity_milli_value("1e3") == 1000000);
  CHECK(quantity_milli_value("-1") == -1000);
}

TEST_CASE("memory quantities in bytes, rounded up", "[kube][quantity]") {
  CHECK(quantity_value("512Mi") == 536870912);
  CHECK(quantity_value("1Gi") == 1073741824);
  CHECK(quantity_value("1G") == 1000000000);
  CHECK(quantity_value("128974848") == 128974848);
  CHECK(quantity_value("129e6") == 129000000);
  CHECK(quantity_value("129M") == 129000000);
  CHECK(quantity_value("123Mi") == 128974848);
  CHECK(quantity_value("123k") == 123000);
  CHECK(quantity_value("1.5Gi") == 1610612736);
  CHECK(quantity_value("0.5") == 1);
  CHECK(quantity_value("1Ki") == 1024);
  CHECK(quantity_value("2Ei") == 2305843009213693952);
  CHECK(quantity_value("100m") == 1);
}

TEST_CASE("malformed quantities carry Kubernetes' messages", "[kube][quantity]") {
  const std::string format =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  for (const char* bad : {"500x", "", "Mi", "1 Gi", "5KB", "1.2.3", "abc", "."}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(quantity_value(bad), QuantityError, Catch::Message(format));
  }
  for (const char* bad : {"5mi", "1Kii", "1e", "2Mm"}) {
    INFO(bad);
    CHECK_THROWS_MATCHES(quantity_value(bad), QuantityError, Catch::Message("unable to parse quantity's suffix"));
  }
  CHECK_THROWS_WITH(quantity_value("9Ei"), Catch::Contains("too large"));
  CHECK_THROWS_WITH(quantity_milli_value("10E"), Catch::Contains("too large"));
}
