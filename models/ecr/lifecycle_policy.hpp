#pragma once
/// ECR lifecycle policies (PutLifecyclePolicy's lifecyclePolicyText): the pure reader and the evaluator, no World.
/// Evaluation follows ECR's "Lifecycle policy evaluation rules" (aws-facts.md, ECR lifecycle policies).

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fleetsim {

/// Which images a rule selects by their tags.
enum class TagStatus { kTagged, kUntagged, kAny };

/// How a rule counts: keep the newest countNumber images, or expire those older than countNumber days.
enum class CountType { kImageCountMoreThan, kSinceImagePushed };

/// One rule of a policy (action type is always expire).
struct LifecycleRule {
  int priority = 0;                        ///< rulePriority: applied lowest first
  TagStatus tag_status = TagStatus::kAny;  ///< selection.tagStatus
  std::vector<std::string> tag_prefixes;   ///< tagPrefixList: every entry must prefix one of the image's tags
  std::vector<std::string> tag_patterns;   ///< tagPatternList: every entry (with `*`) must match one of the tags
  CountType count_type = CountType::kImageCountMoreThan;  ///< selection.countType
  std::int64_t count_number = 1;                          ///< images kept, or days (countUnit is days)
};

/// A policy: its rules sorted by priority.
struct LifecyclePolicy {
  std::vector<LifecycleRule> rules;  ///< by ascending priority
};

/// An image as the evaluator sees it.
struct LifecycleImage {
  std::vector<std::string> tags;  ///< empty: untagged
  double pushed_at_s = 0;         ///< push time, seconds on any common clock
};

/// An image a policy expires and the rule that expired it.
struct LifecycleExpiry {
  std::size_t image = 0;  ///< index into the evaluated list
  int rule_priority = 0;  ///< the rule's rulePriority
};

/// Reads lifecyclePolicyText at `pointer`: a JSON string (as PutLifecyclePolicy takes it) or the object itself.
/// Refused as ECR refuses: two rules of one priority, an `any` rule that is not last, tagged rules without
/// tags, untagged rules with tags, a countUnit other than days, more than one untagged rule.
LifecyclePolicy read_lifecycle_policy(const nlohmann::json& text, const std::string& pointer);

/// The images `policy` expires at `now_s`, by ascending image index: every rule identifies the images it
/// selects, ordered newest first by push time (the later listed of equal times first), and marks those past its count;
/// an image is expired by at most one rule, and never by a rule after one whose tagging requirements it matched.
std::vector<LifecycleExpiry> evaluate_lifecycle(const LifecyclePolicy& policy,
                                                const std::vector<LifecycleImage>& images, double now_s);

}  // namespace fleetsim
