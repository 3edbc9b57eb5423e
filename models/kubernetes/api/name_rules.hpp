#pragma once
/// The API server's name rules (k8s.io/apimachinery pkg/util/validation), with its messages.

#include <string>
#include <string_view>

namespace fleetsim::kube {

/// Which rule a name follows.
enum class NameRule : unsigned char {
  kSubdomain,  ///< RFC 1123 subdomain: most objects (Deployment, Ingress, ConfigMap, ...)
  kLabel,      ///< RFC 1123 label: Namespace, container names
  kDns1035,    ///< RFC 1035 label: Service
};

/// Empty when `name` follows `rule`; otherwise the API server's explanation ("a lowercase RFC 1123
/// subdomain must consist of ...").
std::string name_problem(std::string_view name, NameRule rule);

}  // namespace fleetsim::kube
