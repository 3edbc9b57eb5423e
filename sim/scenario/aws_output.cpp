#include "sim/scenario/aws_output.hpp"

#include <algorithm>

namespace fleetsim {
namespace {

/// `v` is the document `o` describes: an object holding `o.key` and nothing but `o`'s other members.
bool is_output(const nlohmann::json& v, const AwsOutput& o) {
  if (!v.is_object() || !v.contains(o.key)) return false;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.key() != o.key && std::find(o.siblings.begin(), o.siblings.end(), it.key()) == o.siblings.end())
      return false;
  }
  return true;
}

class Unwrapper {
 public:
  explicit Unwrapper(JsonDocument& doc) : doc_(doc) {}

  void walk(nlohmann::json& v, const Shape& s, const std::string& p, bool aws_shaped) {
    switch (s.kind) {
      case ShapeKind::kArray:
        if (s.aws_output) {
          aws_shaped = true;
          unwrap(v, *s.aws_output, p);
        }
        if (v.is_array()) {
          for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], *s.items, append_pointer(p, i), aws_shaped);
        }
        break;
      case ShapeKind::kObject:
        if (v.is_object()) walk_object(v, s, p, aws_shaped);
        break;
      case ShapeKind::kMap:
        if (v.is_object()) {
          for (auto it = v.begin(); it != v.end(); ++it)
            walk(it.value(), *s.items, append_pointer(p, it.key()), aws_shaped);
        }
        break;
      case ShapeKind::kOneOf:
        // The alternative validation will pick: the first of the JSON value's own kind.
        for (const Shape* alt : s.alternatives) {
          if ((alt->kind == ShapeKind::kObject && v.is_object()) || (alt->kind == ShapeKind::kArray && v.is_array())) {
            walk(v, *alt, p, aws_shaped);
            break;
          }
        }
        break;
      default:
        break;
    }
  }

  std::vector<std::string> dropped;  ///< pointers in the text of members dropped

 private:
  void walk_object(nlohmann::json& v, const Shape& s, const std::string& p, bool aws_shaped) {
    if (aws_shaped) {
      for (auto it = v.begin(); it != v.end();) {
        if (!it->is_null()) {
          ++it;
          continue;
        }
        dropped.push_back(doc_.source_pointer(append_pointer(p, it.key())));
        it = v.erase(it);
      }
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      const Field* f = s.find(it.key());
      if (f != nullptr && f->modeled) walk(it.value(), *f->shape, append_pointer(p, it.key()), aws_shaped);
    }
  }

  void drop_siblings(const nlohmann::json& document, const AwsOutput& o, const std::string& source) {
    for (auto it = document.begin(); it != document.end(); ++it) {
      if (it.key() != o.key) dropped.push_back(append_pointer(source, it.key()));
    }
  }

  // The document given in place of the list, or as some of its elements.
  void unwrap(nlohmann::json& v, const AwsOutput& o, const std::string& p) {
    if (is_output(v, o)) {
      const std::string source = doc_.source_pointer(p);
      drop_siblings(v, o, source);
      nlohmann::json inner = std::move(v[o.key]);
      if (o.single) {
        v = nlohmann::json::array({std::move(inner)});
        doc_.relocate(append_pointer(p, std::size_t{0}), append_pointer(source, o.key));
      } else {
        v = std::move(inner);
        doc_.relocate(p, append_pointer(source, o.key));
      }
      return;
    }
    if (!v.is_array() || std::none_of(v.begin(), v.end(), [&](const nlohmann::json& e) { return is_output(e, o); }))
      return;
    // Every element's place in the text first: the relocations below rename the list's indices.
    std::vector<std::string> sources;
    for (std::size_t i = 0; i < v.size(); ++i) sources.push_back(doc_.source_pointer(append_pointer(p, i)));
    nlohmann::json out = nlohmann::json::array();
    auto place = [&](nlohmann::json&& e, const std::string& source) {
      doc_.relocate(append_pointer(p, out.size()), source);
      out.push_back(std::move(e));
    };
    for (std::size_t i = 0; i < v.size(); ++i) {
      nlohmann::json& e = v[i];
      if (!is_output(e, o)) {
        place(std::move(e), sources[i]);
        continue;
      }
      drop_siblings(e, o, sources[i]);
      const std::string key_source = append_pointer(sources[i], o.key);
      nlohmann::json& inner = e[o.key];
      if (o.single || !inner.is_array()) {
        place(std::move(inner), key_source);  // a list that is not one is validation's to report, there
        continue;
      }
      for (std::size_t j = 0; j < inner.size(); ++j) place(std::move(inner[j]), append_pointer(key_source, j));
    }
    v = std::move(out);
  }

  JsonDocument& doc_;
};

}  // namespace

std::vector<std::string> unwrap_aws_outputs(JsonDocument& doc, const Shape& shape) {
  Unwrapper u(doc);
  u.walk(doc.root(), shape, "", false);
  return std::move(u.dropped);
}

std::optional<Diagnostic> aws_output_misplaced(const nlohmann::json& root, const Shape& root_shape) {
  if (!root.is_object()) return std::nullopt;
  for (const Field& section : root_shape.fields) {
    if (section.shape->kind != ShapeKind::kArray || !section.shape->aws_output) continue;
    const AwsOutput& o = *section.shape->aws_output;
    const std::string where = "put it under \"" + section.name + "\" in a scenario, where it loads as printed";
    if (!root.contains("simulation") && is_output(root, o)) {
      return Diagnostic{append_pointer("", o.key),
                        "this looks like `" + o.command + "` output, not a scenario: " + where, true};
    }
    if (root_shape.find(o.key) == nullptr && root.contains(o.key)) {
      return Diagnostic{append_pointer("", o.key),
                        "\"" + o.key + "\" is a member of `" + o.command + "` output: " + where + " (the whole output)",
                        true};
    }
  }
  return std::nullopt;
}

}  // namespace fleetsim
