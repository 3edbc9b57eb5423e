#pragma once
/// The kinds a manifest may hold: the API versions serving each, its resource name, its scope, and what the
/// simulation does with it.

#include <string_view>
#include <vector>

namespace fleetsim::kube {

/// What reading does with a kind.
enum class KindHandling : unsigned char {
  kRead,          ///< read into a typed object
  kDeferred,      ///< recognised and kept as JSON for a later reader (HPA, NodePool, EC2NodeClass, ScaledObject)
  kIgnored,       ///< accepted, changes nothing in the simulation, listed as ignored (ConfigMap, RBAC, ...)
  kNotSimulated,  ///< a real kind that would change the simulation but is not modelled yet: refused
};

/// One kind.
struct KindInfo {
  std::string_view kind;
  std::vector<std::string_view> versions;  ///< apiVersions serving it, the preferred first
  std::string_view resource;               ///< "deployments.apps", as AlreadyExists errors name it
  bool namespaced = true;
  KindHandling handling = KindHandling::kRead;
};

/// The kind named `kind` (case-sensitive, as the API is), or nullptr.
const KindInfo* find_kind(std::string_view kind);
/// Every known kind, in a fixed order (for did-you-mean).
const std::vector<KindInfo>& known_kinds();

}  // namespace fleetsim::kube
