#include "sim/scenario/json_parser.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "sim/scenario/json_number.hpp"
#include "sim/scenario/utf8.hpp"

namespace fleetsim::detail {

namespace {

// Deep enough for any real scenario, shallow enough that recursion cannot exhaust the stack (even under ASan).
constexpr int kMaxDepth = 256;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

class Parser {
 public:
  Parser(std::string_view text, std::vector<PositionNode>& nodes, std::string& keys)
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
    PositionNode root_node;
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
    static const char kDigits[] = "0123456789ABCDEF";
    return std::string("byte 0x") + kDigits[byte >> 4] + kDigits[byte & 0xF];
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
    if (++depth_ > kMaxDepth) fail(open, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  }

  // The caller has skipped whitespace and filled node's key fields; this fills the rest.
  nlohmann::json parse_value(PositionNode& node) {
    const SourcePos start = pos();
    if (at_end()) fail(start, "expected a JSON value, found end of input");
    node.value = start;
    switch (current()) {
      case '{':
        node.kind = NodeKind::kObject;
        return parse_object(node);
      case '[':
        node.kind = NodeKind::kArray;
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
  void close_container(PositionNode& node, std::size_t mark) {
    node.first_child = static_cast<std::uint32_t>(nodes_.size());
    node.child_count = static_cast<std::uint32_t>(scratch_.size() - mark);
    nodes_.insert(nodes_.end(), scratch_.begin() + static_cast<std::ptrdiff_t>(mark), scratch_.end());
    scratch_.resize(mark);
    --depth_;
  }

  // Enters the container whose opening bracket is current; returns where its children start on scratch_, or
  // nothing when `close` follows at once (the empty container is then closed).
  std::optional<std::size_t> open_container(PositionNode& node, char close) {
    enter_container(pos());
    ++i_;
    const std::size_t mark = scratch_.size();
    skip_whitespace();
    if (!current_is(close)) return mark;
    ++i_;
    close_container(node, mark);
    return std::nullopt;
  }

  // After a member or element: true after ',' (and the whitespace after it), false after `close`; anything else
  // fails, naming what came before (`item`).
  bool comma_after(char close, const char* item) {
    skip_whitespace();
    if (current_is(',')) {
      ++i_;
      skip_whitespace();
      return true;
    }
    if (!current_is(close))
      fail(pos(), std::string("expected ',' or '") + close + "' after " + item + ", found " + describe_current());
    ++i_;
    return false;
  }

  nlohmann::json parse_object(PositionNode& node) {
    nlohmann::json object = nlohmann::json::object();
    const std::optional<std::size_t> opened = open_container(node, '}');
    if (!opened) return object;
    const std::size_t mark = *opened;
    auto& members = *object.get_ptr<nlohmann::json::object_t*>();
    bool after_comma = false;
    while (true) {
      if (!current_is('"')) {
        if (after_comma && current_is('}')) {
          fail(pos(), "expected string key after ',' (trailing commas are not allowed), found '}'");
        }
        fail(pos(), std::string(after_comma ? "expected string key after ','" : "expected string key or '}'") +
                        ", found " + describe_current());
      }
      PositionNode child;
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
      if (!comma_after('}', "object member")) break;
      after_comma = true;
    }
    // Sorted like nlohmann's std::map so lookups can binary search.
    const std::string& keys = keys_;
    std::sort(scratch_.begin() + static_cast<std::ptrdiff_t>(mark), scratch_.end(),
              [&keys](const PositionNode& a, const PositionNode& b) {
                return std::string_view(keys).substr(a.key_offset, a.key_length) <
                       std::string_view(keys).substr(b.key_offset, b.key_length);
              });
    close_container(node, mark);
    return object;
  }

  nlohmann::json parse_array(PositionNode& node) {
    nlohmann::json array = nlohmann::json::array();
    const std::optional<std::size_t> opened = open_container(node, ']');
    if (!opened) return array;
    bool after_comma = false;
    while (true) {
      if (after_comma && current_is(']')) {
        fail(pos(), "expected a JSON value after ',' (trailing commas are not allowed), found ']'");
      }
      PositionNode child;
      child.key = pos();
      array.push_back(parse_value(child));
      scratch_.push_back(child);
      if (!comma_after(']', "array element")) break;
      after_comma = true;
    }
    close_container(node, *opened);
    return array;
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
      // Copy the run of ordinary bytes in one go; bytes >= 0x80 were checked as UTF-8 before parsing.
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
      if (e == 'u') {
        out_unicode(out, escape);
        continue;
      }
      // JSON's one-letter escapes and the characters they stand for, in the same order.
      constexpr std::string_view kEscapes = "\"\\/bfnrt";
      constexpr std::string_view kEscaped = "\"\\/\b\f\n\r\t";
      if (const std::size_t k = kEscapes.find(e); k != std::string_view::npos) {
        out.push_back(kEscaped[k]);
        continue;
      }
      const auto byte = static_cast<unsigned char>(e);
      const std::string shown = byte >= 0x20 && byte < 0x7F ? "'\\" + std::string(1, e) + "'"
                                                            : "'\\' followed by a control or non-ASCII byte";
      fail(escape, "invalid escape " + shown + " in string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
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
    if (current_is('-')) ++i_;
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
    std::optional<nlohmann::json> value = json_number_value(text_.substr(begin, i_ - begin), integral);
    if (!value) fail(start, "number out of range: magnitude exceeds the largest double");
    return *std::move(value);
  }

  std::string_view text_;
  std::vector<PositionNode>& nodes_;
  std::string& keys_;
  std::vector<PositionNode> scratch_;
  std::size_t i_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
  int depth_ = 0;
};

}  // namespace

nlohmann::json parse_json_text(std::string_view text, std::vector<PositionNode>& nodes, std::string& keys) {
  return Parser(text, nodes, keys).parse_document();
}

}  // namespace fleetsim::detail
