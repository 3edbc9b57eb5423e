#include "models/kubernetes/api/object_origin.hpp"

#include <utility>

#include "sim/scenario/diagnostics.hpp"

namespace fleetsim::kube {

namespace {

std::string located(const std::string& file, SourcePos pos, const std::string& object, const std::string& pointer,
                    const std::string& message) {
  std::string out = file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": ";
  if (!object.empty()) out += object + ": ";
  if (!pointer.empty()) out += pointer + ": ";
  return out + message;
}

}  // namespace

ManifestError::ManifestError(std::string file, SourcePos pos, const std::string& object, std::string pointer,
                             const std::string& message)
    : FileError(located(file, pos, object, pointer, message)),
      file_(std::move(file)),
      pos_(pos),
      pointer_(std::move(pointer)) {}

const nlohmann::json& ObjectOrigin::json() const {
  if (!from_file() || pointer.empty()) return document->root();
  return document->root().at(nlohmann::json::json_pointer(pointer));
}

std::string ObjectOrigin::where() const {
  if (!from_file()) return pointer;
  const SourcePos pos = document->position_of(pointer);
  return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
}

void fail_in_object(const ObjectOrigin& origin, const std::string& object, const std::string& pointer,
                    const std::string& message) {
  if (origin.from_file()) {
    throw ManifestError(origin.file, origin.document->position_of(origin.pointer + pointer), object, pointer, message);
  }
  throw ScenarioError(origin.pointer + pointer, object.empty() ? message : object + ": " + message);
}

}  // namespace fleetsim::kube
