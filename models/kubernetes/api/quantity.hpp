#pragma once
/// Kubernetes resource quantities (k8s.io/apimachinery resource.Quantity): "500m", "0.5", "512Mi", "1G", "129e6".

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fleetsim::kube {

/// A quantity that does not parse or does not fit; what() is Kubernetes' own message where it has one.
class QuantityError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Quantity.Value(): the quantity in base units (bytes), rounded up ("512Mi" = 536870912, "1k" = 1000,
/// "0.5" = 1). Throws QuantityError.
std::int64_t quantity_value(std::string_view text);

/// Quantity.MilliValue(): the quantity in thousandths (millicores), rounded up ("500m" = 500, "0.5" = 500,
/// "2.5" = 2500, "0.0001" = 1). Throws QuantityError.
std::int64_t quantity_milli_value(std::string_view text);

}  // namespace fleetsim::kube
