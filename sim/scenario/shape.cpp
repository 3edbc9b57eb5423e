#include "sim/scenario/shape.hpp"

#include <cmath>
#include <limits>

namespace fleetsim {

Shape& Shape::field(std::string name, const Shape* shape, std::string doc, bool is_required) {
  fields.push_back(Field{std::move(name), shape, is_required, true, std::move(doc)});
  return *this;
}

Shape& Shape::required(std::string name, const Shape* shape, std::string doc) {
  return field(std::move(name), shape, std::move(doc), true);
}

Shape& Shape::ignored(std::initializer_list<const char*> names) {
  static const Shape kAny{};
  for (const char* n : names) {
    fields.push_back(Field{n, &kAny, false, false, "AWS field; accepted, not simulated"});
  }
  return *this;
}

const Field* Shape::find(const std::string& name) const {
  for (const Field& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

ShapeSet::ShapeSet() {
  any_ = &make(ShapeKind::kAny, "any value");
  string_ = &make(ShapeKind::kString, "a string");
  boolean_ = &make(ShapeKind::kBoolean, "true or false");
  duration_ = &make(ShapeKind::kDuration, "a duration such as \"30s\", \"5m\" or a number of seconds");
  count_ = integer(0, static_cast<double>(std::numeric_limits<std::int32_t>::max()));
}

Shape& ShapeSet::make(ShapeKind kind, std::string title, std::string doc) {
  Shape& s = shapes_.emplace_back();
  s.kind = kind;
  s.title = std::move(title);
  s.doc = std::move(doc);
  return s;
}

const Shape* ShapeSet::array_of(const Shape* items, std::size_t max_items, std::optional<AwsOutput> printed_by) {
  Shape& s = make(ShapeKind::kArray, "an array of " + items->title);
  s.items = items;
  s.max_items = max_items;
  s.aws_output = std::move(printed_by);
  return &s;
}

const Shape* ShapeSet::map_of(const Shape* items) {
  Shape& s = make(ShapeKind::kMap, "an object whose values are " + items->title);
  s.items = items;
  return &s;
}

const Shape* ShapeSet::one_of_strings(std::string title, std::vector<std::string> values) {
  Shape& s = make(ShapeKind::kString, std::move(title));
  s.enum_values = std::move(values);
  return &s;
}

namespace {
std::string bound_text(double v) {
  // Cast only what a long long holds (found by fuzzing: -1e300 was undefined behaviour).
  if (std::abs(v) < 9e18 && v == static_cast<double>(static_cast<long long>(v))) {
    return std::to_string(static_cast<long long>(v));
  }
  return std::to_string(v);
}
}  // namespace

const Shape* ShapeSet::integer(double lo, double hi) {
  Shape& s = make(ShapeKind::kInteger, "an integer from " + bound_text(lo) + " to " + bound_text(hi));
  s.minimum = lo;
  s.maximum = hi;
  return &s;
}

const Shape* ShapeSet::number(double lo, double hi) {
  Shape& s = make(ShapeKind::kNumber, "a number from " + bound_text(lo) + " to " + bound_text(hi));
  s.minimum = lo;
  s.maximum = hi;
  return &s;
}

}  // namespace fleetsim
