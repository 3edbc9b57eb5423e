// CloudFormation where a scenario wants the AWS API's shape (issue #17, pasting): what is recognised as a resource
// or a template, and what is not (an ALB action's "Type", free-form values, a shape that has such fields itself).

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "sim/scenario/cloudformation.hpp"

using fleetsim::AwsOutput;
using fleetsim::cloudformation_mistake;
using fleetsim::Shape;
using fleetsim::ShapeKind;
using fleetsim::ShapeSet;
using nlohmann::json;

namespace {

struct Shapes {
  ShapeSet set;
  Shape& service = set.object("a service");
  const Shape* services;
  Shapes() {
    service.field("serviceName", set.string(), "").field("desiredCount", set.count(), "");
    services = set.array_of(&service, 10, AwsOutput{"aws ecs describe-services", "services", false, {"failures"}});
  }
};

const json kResource = {{"Type", "AWS::ECS::Service"},
                        {"DependsOn", json::array({"Listener"})},
                        {"Properties", {{"ServiceName", "web"}, {"DesiredCount", 2}}}};

}  // namespace

TEST_CASE("a CloudFormation resource in place of an object is reported at its Type", "[cloudformation]") {
  Shapes s;
  auto d = cloudformation_mistake(kResource, s.service, "/services/0");
  REQUIRE(d);
  CHECK(d->pointer == "/services/0/Type");
  CHECK(d->at_key);
  CHECK_THAT(d->message, Catch::StartsWith("this looks like a CloudFormation resource (\"Type\": "
                                           "\"AWS::ECS::Service\"), not a service"));
  CHECK_THAT(d->message, Catch::Contains("PascalCase (\"DesiredCount\") where the ECS API, whose shape fleetsim reads, "
                                         "has camelCase (\"desiredCount\")"));
  CHECK_THAT(d->message, !Catch::Contains("describe-services"));  // not known for a lone object
  // As a list element, the list's describe-* output is offered too.
  const AwsOutput& printed = *s.services->aws_output;
  d = cloudformation_mistake(kResource, s.service, "/services/0", &printed);
  REQUIRE(d);
  CHECK_THAT(d->message, Catch::Contains("(or `aws ecs describe-services` output, as printed)"));
}

TEST_CASE("a list given a resource or a template's map of them", "[cloudformation]") {
  Shapes s;
  auto d = cloudformation_mistake(kResource, *s.services, "/services");
  REQUIRE(d);
  CHECK(d->pointer == "/services/Type");
  d = cloudformation_mistake({{"Web", kResource}, {"Api", kResource}}, *s.services, "/services");
  REQUIRE(d);
  CHECK(d->pointer == "/services/Api/Type");  // the first member in the order the object holds them
  // One member that is not a resource: not a template's map; validation reports what it is.
  CHECK(!cloudformation_mistake({{"Web", kResource}, {"x", 1}}, *s.services, "/services"));
}

TEST_CASE("what is not CloudFormation is left to validation", "[cloudformation]") {
  Shapes s;
  // A Type that is not a resource type (an ALB action's), or a member a resource cannot have.
  CHECK(!cloudformation_mistake({{"Type", "forward"}, {"Properties", json::object()}}, s.service, ""));
  CHECK(!cloudformation_mistake({{"Type", "AWS::ECS::Service"}, {"serviceName", "web"}}, s.service, ""));
  // Free-form values may hold anything, a resource included.
  CHECK(!cloudformation_mistake(kResource, *s.set.any(), "/tags"));
  CHECK(!cloudformation_mistake({{"Resources", {{"Web", kResource}}}}, *s.set.map_of(s.set.any()), "/labels"));
  // A shape whose own fields are "Type" and "Properties" takes them.
  Shape& own = s.set.object("a thing");
  own.field("Type", s.set.string(), "").field("Properties", s.set.any(), "");
  CHECK(!cloudformation_mistake(kResource, own, ""));
}

TEST_CASE("a whole template is reported at its Resources", "[cloudformation]") {
  Shapes s;
  Shape& root = s.set.object("a scenario");
  root.field("services", s.services, "");
  auto d = cloudformation_mistake(
      {{"AWSTemplateFormatVersion", "2010-09-09"}, {"Resources", {{"WebService", kResource}}}}, root, "");
  REQUIRE(d);
  CHECK(d->pointer == "/Resources");
  CHECK_THAT(d->message, Catch::StartsWith("this looks like a CloudFormation template, not a scenario"));
  CHECK_THAT(d->message, Catch::Contains("(such as \"WebService\", an AWS::ECS::Service)"));
  // A template without resources yet is still one.
  d = cloudformation_mistake({{"AWSTemplateFormatVersion", "2010-09-09"}}, root, "");
  REQUIRE(d);
  CHECK(d->pointer == "/AWSTemplateFormatVersion");
}
