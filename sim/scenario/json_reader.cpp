#include "sim/scenario/json_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <utility>

namespace fleetsim {

JsonSyntaxError::JsonSyntaxError(SourcePos pos, std::string message)
    : std::runtime_error("line " + std::to_string(pos.line) + ", column " + std::to_string(pos.column) + ": " +
                         message),
      pos_(pos),
      detail_(std::move(message)) {}

SourcePos JsonSyntaxError::pos() const { return pos_; }

const std::string& JsonSyntaxError::detail() const { return detail_; }

namespace {

// Deep enough for any real scenario, shallow enough that recursion cannot exhaust the stack (even under ASan).
constexpr int max_depth = 256;

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

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// libstdc++'s from_chars reports both overflow and underflow as result_out_of_range; only overflow is an
// error for us, so estimate the decimal exponent of the leading significant digit to tell them apart.
bool magnitude_is_large(std::string_view number) {
  std::size_t i = 0;
  if (i < number.size() && number[i] == '-') ++i;
  long long lead = 0;  // decimal exponent of the first nonzero digit, before applying 'e'
  bool found = false;
  long long int_digits = 0;
  while (i < number.size() && is_digit(number[i])) {
    if (!found && number[i] != '0') {
      found = true;
      lead = -int_digits;  // fixed up below once the integer part length is known
    }
    ++int_digits;
    ++i;
  }
  if (found) lead += int_digits - 1;
  if (i < number.size() && number[i] == '.') {
    ++i;
    long long k = 0;
    while (i < number.size() && is_digit(number[i])) {
      ++k;
      if (!found && number[i] != '0') {
        found = true;
        lead = -k;
      }
      ++i;
    }
  }
  long long exponent = 0;
  if (i < number.size() && (number[i] == 'e' || number[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < number.size() && (number[i] == '+' || number[i] == '-')) {
      negative = number[i] == '-';
      ++i;
    }
    while (i < number.size() && is_digit(number[i])) {
      if (exponent < 1'000'000'000) exponent = exponent * 10 + (number[i] - '0');
      ++i;
    }
    if (negative) exponent = -exponent;
  }
  return lead + exponent > 0;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<detail::PositionNode>& nodes, std::string& keys)
      : text_(text), nodes_(nodes), keys_(keys) {}

  nlohmann::json parse_document() {
    // A UTF-8 byte order mark is tolerated (RFC 8259 section 8.1) and not counted in columns.
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
      i_ = 3;
      line_start_ = 3;
    }
    skip_whitespace();
    if (at_end()) fail(pos(), "empty input: expected a JSON value");
    nodes_.emplace_back();  // the root's slot; its children are appended after it
    detail::PositionNode root_node;
    root_node.key = pos();
    nlohmann::json root = parse_value(root_node);
    nodes_[0] = root_node;
    skip_whitespace();
    if (!at_end()) fail(pos(), "expected end of input after the root value, found " + describe_current());
    return root;
  }

 private:
  [[noreturn]] static void fail(SourcePos pos, std::string message) { throw JsonSyntaxError(pos, std::move(message)); }

  bool at_end() const { return i_ >= text_.size(); }
  char current() const { return text_[i_]; }
  bool current_is(char c) const { return i_ < text_.size() && text_[i_] == c; }

  SourcePos pos() const { return SourcePos{line_, static_cast<int>(i_ - line_start_ + 1)}; }

  std::string describe_current() const {
    if (at_end()) return "end of input";
    const auto byte = static_cast<unsigned char>(current());
    if (byte >= 0x20 && byte < 0x7F) return std::string("'") + current() + "'";
    static const char digits[] = "0123456789ABCDEF";
    return std::string("byte 0x") + digits[byte >> 4] + digits[byte & 0xF];
  }

  void new_line() {
    ++line_;
    line_start_ = i_;
  }

  void skip_whitespace() {
    while (!at_end()) {
      const char c = current();
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i_;
      } else if (c == '\n') {
        ++i_;
        new_line();
      } else if (c == '/') {
        skip_comment();
      } else {
        return;
      }
    }
  }

  void skip_comment() {
    const SourcePos start = pos();
    const char next = i_ + 1 < text_.size() ? text_[i_ + 1] : '\0';
    if (next == '/') {
      const std::size_t eol = text_.find('\n', i_ + 2);
      i_ = eol == std::string_view::npos ? text_.size() : eol;  // the '\n' is left for the line count
    } else if (next == '*') {
      i_ += 2;
      while (!at_end()) {
        if (current() == '*' && i_ + 1 < text_.size() && text_[i_ + 1] == '/') {
          i_ += 2;
          return;
        }
        ++i_;
        if (text_[i_ - 1] == '\n') new_line();
      }
      fail(start, "unterminated block comment: expected '*/'");
    } else {
      fail(start, "expected '/' or '*' after '/' to start a comment");
    }
  }

  void enter_container(SourcePos open) {
    if (++depth_ > max_depth) fail(open, "nesting deeper than " + std::to_string(max_depth) + " levels");
  }

  // The caller has skipped whitespace and filled node's key fields; this fills the rest.
  nlohmann::json parse_value(detail::PositionNode& node) {
    const SourcePos start = pos();
    if (at_end()) fail(start, "expected a JSON value, found end of input");
    node.value = start;
    switch (current()) {
      case '{':
        node.kind = detail::NodeKind::object;
        return parse_object(node);
      case '[':
        node.kind = detail::NodeKind::array;
        return parse_array(node);
      case '"':
        return nlohmann::json(parse_string());
      case 't':
        return parse_literal("true", nlohmann::json(true));
      case 'f':
        return parse_literal("false", nlohmann::json(false));
      case 'n':
        return parse_literal("null", nlohmann::json(nullptr));
      default:
        if (current() == '-' || is_digit(current())) return parse_number();
        fail(start,
             "expected a JSON value (object, array, string, number, true, false or null), found " + describe_current());
    }
  }

  // Children are collected on scratch_ and moved to nodes_ as one block when the container closes, so each
  // container's children are contiguous even though grandchildren finish first.
  void close_container(detail::PositionNode& node, std::size_t mark) {
    node.first_child = static_cast<std::uint32_t>(nodes_.size());
    node.child_count = static_cast<std::uint32_t>(scratch_.size() - mark);
    nodes_.insert(nodes_.end(), scratch_.begin() + static_cast<std::ptrdiff_t>(mark), scratch_.end());
    scratch_.resize(mark);
    --depth_;
  }

  nlohmann::json parse_object(detail::PositionNode& node) {
    enter_container(pos());
    ++i_;
    const std::size_t mark = scratch_.size();
    nlohmann::json object = nlohmann::json::object();
    auto& members = *object.get_ptr<nlohmann::json::object_t*>();
    skip_whitespace();
    if (current_is('}')) {
      ++i_;
      close_container(node, mark);
      return object;
    }
    bool after_comma = false;
    while (true) {
      if (!current_is('"')) {
        if (after_comma && current_is('}')) {
          fail(pos(), "expected string key after ',' (trailing commas are not allowed), found '}'");
        }
        fail(pos(), std::string(after_comma ? "expected string key after ','" : "expected string key or '}'") +
                        ", found " + describe_current());
      }
      detail::PositionNode child;
      child.key = pos();
      std::string key = parse_string();
      child.key_offset = static_cast<std::uint32_t>(keys_.size());
      child.key_length = static_cast<std::uint32_t>(key.size());
      keys_ += key;
      const auto [slot, inserted] = members.try_emplace(std::move(key));
      if (!inserted) fail(child.key, "duplicate key \"" + slot->first + "\"");
      skip_whitespace();
      if (!current_is(':')) fail(pos(), "expected ':' after object key, found " + describe_current());
      ++i_;
      skip_whitespace();
      slot->second = parse_value(child);
      scratch_.push_back(child);
      skip_whitespace();
      if (current_is(',')) {
        ++i_;
        skip_whitespace();
        after_comma = true;
      } else if (current_is('}')) {
        ++i_;
        break;
      } else {
        fail(pos(), "expected ',' or '}' after object member, found " + describe_current());
      }
    }
    // Sorted like nlohmann's std::map so lookups can binary search.
    const std::string& keys = keys_;
    std::sort(scratch_.begin() + static_cast<std::ptrdiff_t>(mark), scratch_.end(),
              [&keys](const detail::PositionNode& a, const detail::PositionNode& b) {
                return std::string_view(keys).substr(a.key_offset, a.key_length) <
                       std::string_view(keys).substr(b.key_offset, b.key_length);
              });
    close_container(node, mark);
    return object;
  }

  nlohmann::json parse_array(detail::PositionNode& node) {
    enter_container(pos());
    ++i_;
    const std::size_t mark = scratch_.size();
    nlohmann::json array = nlohmann::json::array();
    skip_whitespace();
    if (current_is(']')) {
      ++i_;
      close_container(node, mark);
      return array;
    }
    bool after_comma = false;
    while (true) {
      if (after_comma && current_is(']')) {
        fail(pos(), "expected a JSON value after ',' (trailing commas are not allowed), found ']'");
      }
      detail::PositionNode child;
      child.key = pos();
      array.push_back(parse_value(child));
      scratch_.push_back(child);
      skip_whitespace();
      if (current_is(',')) {
        ++i_;
        skip_whitespace();
        after_comma = true;
      } else if (current_is(']')) {
        ++i_;
        close_container(node, mark);
        return array;
      } else {
        fail(pos(), "expected ',' or ']' after array element, found " + describe_current());
      }
    }
  }

  nlohmann::json parse_literal(std::string_view word, nlohmann::json value) {
    if (text_.substr(i_, word.size()) != word) {
      fail(pos(), "invalid literal: expected '" + std::string(word) + "'");
    }
    i_ += word.size();
    return value;
  }

  // Reads four hex digits after "\u" at text_[i_]; returns -1 when they are missing.
  long read_hex4() {
    if (text_.size() - i_ < 4) return -1;
    long value = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const int h = hex_value(text_[i_ + k]);
      if (h < 0) return -1;
      value = value * 16 + h;
    }
    i_ += 4;
    return value;
  }

  std::string parse_string() {
    const SourcePos open = pos();
    ++i_;
    std::string out;
    while (true) {
      // Copy the run of ordinary bytes in one go; bytes >= 0x80 pass through unchecked.
      const std::size_t run_start = i_;
      while (!at_end()) {
        const auto byte = static_cast<unsigned char>(current());
        if (byte == '"' || byte == '\\' || byte < 0x20) break;
        ++i_;
      }
      out.append(text_.data() + run_start, i_ - run_start);
      if (at_end()) fail(open, "unterminated string: expected closing '\"'");
      const char c = current();
      if (c == '"') {
        ++i_;
        return out;
      }
      if (c != '\\') {
        fail(pos(), "control character " + describe_current() +
                        " in string: expected closing '\"' or an escape such as '\\n'");
      }
      const SourcePos escape = pos();
      ++i_;
      if (at_end()) fail(open, "unterminated string: expected closing '\"'");
      const char e = current();
      ++i_;
      switch (e) {
        case '"':
          out.push_back('"');
          break;
        case '\\':
          out.push_back('\\');
          break;
        case '/':
          out.push_back('/');
          break;
        case 'b':
          out.push_back('\b');
          break;
        case 'f':
          out.push_back('\f');
          break;
        case 'n':
          out.push_back('\n');
          break;
        case 'r':
          out.push_back('\r');
          break;
        case 't':
          out.push_back('\t');
          break;
        case 'u':
          out_unicode(out, escape);
          break;
        default: {
          const auto byte = static_cast<unsigned char>(e);
          const std::string shown = byte >= 0x20 && byte < 0x7F ? "'\\" + std::string(1, e) + "'"
                                                                : "'\\' followed by a control or non-ASCII byte";
          fail(escape,
               "invalid escape " + shown + " in string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
        }
      }
    }
  }

  void out_unicode(std::string& out, SourcePos escape) {
    const long first = read_hex4();
    if (first < 0) fail(escape, "invalid escape: expected 4 hex digits after '\\u'");
    std::uint32_t cp = static_cast<std::uint32_t>(first);
    if (cp >= 0xDC00 && cp <= 0xDFFF) fail(escape, "invalid escape: unpaired UTF-16 low surrogate");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (text_.substr(i_, 2) != "\\u") {
        fail(escape, "invalid escape: UTF-16 high surrogate must be followed by '\\u' low surrogate");
      }
      i_ += 2;
      const long second = read_hex4();
      if (second < 0xDC00 || second > 0xDFFF) {
        fail(escape, "invalid escape: UTF-16 high surrogate must be followed by '\\u' low surrogate");
      }
      cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(second) - 0xDC00);
    }
    append_utf8(out, cp);
  }

  nlohmann::json parse_number() {
    const SourcePos start = pos();
    const std::size_t begin = i_;
    const bool negative = current_is('-');
    if (negative) ++i_;
    if (at_end() || !is_digit(current())) fail(pos(), "expected digit after '-', found " + describe_current());
    if (current() == '0') {
      ++i_;
      if (!at_end() && is_digit(current())) fail(start, "leading zeros are not allowed in numbers");
    } else {
      while (!at_end() && is_digit(current())) ++i_;
    }
    bool integral = true;
    if (current_is('.')) {
      integral = false;
      ++i_;
      if (at_end() || !is_digit(current())) {
        fail(pos(), "expected digit after '.' in number, found " + describe_current());
      }
      while (!at_end() && is_digit(current())) ++i_;
    }
    if (current_is('e') || current_is('E')) {
      integral = false;
      ++i_;
      if (current_is('+') || current_is('-')) ++i_;
      if (at_end() || !is_digit(current())) {
        fail(pos(), "expected digit in number exponent, found " + describe_current());
      }
      while (!at_end() && is_digit(current())) ++i_;
    }
    const char* first = text_.data() + begin;
    const char* last = text_.data() + i_;
    if (integral) {
      std::int64_t as_signed = 0;
      if (std::from_chars(first, last, as_signed).ec == std::errc{}) return nlohmann::json(as_signed);
      std::uint64_t as_unsigned = 0;
      if (!negative && std::from_chars(first, last, as_unsigned).ec == std::errc{}) {
        return nlohmann::json(as_unsigned);
      }
    }
    double value = 0.0;
    const auto res = std::from_chars(first, last, value);
    if (res.ec == std::errc::result_out_of_range) {
      if (magnitude_is_large(std::string_view(first, static_cast<std::size_t>(last - first)))) {
        fail(start, "number out of range: magnitude exceeds the largest double");
      }
      value = negative ? -0.0 : 0.0;  // below the smallest subnormal: rounds to zero
    } else if (res.ec != std::errc{} || res.ptr != last) {
      fail(start, "malformed number");  // unreachable after the grammar check above; kept as a guard
    }
    return nlohmann::json(value);
  }

  std::string_view text_;
  std::vector<detail::PositionNode>& nodes_;
  std::string& keys_;
  std::vector<detail::PositionNode> scratch_;
  std::size_t i_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  int depth_ = 0;
};

}  // namespace

JsonDocument JsonDocument::parse(std::string_view text) {
  // Node offsets are 32-bit; every node and key byte comes from a distinct input byte, so this bounds them.
  if (text.size() >= std::numeric_limits<std::uint32_t>::max()) {
    throw JsonSyntaxError(SourcePos{1, 1}, "input too large: at most 4 GiB is supported");
  }
  JsonDocument doc;
  // Every value but the first follows a ',' or an opening bracket, so this bounds the node count and spares
  // the repeated regrowth of a large table.
  std::size_t max_nodes = 1;
  for (const char c : text) max_nodes += (c == ',' || c == '[' || c == '{') ? 1 : 0;
  doc.nodes_.reserve(max_nodes);
  Parser parser(text, doc.nodes_, doc.keys_);
  doc.root_ = parser.parse_document();
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
  if (parent.kind == detail::NodeKind::array) {
    std::size_t index = 0;
    if (!parse_index(token, index) || index >= parent.child_count) return nullptr;
    return &*(first + static_cast<std::ptrdiff_t>(index));
  }
  if (parent.kind != detail::NodeKind::object) return nullptr;
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
