#include "models/ecr/ecr_section.hpp"

#include "models/api/image_source.hpp"
#include "models/ecr/image_registry.hpp"
#include "models/registry.hpp"

namespace fleetsim {

namespace {
class RegistryModel : public Model {
 public:
  explicit RegistryModel(double default_size) : registry(default_size) {}
  ImageRegistry registry;
};

void build_ecr(const nlohmann::json& scenario, World& world) {
  auto& model = world.own(std::make_unique<RegistryModel>(world.catalog.default_image_size_mib));
  if (auto s = scenario.find("images"); s != scenario.end()) model.registry.load(*s, "/images");
  world.provide<const ImageSource>("ecr", &model.registry);
}
}  // namespace

void register_ecr(ModelRegistry& r) {
  r.add_section("images", ImageRegistry::section_shape(r.shapes()),
                "what the registry serves; without it every image exists at the catalogue's default size");
  r.add_model({"ecr", 20, &build_ecr});
}

}  // namespace fleetsim
