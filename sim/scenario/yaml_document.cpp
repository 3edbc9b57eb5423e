#include "sim/scenario/yaml_document.hpp"

#include <yaml.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "sim/scenario/utf8.hpp"
#include "sim/scenario/yaml_scalar.hpp"

namespace fleetsim {

namespace {

using detail::NodeKind;
using detail::PositionNode;

// Same bound as the JSON parser: deep enough for any manifest, shallow enough for any stack.
constexpr std::size_t kMaxDepth = 256;

// libyaml counts columns in characters; the project's positions count bytes, so marks are converted here.
class LineTable {
 public:
  explicit LineTable(std::string_view text) : text_(text) {
    starts_.push_back(text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    for (std::size_t k = 0; k < text.size(); ++k) {
      if (text[k] == '\n') starts_.push_back(k + 1);
    }
  }

  SourcePos position(const yaml_mark_t& mark) const {
    const std::size_t line = std::min<std::size_t>(mark.line, starts_.size() - 1);
    std::size_t k = starts_[line];
    for (std::size_t chars = 0; chars < mark.column && k < text_.size() && text_[k] != '\n'; ++chars) {
      ++k;
      while (k < text_.size() && (static_cast<unsigned char>(text_[k]) & 0xC0) == 0x80) ++k;  // continuation bytes
    }
    return SourcePos{static_cast<int>(line + 1), static_cast<int>(k - starts_[line] + 1)};
  }

  SourcePos position_of_offset(std::size_t offset) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(it - starts_.begin()) - 1;
    return SourcePos{static_cast<int>(line + 1), static_cast<int>(offset - starts_[line] + 1)};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

// libyaml's parser and event with their clean-up.
struct ParserHandle {
  yaml_parser_t parser{};
  ParserHandle() { yaml_parser_initialize(&parser); }
  ~ParserHandle() { yaml_parser_delete(&parser); }
  ParserHandle(const ParserHandle&) = delete;
  ParserHandle& operator=(const ParserHandle&) = delete;
};

struct EventHandle {
  yaml_event_t event{};
  ~EventHandle() { yaml_event_delete(&event); }
};

std::string_view view(const yaml_char_t* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : ""; }

// A key as encoding/json writes a map key that go-yaml resolved to a number or a bool.
std::string key_text(const nlohmann::json& key) { return key.is_string() ? key.get<std::string>() : key.dump(); }

// A container being built: its value, its position record, and the member key waiting for its value.
struct Frame {
  PositionNode node;
  nlohmann::json value;
  std::size_t mark = 0;  // where its children start on the scratch list
  std::size_t values = 1;
  std::string anchor;
  bool has_key = false;
  bool key_is_merge = false;
  std::string key;
  SourcePos key_pos;
  std::vector<std::pair<nlohmann::json, SourcePos>> merges;  // `<<` sources, earlier ones first
  SourcePos merge_pos;
};

class Builder {
 public:
  explicit Builder(std::string_view text)
      : lines_(text), max_values_(std::max<std::size_t>(100000, 16 * text.size())) {}

  std::vector<JsonDocument> run(std::string_view text) {
    ParserHandle handle;
    yaml_parser_set_input_string(&handle.parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    yaml_parser_set_encoding(&handle.parser, YAML_UTF8_ENCODING);
    while (true) {
      EventHandle e;
      if (!yaml_parser_parse(&handle.parser, &e.event)) fail_parser(handle.parser);
      if (e.event.type == YAML_STREAM_END_EVENT) break;
      handle_event(e.event);
    }
    return std::move(docs_);
  }

 private:
  [[noreturn]] void fail_parser(const yaml_parser_t& p) const {
    std::string message = p.problem ? p.problem : "invalid YAML";
    if (p.error == YAML_READER_ERROR) throw JsonSyntaxError(lines_.position_of_offset(p.problem_offset), message);
    if (p.context) {
      const SourcePos c = lines_.position(p.context_mark);
      message += " (" + std::string(p.context) + " at line " + std::to_string(c.line) + ", column " +
                 std::to_string(c.column) + ")";
    }
    throw JsonSyntaxError(lines_.position(p.problem_mark), message);
  }

  void handle_event(const yaml_event_t& e) {
    const SourcePos at = lines_.position(e.start_mark);
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        nodes_.assign(1, PositionNode{});  // the root's slot; its children are appended after it
        keys_.clear();
        anchors_.clear();
        break;
      case YAML_DOCUMENT_END_EVENT:
        if (!root_.is_null())
          docs_.push_back(JsonDocument::from_nodes(std::move(root_), std::move(nodes_), std::move(keys_)));
        root_ = nullptr;
        break;
      case YAML_SCALAR_EVENT:
        scalar(e, at);
        break;
      case YAML_ALIAS_EVENT:
        alias(view(e.data.alias.anchor), at);
        break;
      case YAML_SEQUENCE_START_EVENT:
        open(at, NodeKind::kArray, view(e.data.sequence_start.anchor));
        break;
      case YAML_MAPPING_START_EVENT:
        open(at, NodeKind::kObject, view(e.data.mapping_start.anchor));
        break;
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        close();
        break;
      default:
        break;
    }
  }

  bool awaiting_key() const {
    return !stack_.empty() && stack_.back().node.kind == NodeKind::kObject && !stack_.back().has_key;
  }

  void count(std::size_t n, SourcePos at) {
    total_values_ += n;
    if (total_values_ > max_values_) {
      throw JsonSyntaxError(at, "aliases expand to more than " + std::to_string(max_values_) + " values");
    }
  }

  nlohmann::json scalar_value(const yaml_event_t& e, SourcePos at) const {
    const std::string_view text(reinterpret_cast<const char*>(e.data.scalar.value), e.data.scalar.length);
    const std::string_view tag = view(e.data.scalar.tag);
    // Quoted and block scalars, and explicit !!str or the non-specific "!", are strings.
    const bool plain = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE || (!tag.empty() && tag != "!");
    if (!plain || tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "tag:yaml.org,2002:binary") {
      return nlohmann::json(text);
    }
    std::optional<nlohmann::json> value = resolve_plain_yaml_scalar(text);
    if (!value) {
      throw JsonSyntaxError(at,
                            "\"" + std::string(text) + "\" is not a number JSON can hold (json: unsupported value)");
    }
    return std::move(*value);
  }

  void scalar(const yaml_event_t& e, SourcePos at) {
    count(1, at);
    nlohmann::json value = scalar_value(e, at);
    remember_anchor(view(e.data.scalar.anchor), value, 1);
    if (awaiting_key()) {
      Frame& f = stack_.back();
      f.key_is_merge = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && value == "<<";
      set_key(f, key_text(value), at);
      return;
    }
    PositionNode node;
    node.value = at;
    attach(std::move(value), node, 1);
  }

  void set_key(Frame& f, std::string key, SourcePos at) {
    f.has_key = true;
    f.key = std::move(key);
    f.key_pos = at;
  }

  void alias(std::string_view name, SourcePos at) {
    const auto it = anchors_.find(std::string(name));
    if (it == anchors_.end()) throw JsonSyntaxError(at, "unknown anchor '" + std::string(name) + "' referenced");
    count(it->second.second, at);
    if (awaiting_key()) {
      if (it->second.first.is_object() || it->second.first.is_array()) {
        throw JsonSyntaxError(at, "a mapping or sequence cannot be a key (JSON keys are strings)");
      }
      stack_.back().key_is_merge = false;
      set_key(stack_.back(), key_text(it->second.first), at);
      return;
    }
    PositionNode node;  // an alias records no children: positions inside it resolve to the alias itself
    node.value = at;
    attach(nlohmann::json(it->second.first), node, it->second.second);
  }

  void remember_anchor(std::string_view name, const nlohmann::json& value, std::size_t values) {
    if (!name.empty()) anchors_[std::string(name)] = {value, values};
  }

  void open(SourcePos at, NodeKind kind, std::string_view anchor) {
    if (awaiting_key()) throw JsonSyntaxError(at, "a mapping or sequence cannot be a key (JSON keys are strings)");
    if (stack_.size() >= kMaxDepth) throw JsonSyntaxError(at, "nesting deeper than 256 levels");
    count(1, at);
    Frame f;
    f.node.value = at;
    f.node.kind = kind;
    f.value = kind == NodeKind::kObject ? nlohmann::json::object() : nlohmann::json::array();
    f.mark = scratch_.size();
    f.anchor = std::string(anchor);
    stack_.push_back(std::move(f));
  }

  void apply_merges(Frame& f) {
    for (auto& [source, pos] : f.merges) {
      for (auto& [key, value] : source.items()) {
        if (f.value.contains(key)) continue;  // keys written in the mapping, or merged earlier, win
        PositionNode node;
        node.value = pos;
        node.key = f.merge_pos;
        node.key_offset = static_cast<std::uint32_t>(keys_.size());
        node.key_length = static_cast<std::uint32_t>(key.size());
        keys_ += key;
        scratch_.push_back(node);
        f.value[key] = std::move(value);
      }
    }
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.node.kind == NodeKind::kObject) {
      apply_merges(f);
      const std::string_view keys(keys_);
      std::sort(scratch_.begin() + static_cast<std::ptrdiff_t>(f.mark), scratch_.end(),
                [keys](const PositionNode& a, const PositionNode& b) {
                  return keys.substr(a.key_offset, a.key_length) < keys.substr(b.key_offset, b.key_length);
                });
    }
    f.node.first_child = static_cast<std::uint32_t>(nodes_.size());
    f.node.child_count = static_cast<std::uint32_t>(scratch_.size() - f.mark);
    nodes_.insert(nodes_.end(), scratch_.begin() + static_cast<std::ptrdiff_t>(f.mark), scratch_.end());
    scratch_.resize(f.mark);
    remember_anchor(f.anchor, f.value, f.values);
    attach(std::move(f.value), f.node, f.values);
  }

  void add_merge(Frame& f, const nlohmann::json& value, SourcePos at) {
    if (value.is_object()) {
      f.merges.emplace_back(value, at);
      return;
    }
    if (value.is_array() && std::all_of(value.begin(), value.end(), [](const auto& v) { return v.is_object(); })) {
      for (const auto& v : value) f.merges.emplace_back(v, at);
      return;
    }
    throw JsonSyntaxError(at, "map merge requires map or sequence of maps as the value");
  }

  void attach(nlohmann::json value, PositionNode node, std::size_t values) {
    if (stack_.empty()) {
      node.key = node.value;
      nodes_[0] = node;
      root_ = std::move(value);
      return;
    }
    Frame& parent = stack_.back();
    parent.values += values;
    if (parent.node.kind == NodeKind::kArray) {
      node.key = node.value;
      scratch_.push_back(node);
      parent.value.push_back(std::move(value));
      return;
    }
    parent.has_key = false;
    if (parent.key_is_merge) {
      parent.merge_pos = parent.key_pos;
      add_merge(parent, value, node.value);
      return;
    }
    const auto [slot, inserted] = parent.value.get_ref<nlohmann::json::object_t&>().try_emplace(parent.key);
    if (!inserted) throw JsonSyntaxError(parent.key_pos, "duplicate key \"" + parent.key + "\"");
    slot->second = std::move(value);
    node.key = parent.key_pos;
    node.key_offset = static_cast<std::uint32_t>(keys_.size());
    node.key_length = static_cast<std::uint32_t>(parent.key.size());
    keys_ += parent.key;
    scratch_.push_back(node);
  }

  LineTable lines_;
  std::size_t max_values_;
  std::size_t total_values_ = 0;
  std::vector<JsonDocument> docs_;
  std::vector<Frame> stack_;
  std::vector<PositionNode> scratch_;
  std::vector<PositionNode> nodes_;
  std::string keys_;
  nlohmann::json root_;
  std::map<std::string, std::pair<nlohmann::json, std::size_t>> anchors_;
};

}  // namespace

std::vector<JsonDocument> parse_yaml_documents(std::string_view text) {
  if (const Utf8Problem bad = first_ill_formed_utf8(text); !bad.reason.empty()) {
    throw JsonSyntaxError(LineTable(text).position_of_offset(bad.offset),
                          "ill-formed UTF-8: " + bad.reason + " (RFC 3629)");
  }
  return Builder(text).run(text);
}

}  // namespace fleetsim
