#pragma once
/// The declarative description of the scenario format: one tree of shapes that the validator,
/// the error messages, the ignored-field report and `fleetsim schema` all read, so they cannot drift.

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace fleetsim {

/// What kind of JSON value a shape accepts.
enum class ShapeKind {
  kAny,       ///< anything (AWS fields fleetsim does not model, free-form tags)
  kString,    ///< a string, optionally one of `enum_values`
  kInteger,   ///< a whole number within [minimum, maximum]
  kNumber,    ///< any finite number within [minimum, maximum]
  kBoolean,   ///< true or false
  kDuration,  ///< a string with a unit ("30s", "5m") or a number of seconds
  kObject,    ///< an object with known `fields`
  kMap,       ///< an object with arbitrary keys whose values have shape `items`
  kArray,     ///< an array of `items`
  kOneOf,     ///< the first of `alternatives` whose JSON type matches
  kTagged,    ///< an object whose `discriminator` field picks one of `alternatives`
};

struct Shape;

/// How an AWS CLI command prints a list of objects: `{"<key>": [...], <siblings>}`, or one object under `key`
/// (`{"taskDefinition": {...}, "tags": []}`). An array shape that names one takes that document in its place or
/// as one of its elements; the loader unwraps it (`sim/scenario/aws_output.hpp`).
struct AwsOutput {
  std::string command;                ///< what prints it: "aws ecs describe-services"
  std::string key;                    ///< the member holding the objects: "services"
  bool single = false;                ///< `key` holds one object rather than a list
  std::vector<std::string> siblings;  ///< the other members it prints ("failures", "NextToken"): listed as ignored
};

/// A named member of an object shape.
struct Field {
  std::string name;              ///< the key, with AWS's own casing
  const Shape* shape = nullptr;  ///< the expected value
  bool required = false;         ///< absence is an error
  bool modeled = true;           ///< false: AWS defines it, fleetsim accepts it and reports it as ignored
  std::string doc;               ///< one line for the JSON Schema description
};

/// The expected form of one JSON value.
struct Shape {
  ShapeKind kind = ShapeKind::kAny;
  std::string title;                       ///< how errors name it: "a task definition"
  std::string doc;                         ///< description in the JSON Schema
  std::vector<Field> fields;               ///< kObject
  const Shape* items = nullptr;            ///< kArray elements, kMap values
  std::vector<std::string> enum_values;    ///< kString: allowed values, if any
  std::optional<double> minimum;           ///< kInteger, kNumber
  std::optional<double> maximum;           ///< kInteger, kNumber
  std::size_t max_items = 100000;          ///< kArray: longer arrays are refused before any work
  std::vector<const Shape*> alternatives;  ///< kOneOf, kTagged
  std::string discriminator;               ///< kTagged: the field whose value picks the alternative
  std::optional<AwsOutput> aws_output;     ///< kArray: the describe-* document accepted for the list

  /// Adds a field the simulation reads; returns this shape for chaining.
  Shape& field(std::string name, const Shape* shape, std::string doc, bool required = false);
  /// Adds a required field the simulation reads.
  Shape& required(std::string name, const Shape* shape, std::string doc);
  /// Adds AWS fields fleetsim accepts but does not simulate (listed as ignored by `validate`).
  Shape& ignored(std::initializer_list<const char*> names);
  /// The field named `name`, or nullptr.
  const Field* find(const std::string& name) const;
};

/// Owns shapes with stable addresses and offers the common leaf shapes.
class ShapeSet {
 public:
  ShapeSet();
  /// A new shape of `kind`, owned by this set.
  Shape& make(ShapeKind kind, std::string title, std::string doc = {});
  /// A new object shape.
  Shape& object(std::string title, std::string doc = {}) {
    return make(ShapeKind::kObject, std::move(title), std::move(doc));
  }
  /// An array of `items`; with `printed_by`, also the document that AWS CLI command prints (unwrapped when loading).
  const Shape* array_of(const Shape* items, std::size_t max_items = 100000,
                        std::optional<AwsOutput> printed_by = std::nullopt);
  /// An object with free keys whose values are `items`.
  const Shape* map_of(const Shape* items);
  /// A string restricted to `values`.
  const Shape* one_of_strings(std::string title, std::vector<std::string> values);
  /// An integer in [lo, hi].
  const Shape* integer(double lo, double hi);
  /// A number in [lo, hi].
  const Shape* number(double lo, double hi);

  const Shape* any() const { return any_; }            ///< anything
  const Shape* string() const { return string_; }      ///< any string
  const Shape* boolean() const { return boolean_; }    ///< true or false
  const Shape* duration() const { return duration_; }  ///< "30s" or a number of seconds
  const Shape* count() const { return count_; }        ///< an integer >= 0

 private:
  std::deque<Shape> shapes_;
  const Shape* any_;
  const Shape* string_;
  const Shape* boolean_;
  const Shape* duration_;
  const Shape* count_;
};

}  // namespace fleetsim
