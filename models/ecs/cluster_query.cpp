#include "models/ecs/cluster_query.hpp"

#include <algorithm>

#include "sim/wildcard.hpp"

namespace fleetsim {

namespace {

constexpr std::string_view kAttributePrefix = "attribute:";

enum class Tok : std::uint8_t {
  kWord,
  kQuoted,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kComma,
  kEq,
  kNe,
  kMatch,
  kBang,
  kAndAnd,
  kOrOr,
  kEnd
};

struct Token {
  Tok kind;
  std::string_view text;  // for words: the word; for quoted strings: the contents without quotes
  std::size_t position;
};

bool is_word_char(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '(':
    case ')':
    case '[':
    case ']':
    case ',':
    case '!':
    case '=':
    case '~':
    case '&':
    case '|':
    case '<':
    case '>':
    case '"':
    case '\'':
      return false;
    default:
      return true;
  }
}

std::string describe(const Token& t) {
  if (t.kind == Tok::kEnd) return "the end of the query";
  if (t.kind == Tok::kQuoted) return "\"" + std::string(t.text) + "\"";
  return "'" + std::string(t.text) + "'";
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  auto two = [&](std::size_t at, char a, char b) { return at + 1 < s.size() && s[at] == a && s[at + 1] == b; };
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    const std::size_t at = i;
    auto emit = [&](Tok kind, std::size_t len) {
      out.push_back({kind, s.substr(at, len), at});
      i += len;
    };
    if (c == '(')
      emit(Tok::kLParen, 1);
    else if (c == ')')
      emit(Tok::kRParen, 1);
    else if (c == '[')
      emit(Tok::kLBracket, 1);
    else if (c == ']')
      emit(Tok::kRBracket, 1);
    else if (c == ',')
      emit(Tok::kComma, 1);
    else if (two(at, '=', '='))
      emit(Tok::kEq, 2);
    else if (two(at, '!', '='))
      emit(Tok::kNe, 2);
    else if (two(at, '=', '~'))
      emit(Tok::kMatch, 2);
    else if (two(at, '&', '&'))
      emit(Tok::kAndAnd, 2);
    else if (two(at, '|', '|'))
      emit(Tok::kOrOr, 2);
    else if (c == '!')
      emit(Tok::kBang, 1);
    else if (c == '<' || c == '>') {
      throw QueryParseError(at, "comparison operators (<, <=, >, >=) are not supported");
    } else if (c == '"' || c == '\'') {
      const std::size_t close = s.find(c, at + 1);
      if (close == std::string_view::npos) throw QueryParseError(at, "unterminated quoted value");
      out.push_back({Tok::kQuoted, s.substr(at + 1, close - at - 1), at});
      i = close + 1;
    } else if (is_word_char(c)) {
      std::size_t end = at;
      while (end < s.size() && is_word_char(s[end])) ++end;
      emit(Tok::kWord, end - at);
    } else {
      throw QueryParseError(at, std::string("unexpected character '") + c + "'");
    }
  }
  out.push_back({Tok::kEnd, {}, s.size()});
  return out;
}

}  // namespace

QueryParseError::QueryParseError(std::size_t position, const std::string& message)
    : std::runtime_error("cluster query: at character " + std::to_string(position + 1) + ": " + message),
      position_(position) {}

/// Recursive descent over the token list; one instance per parse.
class QueryParser {
 public:
  QueryParser(std::string_view text, ClusterQuery& out) : tokens_(tokenize(text)), out_(out) {}

  void run() {
    if (peek().kind == Tok::kEnd) throw QueryParseError(peek().position, "empty query");
    parse_or();
    if (peek().kind != Tok::kEnd) {
      throw QueryParseError(peek().position, "expected 'and', 'or' or the end of the query, found " + describe(peek()));
    }
  }

 private:
  const Token& peek() const { return tokens_[next_]; }
  const Token& take() { return tokens_[next_++]; }
  bool is_keyword(const Token& t, std::string_view word) const { return t.kind == Tok::kWord && t.text == word; }

  std::uint32_t push(QueryNode node) {
    out_.nodes_.push_back(std::move(node));
    return static_cast<std::uint32_t>(out_.nodes_.size() - 1);
  }

  std::uint32_t combine(QueryOp op, std::uint32_t lhs, std::uint32_t rhs, std::size_t position) {
    QueryNode n;
    n.op = op;
    n.lhs = lhs;
    n.rhs = rhs;
    n.position = position;
    return push(std::move(n));
  }

  std::uint32_t parse_or() {
    const std::size_t start = peek().position;
    std::uint32_t lhs = parse_and();
    while (is_keyword(peek(), "or") || peek().kind == Tok::kOrOr) {
      take();
      const std::uint32_t rhs = parse_and();
      lhs = combine(QueryOp::kOr, lhs, rhs, start);
    }
    return lhs;
  }

  std::uint32_t parse_and() {
    const std::size_t start = peek().position;
    std::uint32_t lhs = parse_unary();
    while (is_keyword(peek(), "and") || peek().kind == Tok::kAndAnd) {
      take();
      const std::uint32_t rhs = parse_unary();
      lhs = combine(QueryOp::kAnd, lhs, rhs, start);
    }
    return lhs;
  }

  std::uint32_t parse_unary() {
    const Token& t = peek();
    if (is_keyword(t, "not") || t.kind == Tok::kBang) {
      take();
      const std::uint32_t operand = parse_unary();
      return combine(QueryOp::kNot, operand, 0, t.position);
    }
    if (t.kind == Tok::kLParen) {
      take();
      const std::uint32_t inner = parse_or();
      if (peek().kind != Tok::kRParen) {
        throw QueryParseError(peek().position, "expected ')' to close the '(' at character " +
                                                   std::to_string(t.position + 1) + ", found " + describe(peek()));
      }
      take();
      return inner;
    }
    return parse_predicate();
  }

  std::uint32_t parse_predicate() {
    const Token& subject = take();
    if (subject.kind != Tok::kWord) {
      throw QueryParseError(subject.position, "expected attribute:NAME, '(' or 'not', found " + describe(subject));
    }
    if (subject.text.substr(0, kAttributePrefix.size()) != kAttributePrefix) {
      throw QueryParseError(subject.position, "expected attribute:NAME, found " + describe(subject) +
                                                  " (only attribute subjects are supported)");
    }
    QueryNode n;
    n.position = subject.position;
    n.attribute = std::string(subject.text.substr(kAttributePrefix.size()));
    if (n.attribute.empty()) throw QueryParseError(subject.position, "attribute name missing after 'attribute:'");
    const Token& op = take();
    if (op.kind == Tok::kEq || is_keyword(op, "equals")) {
      n.op = QueryOp::kEquals;
      n.values.push_back(parse_value(op));
    } else if (op.kind == Tok::kNe || is_keyword(op, "not_equals")) {
      n.op = QueryOp::kNotEquals;
      n.values.push_back(parse_value(op));
    } else if (op.kind == Tok::kMatch || is_keyword(op, "matches")) {
      n.op = QueryOp::kMatches;
      n.values.push_back(parse_value(op));
    } else if (is_keyword(op, "in")) {
      n.op = QueryOp::kIn;
      n.values = parse_list();
    } else if (is_keyword(op, "not_in")) {
      n.op = QueryOp::kNotIn;
      n.values = parse_list();
    } else if (is_keyword(op, "exists")) {
      n.op = QueryOp::kExists;
    } else if (is_keyword(op, "not_exists")) {
      n.op = QueryOp::kNotExists;
    } else if (is_keyword(op, "not") || op.kind == Tok::kBang) {
      const Token& what = take();
      if (is_keyword(what, "in")) {
        n.op = QueryOp::kNotIn;
        n.values = parse_list();
      } else if (is_keyword(what, "exists")) {
        n.op = QueryOp::kNotExists;
      } else {
        throw QueryParseError(what.position,
                              "expected 'in' or 'exists' after " + describe(op) + ", found " + describe(what));
      }
    } else {
      throw QueryParseError(op.position, "expected an operator (==, !=, =~, in, not in, exists) after " +
                                             std::string(subject.text) + ", found " + describe(op));
    }
    return push(std::move(n));
  }

  std::string parse_value(const Token& after) {
    const Token& v = take();
    if (v.kind != Tok::kWord && v.kind != Tok::kQuoted) {
      throw QueryParseError(v.position, "expected a value after " + describe(after) + ", found " + describe(v));
    }
    return std::string(v.text);
  }

  std::vector<std::string> parse_list() {
    const Token& open = take();
    if (open.kind != Tok::kLParen && open.kind != Tok::kLBracket) {
      throw QueryParseError(open.position, "expected '(' or '[' to start a list of values, found " + describe(open));
    }
    const Tok close = open.kind == Tok::kLParen ? Tok::kRParen : Tok::kRBracket;
    std::vector<std::string> values;
    values.push_back(parse_value(open));
    while (peek().kind == Tok::kComma) {
      const Token& comma = take();
      values.push_back(parse_value(comma));
    }
    if (peek().kind != close) {
      throw QueryParseError(peek().position, std::string("expected ',' or '") + (close == Tok::kRParen ? ')' : ']') +
                                                 "' in the list, found " + describe(peek()));
    }
    take();
    return values;
  }

  std::vector<Token> tokens_;
  std::size_t next_ = 0;
  ClusterQuery& out_;
};

ClusterQuery ClusterQuery::parse(std::string_view text) {
  ClusterQuery q;
  q.text_ = std::string(text);
  QueryParser(q.text_, q).run();
  return q;
}

bool ClusterQuery::matches(const std::map<std::string, std::string>& attributes) const {
  StringPool pool;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_name;  // sorted by name id: names are interned in map order
  for (const auto& [name, value] : attributes) by_name.emplace_back(pool.intern(name), pool.intern(value));
  std::sort(by_name.begin(), by_name.end());
  const BoundQuery bound(*this, pool);
  auto value_of = [&](std::uint32_t name) {
    auto it = std::lower_bound(by_name.begin(), by_name.end(), std::make_pair(name, std::uint32_t{0}));
    return it != by_name.end() && it->first == name ? it->second : StringPool::kAbsent;
  };
  return bound.matches(value_of, pool);
}

BoundQuery::BoundQuery(const ClusterQuery& query, StringPool& pool) {
  nodes_.reserve(query.nodes().size());
  for (const QueryNode& q : query.nodes()) {
    Node n{q.op, q.lhs, q.rhs, StringPool::kAbsent, 0, 0};
    const bool predicate = q.op != QueryOp::kAnd && q.op != QueryOp::kOr && q.op != QueryOp::kNot;
    if (predicate) n.name = pool.intern(q.attribute);
    if (q.op == QueryOp::kMatches) {
      n.first_value = static_cast<std::uint32_t>(patterns_.size());
      patterns_.push_back(q.values.front());
      n.value_count = 1;
    } else if (predicate) {
      n.first_value = static_cast<std::uint32_t>(values_.size());
      for (const std::string& v : q.values) values_.push_back(pool.intern(v));
      n.value_count = static_cast<std::uint32_t>(q.values.size());
    }
    nodes_.push_back(n);
  }
}

bool BoundQuery::test(const Node& n, std::uint32_t value, const StringPool& pool) const {
  const bool present = value != StringPool::kAbsent;
  auto in_list = [&] {
    const auto* first = values_.data() + n.first_value;
    return std::find(first, first + n.value_count, value) != first + n.value_count;
  };
  switch (n.op) {
    case QueryOp::kEquals:
      return present && value == values_[n.first_value];
    case QueryOp::kNotEquals:
      return value != values_[n.first_value];
    case QueryOp::kMatches:
      return present && wildcard_match(patterns_[n.first_value], pool.text(value));
    case QueryOp::kIn:
      return present && in_list();
    case QueryOp::kNotIn:
      return !present || !in_list();
    case QueryOp::kExists:
      return present;
    case QueryOp::kNotExists:
      return !present;
    default:
      return false;  // combinators are handled by eval()
  }
}

}  // namespace fleetsim
