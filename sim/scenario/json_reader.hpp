#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fleetsim {

/// 1-based position of a value in a source text; lines split at '\n', columns count bytes (a tab is one column).
struct SourcePos {
  int line = 0;
  int column = 0;
};

/// Equality of two positions, mainly for tests and diagnostics.
inline bool operator==(const SourcePos& a, const SourcePos& b) { return a.line == b.line && a.column == b.column; }

/// A parse failure with its position; what() reads "line L, column C: <detail>".
class JsonSyntaxError : public std::runtime_error {
 public:
  /// Builds the error for `message` (what was expected, what was found) at `pos`.
  JsonSyntaxError(SourcePos pos, std::string message);
  /// Where the problem was detected.
  SourcePos pos() const;
  /// The message without the position prefix.
  const std::string& detail() const;

 private:
  SourcePos pos_;
  std::string detail_;
};

namespace detail {
/// What a recorded value is, so a pointer token can be read as a key or an index.
enum class NodeKind : std::uint8_t { kScalar, kObject, kArray };

/// One recorded value. Children of a container sit contiguously in JsonDocument's node table (object members
/// sorted by key), so lookups walk the pointer token by token instead of storing a string per value.
struct PositionNode {
  SourcePos value;  // where the value starts
  SourcePos key;    // where the member's key starts; == value for array elements and the root
  std::uint32_t key_offset = 0;
  std::uint32_t key_length = 0;
  std::uint32_t first_child = 0;
  std::uint32_t child_count = 0;
  NodeKind kind = NodeKind::kScalar;
};
}  // namespace detail

/// A parsed document: the value and where each value (by JSON pointer) stood in the text.
class JsonDocument {
 public:
  /// An empty document: null root, no positions (position_of returns {0, 0}).
  JsonDocument() = default;

  /// Parses RFC 8259 JSON plus // and /* */ comments; throws JsonSyntaxError.
  static JsonDocument parse(std::string_view text);

  /// A document from another front end (YAML) that records positions the way parse does: `nodes[0]` is the
  /// root, each container's children are contiguous, object members sorted by key, keys held in `keys`.
  static JsonDocument from_nodes(nlohmann::json root, std::vector<detail::PositionNode> nodes, std::string keys);

  /// The parsed value (objects keep nlohmann's sorted key order, not source order).
  const nlohmann::json& root() const;
  /// Mutable access, e.g. for --set overrides; positions are not updated.
  nlohmann::json& root();

  /// Position of the value at `pointer`, or of its nearest ancestor that has one (a pointer added later by
  /// --set overrides has none).
  SourcePos position_of(std::string_view pointer) const;

  /// Like position_of, but for an object member the position of its key (better for "unknown key" errors).
  SourcePos key_position_of(std::string_view pointer) const;

  /// Records that the value now at `moved_to` in root() was written at `moved_from` in the text (a describe-*
  /// wrapper unwrapped); positions stay those of the text.
  void relocate(const std::string& moved_to, const std::string& moved_from);
  /// Where the value now at `pointer` was written: `pointer` itself unless it lies under a relocated value.
  std::string source_pointer(std::string_view pointer) const;

 private:
  const detail::PositionNode* nearest_node(std::string_view pointer) const;
  const detail::PositionNode* find_child(const detail::PositionNode& parent, std::string_view token) const;

  nlohmann::json root_;
  std::vector<detail::PositionNode> nodes_;                    // nodes_[0] is the root once parsed
  std::string keys_;                                           // unescaped member keys, referenced by offset and length
  std::map<std::string, std::string, std::less<>> relocated_;  // pointer now -> pointer in the text
};

/// Appends one reference token to a pointer with RFC 6901 escaping: append_pointer("/a", "b/c") == "/a/b~1c".
std::string append_pointer(std::string_view pointer, std::string_view token);
/// Appends an array index token: append_pointer("/a", 3) == "/a/3".
std::string append_pointer(std::string_view pointer, std::size_t index);

}  // namespace fleetsim
