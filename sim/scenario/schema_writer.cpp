#include "sim/scenario/schema_writer.hpp"

#include <cctype>
#include <map>
#include <set>

namespace fleetsim {
namespace {

// Turns "a task definition" into "TaskDefinition" for a readable $defs key.
std::string def_name(const std::string& title) {
  std::string out;
  bool upper = true;
  std::size_t start = 0;
  for (const char* article : {"an ", "a "}) {
    std::string a(article);
    if (title.rfind(a, 0) == 0) start = a.size();
  }
  for (std::size_t i = start; i < title.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(title[i]);
    if (std::isalnum(c)) {
      out += upper ? static_cast<char>(std::toupper(c)) : static_cast<char>(c);
      upper = false;
    } else {
      upper = true;
    }
  }
  return out.empty() ? "Shape" : out;
}

class SchemaWriter {
 public:
  nlohmann::ordered_json ref_or_inline(const Shape& s) {
    if (s.kind != ShapeKind::kObject && s.kind != ShapeKind::kTagged) return render(s);
    auto found = names_.find(&s);
    if (found == names_.end()) {
      found = names_.emplace(&s, reserve(def_name(s.title))).first;
      defs_[found->second] = render(s);
    }
    return {{"$ref", "#/$defs/" + found->second}};
  }

  // The document `o` describes, whose `key` holds `items` (one, or a list of them): a $defs entry per command.
  nlohmann::ordered_json printed_ref(const AwsOutput& o, const nlohmann::ordered_json& items) {
    auto found = outputs_.find(o.command);
    if (found == outputs_.end()) {
      found = outputs_.emplace(o.command, reserve(def_name(o.command + " output"))).first;
      nlohmann::ordered_json j;
      j["description"] = "What `" + o.command + "` prints, pasted as it is: \"" + o.key + "\" holds " +
                         (o.single ? "the object" : "the objects") +
                         "; the other members, the read-only fields and the CLI's nulls inside are accepted and listed "
                         "as ignored by `fleetsim validate`.";
      j["type"] = "object";
      nlohmann::ordered_json props = nlohmann::ordered_json::object();
      props[o.key] = o.single ? items : nlohmann::ordered_json{{"type", "array"}, {"items", items}};
      for (const std::string& sibling : o.siblings) props[sibling] = nlohmann::ordered_json::object();
      j["properties"] = props;
      j["required"] = nlohmann::ordered_json::array({o.key});
      j["additionalProperties"] = false;
      defs_[found->second] = j;
    }
    return {{"$ref", "#/$defs/" + found->second}};
  }

  nlohmann::ordered_json render(const Shape& s) {
    nlohmann::ordered_json j;
    if (!s.doc.empty()) j["description"] = s.doc;
    switch (s.kind) {
      case ShapeKind::kAny:
        break;
      case ShapeKind::kString:
        j["type"] = "string";
        if (!s.enum_values.empty()) j["enum"] = s.enum_values;
        break;
      case ShapeKind::kInteger:
      case ShapeKind::kNumber:
        j["type"] = s.kind == ShapeKind::kInteger ? "integer" : "number";
        if (s.minimum) j["minimum"] = *s.minimum;
        if (s.maximum) j["maximum"] = *s.maximum;
        break;
      case ShapeKind::kBoolean:
        j["type"] = "boolean";
        break;
      case ShapeKind::kDuration:
        j["oneOf"] =
            nlohmann::ordered_json::array({{{"type", "string"}, {"pattern", "^[0-9]+(\\.[0-9]+)?(us|ms|s|m|h|d)?$"}},
                                           {{"type", "number"}, {"minimum", 0}}});
        break;
      case ShapeKind::kObject: {
        j["type"] = "object";
        nlohmann::ordered_json props = nlohmann::ordered_json::object();
        nlohmann::ordered_json required = nlohmann::ordered_json::array();
        for (const Field& f : s.fields) {
          nlohmann::ordered_json p = ref_or_inline(*f.shape);
          if (!f.doc.empty() && !p.contains("$ref")) p["description"] = f.doc;
          if (!f.doc.empty() && p.contains("$ref")) p = {{"$ref", p["$ref"]}, {"description", f.doc}};
          props[f.name] = p;
          if (f.required) required.push_back(f.name);
        }
        j["properties"] = props;
        if (!required.empty()) j["required"] = required;
        j["additionalProperties"] = false;
        break;
      }
      case ShapeKind::kMap:
        j["type"] = "object";
        j["additionalProperties"] = ref_or_inline(*s.items);
        break;
      case ShapeKind::kArray: {
        nlohmann::ordered_json items = ref_or_inline(*s.items);
        if (!s.aws_output) {
          j["type"] = "array";
          j["items"] = items;
          j["maxItems"] = s.max_items;
          break;
        }
        // The list, or the AWS CLI's document in its place or as any of its elements (sim/scenario/aws_output.hpp).
        nlohmann::ordered_json printed = printed_ref(*s.aws_output, items);
        j["anyOf"] =
            nlohmann::ordered_json::array({{{"type", "array"},
                                            {"items", {{"anyOf", nlohmann::ordered_json::array({items, printed})}}},
                                            {"maxItems", s.max_items}},
                                           printed});
        break;
      }
      case ShapeKind::kOneOf:
      case ShapeKind::kTagged: {
        nlohmann::ordered_json alts = nlohmann::ordered_json::array();
        for (const Shape* a : s.alternatives) alts.push_back(ref_or_inline(*a));
        j["oneOf"] = alts;
        break;
      }
    }
    return j;
  }

  nlohmann::ordered_json defs() const { return defs_; }

 private:
  // A $defs key not yet taken, starting with `name`; its slot is reserved first to keep $defs in discovery order.
  std::string reserve(const std::string& name) {
    std::string unique = name;
    for (int n = 2; used_.count(unique); ++n) unique = name + std::to_string(n);
    used_.insert(unique);
    defs_[unique] = nullptr;
    return unique;
  }

  std::map<const Shape*, std::string> names_;
  std::map<std::string, std::string> outputs_;  // command -> $defs key
  std::set<std::string> used_;
  nlohmann::ordered_json defs_ = nlohmann::ordered_json::object();
};

}  // namespace

nlohmann::ordered_json write_json_schema(const Shape& root, const std::string& title, const std::string& id) {
  SchemaWriter w;
  nlohmann::ordered_json body = w.render(root);
  nlohmann::ordered_json schema;
  schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  schema["$id"] = id;
  schema["title"] = title;
  for (auto& [k, v] : body.items()) schema[k] = v;
  schema["$defs"] = w.defs();
  return schema;
}

}  // namespace fleetsim
