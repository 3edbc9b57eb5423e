#pragma once
/// Host attribute names and values interned to dense ids, so placement compares integers.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fleetsim {

/// Interns strings to dense ids, so the hot path compares integers; append-only, so ids stay valid.
class StringPool {
 public:
  /// The id no interned string has: "attribute absent".
  static constexpr std::uint32_t kAbsent = 0xffffffffu;
  /// The id of `text`, adding it if new.
  std::uint32_t intern(std::string_view text);
  /// The id of `text`, or kAbsent.
  std::uint32_t find(std::string_view text) const;
  /// The text of `id`.
  std::string_view text(std::uint32_t id) const { return strings_[id]; }
  /// Number of interned strings; ids are below it.
  std::size_t size() const { return strings_.size(); }

 private:
  std::deque<std::string> strings_;  // a deque, so the views in ids_ survive growth
  // Lookup only, never iterated, so its order cannot leak into results.
  std::unordered_map<std::string_view, std::uint32_t> ids_;
};

}  // namespace fleetsim
