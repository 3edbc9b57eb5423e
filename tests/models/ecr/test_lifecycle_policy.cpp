// ECR lifecycle policies against the examples of ECR's user guide (lifecycle_policy_examples.md: which images each
// rule set expires for the documented repositories), and what PutLifecyclePolicy refuses.

#include <catch2/catch.hpp>

#include "models/ecr/lifecycle_policy.hpp"
#include "sim/wildcard.hpp"
#include "tests/support/error_of.hpp"

namespace fleetsim {
namespace {

constexpr double kDay = 86400;
constexpr double kNow = 100 * kDay;

nlohmann::json rule(int priority, const char* status, nlohmann::json tags, nlohmann::json count) {
  nlohmann::json selection = {{"tagStatus", status}};
  if (!tags.is_null()) selection[tags[0].get<std::string>()] = tags[1];
  selection.update(count);
  return {{"rulePriority", priority}, {"selection", selection}, {"action", {{"type", "expire"}}}};
}
nlohmann::json keep(int n) { return {{"countType", "imageCountMoreThan"}, {"countNumber", n}}; }
nlohmann::json days(int n) { return {{"countType", "sinceImagePushed"}, {"countUnit", "days"}, {"countNumber", n}}; }
nlohmann::json prefixes(nlohmann::json list) { return {"tagPrefixList", list}; }

// Images named A, B, ... with their tags, pushed `age` days before kNow.
struct Img {
  std::vector<std::string> tags;
  double age_days;
};

std::string expired(const nlohmann::json& rules, const std::vector<Img>& imgs) {
  // A single rule in braces is the rule itself, not a list of one.
  nlohmann::json list = rules.is_array() ? rules : nlohmann::json::array({rules});
  LifecyclePolicy policy = read_lifecycle_policy({{"rules", list}}, "/p");
  std::vector<LifecycleImage> images;
  for (const Img& i : imgs) images.push_back({i.tags, kNow - i.age_days * kDay});
  std::string out;
  for (const LifecycleExpiry& e : evaluate_lifecycle(policy, images, kNow)) out += static_cast<char>('A' + e.image);
  return out;
}

TEST_CASE("ECR's documented lifecycle examples expire the documented images", "[ecr][lifecycle]") {
  const std::vector<Img> multiple = {{{"beta-1", "prod-1"}, 10}, {{"beta-2", "prod-2"}, 9}, {{"beta-3"}, 8}};
  // Filtering on multiple rules, example A: rule 2 would mark A and B, but B matched rule 1's tags: only A.
  CHECK(expired({rule(1, "tagged", prefixes({"prod"}), keep(1)), rule(2, "tagged", prefixes({"beta"}), keep(1))},
                multiple) == "A");
  // Example B: the priorities swapped; rule 1 marks A and B, rule 2 sees nothing new.
  CHECK(expired({rule(1, "tagged", prefixes({"beta"}), keep(1)), rule(2, "tagged", prefixes({"prod"}), keep(1))},
                multiple) == "AB");
  // Multiple tags in a single rule, example A: only C and F carry both prefixes; C is older than 5 days.
  const std::vector<Img> six = {{{"alpha-1"}, 12}, {{"beta-1"}, 11}, {{"alpha-2", "beta-2"}, 10},
                                {{"alpha-3"}, 4},  {{"beta-3"}, 3},  {{"alpha-4", "beta-4"}, 2}};
  CHECK(expired({rule(1, "tagged", prefixes({"alpha", "beta"}), days(5))}, six) == "C");
  // Example B: tags are not exclusive; all three match alpha and beta, the newest one is kept.
  const std::vector<Img> three = {
      {{"alpha-1", "beta-1", "gamma-1"}, 10}, {{"alpha-2", "beta-2"}, 9}, {{"alpha-3", "beta-3", "gamma-2"}, 8}};
  CHECK(expired({rule(1, "tagged", prefixes({"alpha", "beta"}), keep(1))}, three) == "AB");
  // Filtering on image age: tagPatternList prod* older than 14 days.
  const std::vector<Img> prod = {{{"prod-1"}, 20}, {{"prod-2"}, 10}, {{"dev-1"}, 30}};
  CHECK(expired({rule(1, "tagged", {"tagPatternList", {"prod*"}}, days(14))}, prod) == "A");
  // Filtering on image count: keep one untagged image, expire the others (oldest first).
  const std::vector<Img> untagged = {{{}, 3}, {{}, 1}, {{"v1"}, 5}, {{}, 2}};
  CHECK(expired({rule(1, "untagged", nullptr, keep(1))}, untagged) == "AD");
  // An any rule last: everything past the newest two, except what an earlier rule's tags protect.
  CHECK(expired({rule(1, "tagged", prefixes({"v"}), keep(5)), rule(9, "any", nullptr, keep(2))}, untagged) == "A");
}

TEST_CASE("tag patterns match the whole tag with * wildcards", "[ecr][lifecycle]") {
  CHECK(wildcard_match("prod*", "prod-1"));
  CHECK(wildcard_match("*test*1*2*3", "mytest-1-2-3"));
  CHECK(wildcard_match("*", "anything"));
  CHECK_FALSE(wildcard_match("prod*", "preprod"));
  CHECK_FALSE(wildcard_match("v1", "v10"));
  CHECK(wildcard_match("v*0", "v10"));
}

TEST_CASE("lifecycle policies ECR refuses, and where", "[ecr][lifecycle]") {
  Diagnostic e = error_of([] {
    read_lifecycle_policy({{"rules", {rule(1, "untagged", nullptr, keep(1)), rule(1, "any", nullptr, keep(1))}}}, "/p");
  });
  CHECK(e.pointer == "/p/rules/1/rulePriority");
  CHECK(e.message == "rulePriority 1 is used by rule 0 too (ECR refuses duplicate priorities)");
  e = error_of([] {
    read_lifecycle_policy({{"rules", {rule(1, "any", nullptr, keep(1)), rule(2, "untagged", nullptr, keep(1))}}}, "/p");
  });
  CHECK(e.pointer == "/p/rules/0/rulePriority");
  e = error_of([] { read_lifecycle_policy({{"rules", {rule(1, "tagged", nullptr, keep(1))}}}, "/p"); });
  CHECK(e.pointer == "/p/rules/0/selection");
  e = error_of([] { read_lifecycle_policy("{\"rules\": [", "/p"); });
  CHECK(e.pointer == "/p");
  // The string form is read as the object form: errors point into the document.
  nlohmann::json text = nlohmann::json({{"rules", {rule(1, "untagged", nullptr, keep(0))}}}).dump();
  e = error_of([&] { read_lifecycle_policy(text, "/p"); });
  CHECK(e.pointer == "/p/rules/0/selection/countNumber");
  CHECK(read_lifecycle_policy(nlohmann::json({{"rules", {rule(1, "untagged", nullptr, keep(2))}}}).dump(), "/p")
            .rules.size() == 1);
}

}  // namespace
}  // namespace fleetsim
