#include "models/ecr/ecr_section.hpp"

#include "models/api/image_source.hpp"
#include "models/ecr/ecr_reader.hpp"
#include "models/ecr/ecr_shapes.hpp"
#include "models/ecr/image_registry.hpp"
#include "models/ecr/repositories.hpp"
#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

class RegistryModel : public Model {
 public:
  RegistryModel(World& world, ImageRegistry r) : world_(world), registry(std::move(r)) {}
  // Lifecycle policies run from the start, every catalogue interval ("within 24 hours", ECR-UG).
  void start() override {
    if (!repositories) return;
    repositories->start(world_.costs);
    world_.ctx.engine.schedule_at<&RegistryModel::evaluate>(world_.ctx.engine.now(), this);
  }
  void finish(SimTime end) override {
    if (repositories) repositories->finish(end);
  }
  World& world_;
  ImageRegistry registry;
  std::unique_ptr<Repositories> repositories;  ///< only with a `repositories` section

 private:
  void evaluate(std::uint64_t) {
    repositories->evaluate_lifecycles();
    world_.ctx.engine.schedule_after<&RegistryModel::evaluate>(world_.catalog.ecr.lifecycle_delay, this);
  }
};

void build_ecr(const nlohmann::json& scenario, World& world) {
  const double default_size = world.catalog.default_image_size_mib;
  auto s = scenario.find("images");
  const nlohmann::json none = nlohmann::json::array();
  const nlohmann::json& images = s == scenario.end() ? none : *s;
  auto& model = world.own(std::make_unique<RegistryModel>(
      world, s == scenario.end() ? ImageRegistry(default_size) : ImageRegistry(default_size, read_images(images))));
  if (auto r = scenario.find("repositories"); r != scenario.end()) {
    model.repositories =
        std::make_unique<Repositories>(world.ctx, read_repositories(*r), read_images(images),
                                       read_image_histories(images), world.catalog.ecr.storage_usd_gb_month);
    model.registry.use_repositories(model.repositories.get());
  }
  world.provide<const ImageSource>("ecr", &model.registry);
  Repositories* repos = model.repositories.get();
  world.provide_action(
      "pushImage", [repos](const nlohmann::json& entry, const std::string& p) -> std::function<void()> {
        std::string repository = entry["repository"].get<std::string>();
        if (repos == nullptr || !repos->has_repository(repository))
          throw ScenarioError(append_pointer(p, "repository"),
                              "no repository \"" + repository + "\" in the scenario's repositories");
        std::string tag = entry["tag"].get<std::string>();
        ImageInfo info = read_image_info(entry, repository + ":" + tag, p);
        nlohmann::json findings =
            entry.value("x-fleetsim", nlohmann::json::object()).value("findings", nlohmann::json::object());
        return [repos, repository, tag, info, findings] { repos->push(repository, tag, info, findings); };
      });
}

}  // namespace

void register_ecr(ModelRegistry& r) {
  declare_ecr_shapes(r);
  r.add_model({"ecr", 20, &build_ecr});
}

}  // namespace fleetsim
