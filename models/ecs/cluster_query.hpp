#pragma once
/// The ECS cluster query language of `memberOf` placement constraints: parsed once, bound to interned ids.
///
/// Grammar (keywords are lower case; symbolic and word forms are synonyms, as in ECS):
///   expr      := and_expr { ("or" | "||") and_expr }
///   and_expr  := unary { ("and" | "&&") unary }
///   unary     := ("not" | "!") unary | "(" expr ")" | predicate
///   predicate := "attribute:" NAME op
///   op        := ("==" | "equals") VALUE | ("!=" | "not_equals") VALUE | ("=~" | "matches") PATTERN
///              | "in" list | ("not in" | "not_in" | "!in") list | "exists" | ("not exists" | "not_exists" | "!exists")
///   list      := "(" VALUE { "," VALUE } ")" | "[" VALUE { "," VALUE } "]"
/// A VALUE is a run of characters other than blanks and ( ) [ ] , ! = ~ & | < >, or a quoted string.
/// In a PATTERN `*` matches any run of characters (possibly empty); everything else matches itself.
/// An instance without the attribute fails ==, =~, in and exists, and passes !=, not in and not exists.

#include <cstddef>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "models/hosts/string_pool.hpp"

namespace fleetsim {

/// A syntax error in a cluster query; position() is the 0-based offset of the offending character.
class QueryParseError : public std::runtime_error {
 public:
  /// An error at 0-based `position`; the message already says "at character N" (1-based).
  QueryParseError(std::size_t position, const std::string& message);
  /// 0-based offset into the query text.
  std::size_t position() const { return position_; }

 private:
  std::size_t position_;
};

/// What a query node tests or combines.
enum class QueryOp : std::uint8_t { kAnd, kOr, kNot, kEquals, kNotEquals, kMatches, kIn, kNotIn, kExists, kNotExists };

/// One node of a parsed query; children are indices into ClusterQuery::nodes().
struct QueryNode {
  QueryOp op = QueryOp::kExists;
  std::uint32_t lhs = 0;            ///< and/or: left child; not: the operand
  std::uint32_t rhs = 0;            ///< and/or: right child
  std::string attribute;            ///< predicates: the NAME of attribute:NAME
  std::vector<std::string> values;  ///< predicates: the value, the pattern or the list
  std::size_t position = 0;         ///< 0-based offset where the node starts, for later diagnostics
};

/// A parsed query: a flat tree whose root is the last node.
class ClusterQuery {
 public:
  /// Parses `text`; throws QueryParseError with the position of the first error.
  static ClusterQuery parse(std::string_view text);
  /// The text it was parsed from.
  const std::string& text() const { return text_; }
  /// All nodes; the root is nodes().back().
  const std::vector<QueryNode>& nodes() const { return nodes_; }
  /// Evaluates against plain name-to-value attributes (slow path for tests and tools; placement binds instead).
  bool matches(const std::map<std::string, std::string>& attributes) const;

 private:
  friend class QueryParser;
  std::string text_;
  std::vector<QueryNode> nodes_;
};

/// A query whose names and values are interned ids of one StringPool: evaluation allocates nothing.
class BoundQuery {
 public:
  /// Binds `query`, interning its names and values into `pool`.
  BoundQuery(const ClusterQuery& query, StringPool& pool);
  /// Evaluates on one instance; value_of(name_id) returns the instance's value id or StringPool::kAbsent.
  template <class ValueOf>
  bool matches(const ValueOf& value_of, const StringPool& pool) const {
    return eval(static_cast<std::uint32_t>(nodes_.size() - 1), value_of, pool);
  }

 private:
  struct Node {
    QueryOp op;
    std::uint32_t lhs;
    std::uint32_t rhs;
    std::uint32_t name;         // interned attribute name
    std::uint32_t first_value;  // range in values_ (ids) or patterns_
    std::uint32_t value_count;
  };

  template <class ValueOf>
  bool eval(std::uint32_t i, const ValueOf& value_of, const StringPool& pool) const {
    const Node& n = nodes_[i];
    switch (n.op) {
      case QueryOp::kAnd:
        return eval(n.lhs, value_of, pool) && eval(n.rhs, value_of, pool);
      case QueryOp::kOr:
        return eval(n.lhs, value_of, pool) || eval(n.rhs, value_of, pool);
      case QueryOp::kNot:
        return !eval(n.lhs, value_of, pool);
      default:
        return test(n, value_of(n.name), pool);
    }
  }
  bool test(const Node& n, std::uint32_t value, const StringPool& pool) const;

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> values_;
  std::vector<std::string> patterns_;
};

}  // namespace fleetsim
