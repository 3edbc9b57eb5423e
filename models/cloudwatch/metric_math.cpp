#include "models/cloudwatch/metric_math.hpp"

#include <cctype>
#include <charconv>

namespace fleetsim {

/// Recursive descent over: sum := product (('+'|'-') product)*; product := unary (('*'|'/') unary)*;
/// unary := '-' unary | atom; atom := number | id | '(' sum ')'.
class ExpressionParser {
 public:
  ExpressionParser(const std::string& text, const std::vector<std::string>& ids, MetricExpression& out)
      : text_(text), ids_(ids), out_(out) {}

  std::optional<std::string> run() {
    if (auto e = sum()) return e;
    skip_spaces();
    if (pos_ != text_.size()) return "unexpected \"" + text_.substr(pos_) + "\"";
    return std::nullopt;
  }

 private:
  using Step = MetricExpression::Step;

  void skip_spaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool take(char c) {
    skip_spaces();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  using Level = std::optional<std::string> (ExpressionParser::*)();
  // One precedence level of left-associative operators `a` and `b`, over operands parsed by `next`.
  std::optional<std::string> level(char a, Step::Kind a_kind, char b, Step::Kind b_kind, Level next) {
    if (auto e = (this->*next)()) return e;
    for (;;) {
      Step::Kind op;
      if (take(a))
        op = a_kind;
      else if (take(b))
        op = b_kind;
      else
        return std::nullopt;
      if (auto e = (this->*next)()) return e;
      out_.steps_.push_back(Step{op});
    }
  }
  std::optional<std::string> sum() { return level('+', Step::kAdd, '-', Step::kSubtract, &ExpressionParser::product); }
  std::optional<std::string> product() {
    return level('*', Step::kMultiply, '/', Step::kDivide, &ExpressionParser::unary);
  }
  std::optional<std::string> unary() {
    if (take('-')) {
      if (auto e = unary()) return e;
      out_.steps_.push_back(Step{Step::kNegate});
      return std::nullopt;
    }
    return atom();
  }
  std::optional<std::string> atom() {
    skip_spaces();
    if (take('(')) {
      if (auto e = sum()) return e;
      if (!take(')')) return std::string("expected \")\"");
      return std::nullopt;
    }
    if (pos_ == text_.size()) return std::string("the expression ends where a metric id or a number was expected");
    char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      double v = 0;
      auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), v);
      if (ec != std::errc()) return "bad number at \"" + text_.substr(pos_) + "\"";
      pos_ = static_cast<std::size_t>(end - text_.data());
      out_.steps_.push_back(Step{Step::kNumber, v});
      return std::nullopt;
    }
    if (!std::isalpha(static_cast<unsigned char>(c))) return "unexpected \"" + text_.substr(pos_) + "\"";
    std::size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    std::string name = text_.substr(start, pos_ - start);
    if (take('('))
      return "function " + name + "() is not supported: fleetsim evaluates + - * / over metric ids and numbers";
    for (std::size_t i = 0; i < ids_.size(); ++i) {
      if (ids_[i] == name) {
        out_.steps_.push_back(Step{Step::kInput, 0, i});
        return std::nullopt;
      }
    }
    return "\"" + name + "\" is not the Id of a MetricStat query";
  }

  const std::string& text_;
  const std::vector<std::string>& ids_;
  MetricExpression& out_;
  std::size_t pos_ = 0;
};

std::optional<MetricExpression> MetricExpression::parse(const std::string& text, const std::vector<std::string>& ids,
                                                        std::string& error) {
  MetricExpression e;
  if (auto why = ExpressionParser(text, ids, e).run()) {
    error = *why;
    return std::nullopt;
  }
  return e;
}

std::optional<double> MetricExpression::evaluate(const std::vector<double>& values) const {
  std::vector<double> stack;
  for (const Step& s : steps_) {
    if (s.kind == Step::kNumber || s.kind == Step::kInput) {
      stack.push_back(s.kind == Step::kNumber ? s.number : values[s.input]);
      continue;
    }
    if (s.kind == Step::kNegate) {
      stack.back() = -stack.back();
      continue;
    }
    double b = stack.back();
    stack.pop_back();
    double& a = stack.back();
    switch (s.kind) {
      case Step::kAdd:
        a += b;
        break;
      case Step::kSubtract:
        a -= b;
        break;
      case Step::kMultiply:
        a *= b;
        break;
      default:
        if (b == 0) return std::nullopt;
        a /= b;
    }
  }
  return stack.back();
}

std::optional<double> MathSeries::period_value(SimTime end, Duration period, const Statistic&, SimTime now) const {
  std::vector<double> values;
  values.reserve(inputs_.size());
  for (const Input& in : inputs_) {
    std::optional<double> v = in.series->period_value(end, period, in.statistic, now);
    if (!v) return std::nullopt;
    values.push_back(*v);
  }
  return expression_.evaluate(values);
}

}  // namespace fleetsim
