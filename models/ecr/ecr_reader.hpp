#pragma once
/// The pure reader of the `images` section: validated JSON in, the listed images out, no World; problems are
/// thrown as ScenarioError at the pointer they concern.

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "models/api/image_source.hpp"

namespace fleetsim {

/// The images a registry serves, by repository:tag.
using ImageTable = std::map<std::string, ImageInfo>;

/// The images section (at /images): each image once, its size given or the sum of its layers; a layer without a
/// digest is the image's own (named "<image>#<index>"), an image without layers is one layer named after it.
ImageTable read_images(const nlohmann::json& section);

}  // namespace fleetsim
