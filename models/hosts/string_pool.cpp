#include "models/hosts/string_pool.hpp"

namespace fleetsim {

std::uint32_t StringPool::intern(std::string_view text) {
  auto it = ids_.find(text);
  if (it != ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(strings_.size());
  strings_.emplace_back(text);
  ids_.emplace(std::string_view(strings_.back()), id);
  return id;
}

std::uint32_t StringPool::find(std::string_view text) const {
  auto it = ids_.find(text);
  return it == ids_.end() ? kAbsent : it->second;
}

}  // namespace fleetsim
