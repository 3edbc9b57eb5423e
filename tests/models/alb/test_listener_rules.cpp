// Listener rule conditions as ALB matches them: the host and path examples of ALB-UG "Condition types for listener
// rules" (`*` any run of characters, `?` exactly one; hosts without case, paths with it, the query string not part
// of the path), and a rule's conditions all holding, each by any of its values.

#include <catch2/catch.hpp>

#include "models/alb/listener_rules.hpp"
#include "sim/wildcard.hpp"

namespace fleetsim {
namespace {

struct Case {
  const char* pattern;
  const char* text;
  bool host;  // a host-header value (without case) or a path-pattern value (with it)
  bool matches;
};

TEST_CASE("rule condition values match as ALB documents them", "[alb][rules]") {
  const Case cases[] = {
      // Host conditions: example.com, test.example.com, *.example.com.
      {"example.com", "example.com", true, true},
      {"example.com", "EXAMPLE.COM", true, true},
      {"example.com", "test.example.com", true, false},
      {"test.example.com", "Test.Example.com", true, true},
      {"*.example.com", "test.example.com", true, true},
      {"*.example.com", "a.b.example.com", true, true},
      {"*.example.com", "example.com", true, false},
      {"?.example.com", "a.example.com", true, true},
      {"?.example.com", "ab.example.com", true, false},
      // Path conditions: /img/*, /img/*/pics, /js/*.
      {"/img/*", "/img/a.png", false, true},
      {"/img/*", "/img/", false, true},
      {"/img/*", "/img", false, false},
      {"/img/*", "/IMG/a.png", false, false},
      {"/img/*/pics", "/img/2024/pics", false, true},
      {"/img/*/pics", "/img/2024/pics/1", false, false},
      {"/js/*", "/jsx/app.js", false, false},
      {"/*", "/", false, true},
      {"/api/v?", "/api/v2", false, true},
      {"/api/v?", "/api/v10", false, false},
      {"*", "", false, true},
      {"/a*b*c", "/aXbYbZc", false, true},
      {"/a*b*c", "/aXbYbZ", false, false},
  };
  for (const Case& c : cases) {
    INFO(c.pattern << " against " << c.text);
    CHECK(wildcard_match(c.pattern, c.text, {.question_mark = true, .fold_case = c.host}) == c.matches);
  }
}

TEST_CASE("a rule holds when each of its conditions holds by one of its values", "[alb][rules]") {
  RuleConditions rule{{"shop.example.com", "*.shop.example.com"}, {"/api/*", "/v2/*"}};
  CHECK(rule.matches("SHOP.example.com", "/api/orders"));
  CHECK(rule.matches("eu.shop.example.com", "/v2/x"));
  CHECK(rule.matches("shop.example.com", "/api/orders?page=2"));  // the query string is not part of the path
  CHECK_FALSE(rule.matches("shop.example.com", "/web/api/x"));
  CHECK_FALSE(rule.matches("admin.example.com", "/api/orders"));
  CHECK_FALSE(rule.matches("", "/api/orders"));  // no Host header: no host condition holds
  CHECK(RuleConditions{{}, {"/api/*"}}.matches("", "/api/x"));
  CHECK(RuleConditions{{"a.com"}, {}}.matches("A.COM", "/anything"));
  CHECK(RuleConditions{}.matches("", "/"));  // no conditions: every request
}

}  // namespace
}  // namespace fleetsim
