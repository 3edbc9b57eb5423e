#include "models/ecr/ecr_section.hpp"

#include "models/api/image_source.hpp"
#include "models/ecr/ecr_reader.hpp"
#include "models/ecr/ecr_shapes.hpp"
#include "models/ecr/image_registry.hpp"
#include "models/registry.hpp"

namespace fleetsim {

namespace {
class RegistryModel : public Model {
 public:
  explicit RegistryModel(ImageRegistry r) : registry(std::move(r)) {}
  ImageRegistry registry;
};

void build_ecr(const nlohmann::json& scenario, World& world) {
  const double default_size = world.catalog.default_image_size_mib;
  auto s = scenario.find("images");
  auto& model = world.own(std::make_unique<RegistryModel>(
      s == scenario.end() ? ImageRegistry(default_size) : ImageRegistry(default_size, read_images(*s))));
  world.provide<const ImageSource>("ecr", &model.registry);
}
}  // namespace

void register_ecr(ModelRegistry& r) {
  declare_ecr_shapes(r);
  r.add_model({"ecr", 20, &build_ecr});
}

}  // namespace fleetsim
