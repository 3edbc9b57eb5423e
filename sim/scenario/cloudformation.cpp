#include "sim/scenario/cloudformation.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "sim/scenario/json_reader.hpp"

namespace fleetsim {
namespace {

// The members a template's resource may have (CloudFormation user guide, "Resources" section of the template
// anatomy): a resource is these and nothing else.
constexpr std::array<std::string_view, 9> kResourceMembers = {
    "Type",           "Properties",   "DependsOn",           "Condition",     "Metadata",
    "DeletionPolicy", "UpdatePolicy", "UpdateReplacePolicy", "CreationPolicy"};

bool is_resource(const nlohmann::json& v) {
  if (!v.is_object()) return false;
  auto type = v.find("Type");
  if (type == v.end() || !type->is_string() || type->get_ref<const std::string&>().rfind("AWS::", 0) != 0) return false;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (std::find(kResourceMembers.begin(), kResourceMembers.end(), it.key()) == kResourceMembers.end()) return false;
  }
  return true;
}

bool is_template(const nlohmann::json& v) {
  return v.is_object() && (v.contains("AWSTemplateFormatVersion") ||
                           (v.contains("Resources") && v["Resources"].is_object() && !v["Resources"].empty() &&
                            is_resource(v["Resources"].begin().value())));
}

// "ECS" for "AWS::ECS::TaskDefinition".
std::string service_of(const std::string& type) {
  const std::size_t start = 5, end = type.find("::", start);
  return type.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// CloudFormation names every property in PascalCase; APIs such as ECS's and EKS's use camelCase, which the shape
// has. The first property that is one of the shape's fields but for the case of its first letter, as a note.
std::string casing_note(const nlohmann::json& resource, const Shape& wanted) {
  auto properties = resource.find("Properties");
  if (properties == resource.end() || !properties->is_object()) return "";
  for (auto it = properties->begin(); it != properties->end(); ++it) {
    std::string api = it.key();
    if (api.empty() || wanted.find(api) != nullptr) continue;
    api[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(api[0])));
    if (api == it.key() || wanted.find(api) == nullptr) continue;
    const std::string service = service_of(resource["Type"].get<std::string>());
    return "; CloudFormation spells " + service + " properties in PascalCase (\"" + it.key() + "\") where the " +
           service + " API, whose shape fleetsim reads, has camelCase (\"" + api + "\"): rename them, nested ones too";
  }
  return "";
}

Diagnostic resource_mistake(const nlohmann::json& resource, const std::string& pointer, const Shape& wanted,
                            const std::string& instead, const AwsOutput* printed_by) {
  std::string message = "this looks like a CloudFormation resource (\"Type\": \"" +
                        resource["Type"].get<std::string>() + "\"), not " + wanted.title +
                        ": a scenario takes the AWS API's shape, so " + instead;
  if (printed_by) message += " (or `" + printed_by->command + "` output, as printed)";
  message += casing_note(resource, wanted);
  return Diagnostic{append_pointer(pointer, "Type"), message, true};
}

}  // namespace

std::optional<Diagnostic> cloudformation_mistake(const nlohmann::json& v, const Shape& expected,
                                                 const std::string& pointer, const AwsOutput* printed_by) {
  // Only where fleetsim has a shape of its own: free-form values (tags, Kubernetes objects) may hold anything.
  if (!v.is_object() || (expected.kind != ShapeKind::kObject && expected.kind != ShapeKind::kArray))
    return std::nullopt;
  if (is_template(v) && expected.find("Resources") == nullptr && expected.find("AWSTemplateFormatVersion") == nullptr) {
    const bool has_resources = v.contains("Resources") && v["Resources"].is_object() && !v["Resources"].empty();
    std::string example;
    if (has_resources && is_resource(v["Resources"].begin().value())) {
      example = " (such as \"" + v["Resources"].begin().key() + "\", an " +
                v["Resources"].begin().value()["Type"].get<std::string>() + ")";
    }
    return Diagnostic{append_pointer(pointer, has_resources ? "Resources" : "AWSTemplateFormatVersion"),
                      "this looks like a CloudFormation template, not " + expected.title +
                          ": a scenario takes each resource in the AWS API's shape, in its own section (`fleetsim "
                          "schema` lists them): give what the \"Properties\" of each resource" +
                          example +
                          " hold as an element of its section, or paste the resource's describe-* output there",
                      true};
  }
  const bool list = expected.kind == ShapeKind::kArray;
  const Shape& wanted = list ? *expected.items : expected;
  if (wanted.kind != ShapeKind::kObject || wanted.find("Properties") != nullptr) return std::nullopt;
  if (!list) {
    if (!is_resource(v)) return std::nullopt;
    return resource_mistake(v, pointer, wanted, "give what its \"Properties\" holds in its place", printed_by);
  }
  // A list given one resource, or a template's map of them ({"LogicalId": {"Type": ...}}).
  const AwsOutput* command = expected.aws_output ? &*expected.aws_output : nullptr;
  const std::string instead = "give a list here whose elements are what each resource's \"Properties\" holds";
  if (is_resource(v)) return resource_mistake(v, pointer, wanted, instead, command);
  if (v.empty() || !std::all_of(v.begin(), v.end(), is_resource)) return std::nullopt;
  return resource_mistake(v.begin().value(), append_pointer(pointer, v.begin().key()), wanted, instead, command);
}

}  // namespace fleetsim
