#include "models/ecr/ecr_shapes.hpp"

#include "models/registry.hpp"

namespace fleetsim {

void declare_ecr_shapes(ModelRegistry& r) {
  ShapeSet& s = r.shapes();
  Shape& layer = s.object("an image layer", "One layer of an image.");
  layer.field("digest", s.string(), "layer digest (sha256:...)")
      .required("sizeMiB", s.number(0, 1e6), "compressed size, MiB");
  Shape& extras = s.object("image extras", "Simulation-only image fields.");
  extras.field("findings", s.map_of(s.count()), "scan finding counts by severity (CRITICAL, HIGH, ...)");
  Shape& image = s.object("an image", "An image the registry serves.");
  image.required("image", s.string(), "repository:tag, as a container definition names it")
      .field("sizeMiB", s.number(0, 1e6), "compressed size, MiB (default: the sum of layers)")
      .field("layers", s.array_of(&layer, 1000), "layers, for pull caching on EC2 hosts")
      .field("pushedAt", s.any(), "push time from the start (\"-30d\": before it; default 0), for lifecycle rules")
      .field("x-fleetsim", &extras, "simulation-only: scan findings");
  r.add_section("images", s.array_of(&image, 100000),
                "what the registry serves; without it every image exists at the catalogue's default size");
  Shape& scanning = s.object("an image scanning configuration", "imageScanningConfiguration.");
  scanning.field("scanOnPush", s.boolean(), "scan each pushed image (an ECR Image Scan event)");
  Shape& repo = s.object("a repository", "ecr CreateRepository with PutLifecyclePolicy's lifecyclePolicyText.");
  repo.required("repositoryName", s.string(), "name; an image \"NAME:tag\" (or REGISTRY/NAME:tag) is in it")
      .field("imageTagMutability", s.one_of_strings("a tag mutability", {"MUTABLE", "IMMUTABLE"}),
             "IMMUTABLE: pushing an existing tag fails (default MUTABLE)")
      .field("imageScanningConfiguration", &scanning, "scan on push")
      .field("lifecyclePolicyText", s.any(), "lifecycle policy: a JSON string or the object")
      .ignored({"registryId", "tags", "encryptionConfiguration", "imageTagMutabilityExclusionFilters", "repositoryArn",
                "repositoryUri", "createdAt"});
  r.add_section(
      "repositories",
      s.array_of(&repo, 10000, AwsOutput{"aws ecr describe-repositories", "repositories", false, {"nextToken"}}),
      "ECR private repositories");
  Shape& push = s.object("a pushImage action", "docker push to a repository of the scenario.");
  push.required("repository", s.string(), "repositoryName")
      .required("tag", s.string(), "image tag")
      .field("sizeMiB", s.number(0, 1e6), "compressed size, MiB (default: the sum of layers)")
      .field("layers", s.array_of(&layer, 1000), "layers")
      .field("x-fleetsim", &extras, "simulation-only: scan findings");
  r.add_timeline_action("pushImage", push);
}

}  // namespace fleetsim
