#pragma once
/// Where a Kubernetes object came from, and errors located in it: a YAML file's line and column, or the
/// scenario pointer of an inline object.

#include <memory>
#include <stdexcept>
#include <string>

#include "sim/scenario/diagnostics.hpp"
#include "sim/scenario/json_reader.hpp"

namespace fleetsim::kube {

/// An object's source: a document of a YAML manifest, or an inline object of the scenario.
struct ObjectOrigin {
  std::string file;  ///< the manifest as the scenario names it ("k8s/web.yaml"); empty for an inline object
  /// YAML: the object's pointer inside its document ("", or "/items/2" in a `kind: List`); inline: the
  /// object's scenario pointer ("/kubernetes/0/objects/2").
  std::string pointer;
  /// YAML: the whole document, with every value's position; inline: the object alone.
  std::shared_ptr<const JsonDocument> document;

  /// True for an object from a YAML file.
  bool from_file() const { return !file.empty(); }
  /// The object's JSON.
  const nlohmann::json& json() const;
  /// "k8s/web.yaml:3:1" or "/kubernetes/0/objects/2": where the object starts, for messages.
  std::string where() const;
};

/// A problem in a manifest file; what() reads "FILE:LINE:COL: OBJECT: /pointer: message".
class ManifestError : public FileError {
 public:
  /// An error at `pos` of `file`, in `object` ("Deployment default/api", or "" before the object is known),
  /// at `pointer` inside the object.
  ManifestError(std::string file, SourcePos pos, const std::string& object, std::string pointer,
                const std::string& message);
  /// The manifest as the scenario names it.
  const std::string& file() const { return file_; }
  /// 1-based line and byte column.
  SourcePos pos() const { return pos_; }
  /// The pointer inside the object (or the document).
  const std::string& pointer() const { return pointer_; }

 private:
  std::string file_;
  SourcePos pos_;
  std::string pointer_;
};

/// Throws the error for `message` at `pointer` inside the object from `origin` named `object`
/// ("Deployment default/api"): a ManifestError at the value's line and column in a YAML file, or a
/// ScenarioError at the full scenario pointer (with "object: " before the message) for an inline object.
[[noreturn]] void fail_in_object(const ObjectOrigin& origin, const std::string& object, const std::string& pointer,
                                 const std::string& message);

}  // namespace fleetsim::kube
