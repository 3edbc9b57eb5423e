/// libFuzzer target: Kubernetes manifests. Any input either reads or throws ManifestError positioned inside the
/// text (never another exception, never a crash); YAML that parses gives every value a position inside the text.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "models/kubernetes/api/manifest_reader.hpp"
#include "sim/scenario/yaml_document.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

int line_count(std::string_view text) {
  int lines = 1;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

bool inside(fleetsim::SourcePos at, std::string_view text) {
  return at.line >= 1 && at.line <= line_count(text) && at.column >= 1 &&
         static_cast<std::size_t>(at.column) <= text.size() + 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    for (const fleetsim::JsonDocument& doc : fleetsim::parse_yaml_documents(text)) {
      const nlohmann::json flat = doc.root().flatten();  // a named value: items() of a temporary would dangle
      for (const auto& [pointer, value] : flat.items()) require(inside(doc.position_of(pointer), text));
    }
  } catch (const fleetsim::JsonSyntaxError& e) {
    require(inside(e.pos(), text));
  }
  try {
    fleetsim::kube::read_manifests({fleetsim::kube::ManifestSource::yaml("f.yaml", std::string(text))});
  } catch (const fleetsim::kube::ManifestError& e) {
    require(inside(e.pos(), text));
  }
  return 0;
}
