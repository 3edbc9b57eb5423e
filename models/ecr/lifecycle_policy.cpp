#include "models/ecr/lifecycle_policy.hpp"

#include <algorithm>
#include <map>
#include <numeric>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/embedded_json.hpp"
#include "sim/scenario/json_reader.hpp"
#include "sim/scenario/shape.hpp"
#include "sim/scenario/validator.hpp"
#include "sim/wildcard.hpp"

namespace fleetsim {

namespace {

constexpr double kSecondsPerDay = 86400;

// PutLifecyclePolicy's document: the ECR-UG template ("Lifecycle policy template").
const Shape& policy_shape() {
  static ShapeSet s;
  static const Shape* shape = [] {
    const Shape* strings = s.array_of(s.string(), 100);
    Shape& selection = s.object("a lifecycle rule selection", "Which images a rule counts.");
    selection.required("tagStatus", s.one_of_strings("a tag status", {"tagged", "untagged", "any"}), "tag status")
        .field("tagPrefixList", strings, "every prefix must start one of the image's tags")
        .field("tagPatternList", strings, "every pattern (with *) must match one of the image's tags")
        .required("countType", s.one_of_strings("a count type", {"imageCountMoreThan", "sinceImagePushed"}),
                  "keep the newest countNumber, or expire those older than countNumber days")
        .field("countUnit", s.one_of_strings("a count unit", {"days"}), "days (sinceImagePushed only)")
        .required("countNumber", s.integer(1, 1e9), "images kept or days (positive)");
    Shape& action = s.object("a lifecycle action", "What a rule does.");
    action.required("type", s.one_of_strings("an action type", {"expire"}), "expire");
    Shape& rule = s.object("a lifecycle rule", "One rule of a lifecycle policy.");
    rule.required("rulePriority", s.integer(1, 1e9), "applied lowest first; unique in the policy")
        .field("description", s.string(), "what the rule is for")
        .required("selection", &selection, "which images")
        .required("action", &action, "what happens to them");
    Shape& policy = s.object("a lifecycle policy", "PutLifecyclePolicy's lifecyclePolicyText.");
    policy.required("rules", s.array_of(&rule, 1000), "the rules");
    return &policy;
  }();
  return *shape;
}

TagStatus tag_status_of(const std::string& s) {
  if (s == "tagged") return TagStatus::kTagged;
  return s == "untagged" ? TagStatus::kUntagged : TagStatus::kAny;
}

std::vector<std::string> strings_of(const nlohmann::json& selection, const char* key) {
  return selection.value(key, std::vector<std::string>{});
}

// The rule at `p`, checked as ECR checks a selection ("Lifecycle policy parameters").
LifecycleRule read_rule(const nlohmann::json& r, const std::string& p) {
  const nlohmann::json& sel = r["selection"];
  std::string sp = append_pointer(p, "selection");
  LifecycleRule rule;
  rule.priority = r["rulePriority"].get<int>();
  rule.tag_status = tag_status_of(sel["tagStatus"].get<std::string>());
  rule.tag_prefixes = strings_of(sel, "tagPrefixList");
  rule.tag_patterns = strings_of(sel, "tagPatternList");
  bool has_tags = !rule.tag_prefixes.empty() || !rule.tag_patterns.empty();
  if (rule.tag_status == TagStatus::kTagged && !has_tags)
    throw ScenarioError(sp, "a tagged rule needs \"tagPrefixList\" or \"tagPatternList\"");
  if (rule.tag_status != TagStatus::kTagged && has_tags)
    throw ScenarioError(sp, "\"tagPrefixList\" and \"tagPatternList\" belong to tagged rules only");
  if (!rule.tag_prefixes.empty() && !rule.tag_patterns.empty())
    throw ScenarioError(append_pointer(sp, "tagPatternList"), "give \"tagPrefixList\" or \"tagPatternList\", not both");
  for (std::size_t i = 0; i < rule.tag_patterns.size(); ++i) {
    // ECR allows at most four wildcards a pattern (ECR-UG, "Tag pattern list").
    if (std::count(rule.tag_patterns[i].begin(), rule.tag_patterns[i].end(), '*') > 4)
      throw ScenarioError(append_pointer(append_pointer(sp, "tagPatternList"), i), "at most 4 wildcards (*) a pattern");
  }
  std::string count_type = sel["countType"].get<std::string>();
  rule.count_type = count_type == "sinceImagePushed" ? CountType::kSinceImagePushed : CountType::kImageCountMoreThan;
  if (rule.count_type == CountType::kSinceImagePushed && !sel.contains("countUnit"))
    throw ScenarioError(sp, "sinceImagePushed needs \"countUnit\": \"days\"");
  if (rule.count_type == CountType::kImageCountMoreThan && sel.contains("countUnit"))
    throw ScenarioError(append_pointer(sp, "countUnit"), "countUnit is only used with sinceImagePushed");
  rule.count_number = sel["countNumber"].get<std::int64_t>();
  return rule;
}

bool selects(const LifecycleRule& rule, const LifecycleImage& image) {
  if (rule.tag_status == TagStatus::kAny) return true;
  if (rule.tag_status == TagStatus::kUntagged) return image.tags.empty();
  auto every = [&](const std::vector<std::string>& list, auto matches) {
    return std::all_of(list.begin(), list.end(), [&](const std::string& want) {
      return std::any_of(image.tags.begin(), image.tags.end(), [&](const std::string& t) { return matches(want, t); });
    });
  };
  return every(rule.tag_prefixes, [](const std::string& w, const std::string& t) { return t.starts_with(w); }) &&
         every(rule.tag_patterns,
               [](const std::string& pattern, const std::string& tag) { return wildcard_match(pattern, tag); });
}

}  // namespace

LifecyclePolicy read_lifecycle_policy(const nlohmann::json& text, const std::string& pointer) {
  nlohmann::json doc = read_embedded_json(text, pointer);
  require_shape(doc, policy_shape(), pointer);
  LifecyclePolicy policy;
  std::map<int, std::size_t> priorities;
  const nlohmann::json& rules = doc["rules"];
  for (std::size_t i = 0; i < rules.size(); ++i) {
    std::string p = append_pointer(append_pointer(pointer, "rules"), i);
    LifecycleRule rule = read_rule(rules[i], p);
    if (!priorities.emplace(rule.priority, i).second)
      throw ScenarioError(append_pointer(p, "rulePriority"),
                          "rulePriority " + std::to_string(rule.priority) + " is used by rule " +
                              std::to_string(priorities[rule.priority]) + " too (ECR refuses duplicate priorities)");
    policy.rules.push_back(std::move(rule));
  }
  std::stable_sort(policy.rules.begin(), policy.rules.end(),
                   [](const LifecycleRule& a, const LifecycleRule& b) { return a.priority < b.priority; });
  for (std::size_t i = 0; i < policy.rules.size(); ++i) {
    const LifecycleRule& rule = policy.rules[i];
    std::string p = append_pointer(append_pointer(pointer, "rules"), priorities[rule.priority]);
    // "A rule with a tagStatus value of any must have the highest value for rulePriority" (ECR-UG).
    if (rule.tag_status == TagStatus::kAny && i + 1 != policy.rules.size())
      throw ScenarioError(append_pointer(p, "rulePriority"), "a tagStatus \"any\" rule must have the highest priority");
    // "Only one rule is allowed to select untagged images" (ECR-UG, evaluation rules).
    for (std::size_t j = 0; j < i; ++j) {
      if (rule.tag_status == TagStatus::kUntagged && policy.rules[j].tag_status == TagStatus::kUntagged)
        throw ScenarioError(append_pointer(p, "selection"), "only one rule may select untagged images");
    }
  }
  return policy;
}

std::vector<LifecycleExpiry> evaluate_lifecycle(const LifecyclePolicy& policy,
                                                const std::vector<LifecycleImage>& images, double now_s) {
  // Newest first; of equal push times the later in the list is the newer, so the order is total.
  std::vector<std::size_t> by_age(images.size());
  std::iota(by_age.begin(), by_age.end(), std::size_t{0});
  std::sort(by_age.begin(), by_age.end(), [&](std::size_t a, std::size_t b) {
    return images[a].pushed_at_s != images[b].pushed_at_s ? images[a].pushed_at_s > images[b].pushed_at_s : a > b;
  });
  std::vector<bool> seen(images.size(), false);
  std::vector<int> expired_by(images.size(), 0);
  for (const LifecycleRule& rule : policy.rules) {
    std::vector<std::size_t> matched;
    for (std::size_t i : by_age) {
      if (selects(rule, images[i])) matched.push_back(i);
    }
    // Every rule identifies images as if nothing were expired, and marks only those no earlier rule saw.
    for (std::size_t k = 0; k < matched.size(); ++k) {
      std::size_t i = matched[k];
      bool past = rule.count_type == CountType::kImageCountMoreThan
                      ? k >= static_cast<std::size_t>(rule.count_number)
                      : now_s - images[i].pushed_at_s > static_cast<double>(rule.count_number) * kSecondsPerDay;
      if (past && !seen[i]) expired_by[i] = rule.priority;
    }
    for (std::size_t i : matched) seen[i] = true;
  }
  std::vector<LifecycleExpiry> out;
  for (std::size_t i = 0; i < images.size(); ++i) {
    if (expired_by[i] != 0) out.push_back({i, expired_by[i]});
  }
  return out;
}

}  // namespace fleetsim
