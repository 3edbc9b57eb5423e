#include "sim/scenario/json_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

#include "sim/scenario/json_parser.hpp"
#include "sim/scenario/utf8.hpp"

namespace fleetsim {

JsonSyntaxError::JsonSyntaxError(SourcePos pos, std::string message)
    : std::runtime_error("line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) + ": " +
                         message),
      pos_(pos),
      detail_(std::move(message)) {}

SourcePos JsonSyntaxError::pos() const { return pos_; }

const std::string& JsonSyntaxError::detail() const { return detail_; }

namespace {

void append_escaped_token(std::string& out, std::string_view token) {
  out.push_back('/');
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
}

void append_index_token(std::string& out, std::size_t index) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, index);
  out.push_back('/');
  out.append(buf, res.ptr);
}

// 1-based line and byte column of text[offset], columns counted as the parser counts them (a leading byte
// order mark is not counted).
SourcePos position_at(std::string_view text, std::size_t offset) {
  const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  int line = 1;
  std::size_t line_start = bom;
  for (std::size_t k = bom; k < offset; ++k) {
    if (text[k] == '\n') {
      ++line;
      line_start = k + 1;
    }
  }
  return SourcePos{line, static_cast<int>(offset - line_start + 1)};
}

}  // namespace

JsonDocument JsonDocument::parse(std::string_view text) {
  // Node offsets are 32-bit; every node and key byte comes from a distinct input byte, so this bounds them.
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw JsonSyntaxError(SourcePos{1, 1}, "input too large: at most 4 GiB is supported");
  }
  // RFC 8259 section 8.1: JSON text is UTF-8. Checked over the whole text, comments included, so that no
  // ill-formed byte reaches a name (output cannot carry it) or a message.
  if (const Utf8Problem bad = first_ill_formed_utf8(text); !bad.reason.empty()) {
    throw JsonSyntaxError(position_at(text, bad.offset), "ill-formed UTF-8: " + bad.reason + " (RFC 3629)");
  }
  JsonDocument doc;
  // Every value but the first follows a ',' or an opening bracket, so this bounds the node count and spares
  // the repeated regrowth of a large table.
  std::size_t max_nodes = 1;
  for (const char c : text) max_nodes += (c == ',' || c == '[' || c == '{') ? 1 : 0;
  doc.nodes_.reserve(max_nodes);
  doc.root_ = detail::parse_json_text(text, doc.nodes_, doc.keys_);
  return doc;
}

JsonDocument JsonDocument::from_nodes(nlohmann::json root, std::vector<detail::PositionNode> nodes, std::string keys) {
  JsonDocument doc;
  doc.root_ = std::move(root);
  doc.nodes_ = std::move(nodes);
  doc.keys_ = std::move(keys);
  return doc;
}

const nlohmann::json& JsonDocument::root() const { return root_; }

nlohmann::json& JsonDocument::root() { return root_; }

namespace {

// RFC 6901 unescaping; false for a '~' not followed by '0' or '1', which no recorded key can match.
bool unescape_token(std::string_view raw, std::string& out) {
  out.clear();
  for (std::size_t k = 0; k < raw.size(); ++k) {
    if (raw[k] != '~') {
      out.push_back(raw[k]);
    } else if (k + 1 < raw.size() && (raw[k + 1] == '0' || raw[k + 1] == '1')) {
      out.push_back(raw[k + 1] == '0' ? '~' : '/');
      ++k;
    } else {
      return false;
    }
  }
  return true;
}

// RFC 6901 array index: "0" or digits without a leading zero.
bool parse_index(std::string_view token, std::size_t& index) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return false;
  const auto res = std::from_chars(token.data(), token.data() + token.size(), index);
  return res.ec == std::errc{} && res.ptr == token.data() + token.size();
}

}  // namespace

const detail::PositionNode* JsonDocument::find_child(const detail::PositionNode& parent, std::string_view token) const {
  const auto first = nodes_.begin() + parent.first_child;
  const auto last = first + parent.child_count;
  if (parent.kind == detail::NodeKind::kArray) {
    std::size_t index = 0;
    if (!parse_index(token, index) || index >= parent.child_count) return nullptr;
    return &*(first + static_cast<std::ptrdiff_t>(index));
  }
  if (parent.kind != detail::NodeKind::kObject) return nullptr;
  const std::string_view keys(keys_);
  const auto it = std::lower_bound(first, last, token, [keys](const detail::PositionNode& n, std::string_view t) {
    return keys.substr(n.key_offset, n.key_length) < t;
  });
  if (it == last || keys.substr(it->key_offset, it->key_length) != token) return nullptr;
  return &*it;
}

const detail::PositionNode* JsonDocument::nearest_node(std::string_view pointer) const {
  if (nodes_.empty()) return nullptr;
  const detail::PositionNode* node = &nodes_[0];
  std::string token;
  while (!pointer.empty() && pointer.front() == '/') {
    pointer.remove_prefix(1);
    const std::size_t end = std::min(pointer.find('/'), pointer.size());
    if (!unescape_token(pointer.substr(0, end), token)) break;
    const detail::PositionNode* child = find_child(*node, token);
    if (child == nullptr) break;
    node = child;
    pointer.remove_prefix(end);
  }
  return node;
}

SourcePos JsonDocument::position_of(std::string_view pointer) const {
  const detail::PositionNode* node = nearest_node(pointer);
  return node ? node->value : SourcePos{};
}

void JsonDocument::relocate(const std::string& moved_to, const std::string& moved_from) {
  if (moved_to != moved_from) relocated_[moved_to] = moved_from;
}

std::string JsonDocument::source_pointer(std::string_view pointer) const {
  // The longest relocated prefix that ends at a token boundary wins (an unwrapped list inside an unwrapped object).
  for (std::size_t end = pointer.size(); !relocated_.empty();) {
    if (auto it = relocated_.find(pointer.substr(0, end)); it != relocated_.end()) {
      return it->second + std::string(pointer.substr(end));
    }
    if (end == 0) break;
    end = pointer.rfind('/', end - 1);
    if (end == std::string_view::npos) break;
  }
  return std::string(pointer);
}

SourcePos JsonDocument::key_position_of(std::string_view pointer) const {
  const detail::PositionNode* node = nearest_node(pointer);
  return node ? node->key : SourcePos{};
}

std::string append_pointer(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  append_escaped_token(out, token);
  return out;
}

std::string append_pointer(std::string_view pointer, std::size_t index) {
  std::string out(pointer);
  append_index_token(out, index);
  return out;
}

}  // namespace fleetsim
