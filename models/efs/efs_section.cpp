#include "models/efs/efs_section.hpp"

#include <memory>

#include "models/api/file_storage.hpp"
#include "models/api/subnet.hpp"
#include "models/efs/efs_reader.hpp"
#include "models/efs/efs_shapes.hpp"
#include "models/efs/file_system.hpp"
#include "models/registry.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim {

namespace {

/// The file systems of a run.
class EfsModel : public Model {
 public:
  void start() override {
    for (auto& fs : file_systems) fs->start();
  }
  void finish(SimTime end) override {
    for (auto& fs : file_systems) fs->finish(end);
  }
  void write_summary(nlohmann::ordered_json& summary) const override {
    if (file_systems.empty()) return;
    nlohmann::ordered_json& out = summary["fileSystems"];
    for (const auto& fs : file_systems) {
      out[fs->id()] = {{"meteredMiB", fs->metered_mib()}, {"permittedMiBps", fs->permitted_mibps()}};
    }
  }
  EfsCatalog catalog;
  std::vector<std::unique_ptr<FileSystem>> file_systems;
};

void build_efs(const nlohmann::json& scenario, World& world) {
  auto section = scenario.find("fileSystems");
  if (section == scenario.end()) return;  // no model at all: runs without file systems keep their outputs
  auto& model = world.own(std::make_unique<EfsModel>());
  SubnetZone zone_of = [&world](const std::string& id) -> std::optional<std::string> {
    const Subnet* subnet = world.find<const Subnet>(id);
    if (subnet == nullptr) return std::nullopt;
    return subnet->availability_zone;
  };
  for (std::size_t i = 0; i < section->size(); ++i) {
    std::string p = append_pointer("/fileSystems", i);
    FileSystemConfig config = read_file_system((*section)[i], p, model.catalog, zone_of);
    model.file_systems.push_back(
        std::make_unique<FileSystem>(world.ctx, std::move(config), model.catalog, world.region, world.costs));
    FileSystem& fs = *model.file_systems.back();
    if (!world.provide<FileStorage>(fs.id(), &fs))
      throw ScenarioError(append_pointer(p, "FileSystemId"), "file system \"" + fs.id() + "\" is defined twice");
  }
}

}  // namespace

void register_efs(ModelRegistry& r) {
  declare_efs_shapes(r);
  r.add_model({"efs", 25, &build_efs});
}

}  // namespace fleetsim
