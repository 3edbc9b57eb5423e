#include "models/kubernetes/api/manifest_reader.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <utility>

#include "models/kubernetes/api/kind_table.hpp"
#include "models/kubernetes/api/pod_reader.hpp"
#include "models/kubernetes/api/service_reader.hpp"
#include "models/kubernetes/api/workload_reader.hpp"
#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/yaml_document.hpp"

namespace fleetsim::kube {

namespace {

// An object's name for messages before its metadata is read: whatever metadata.name and namespace say.
std::string raw_description(const nlohmann::json& o, std::string_view kind, bool namespaced) {
  ObjectMeta m;
  const auto text = [&](const char* key) -> std::string {
    const auto meta = o.find("metadata");
    if (meta == o.end() || !meta->is_object()) return {};
    const auto v = meta->find(key);
    return v != meta->end() && v->is_string() ? v->get<std::string>() : std::string();
  };
  m.name = text("name");
  m.ns = namespaced ? (text("namespace").empty() ? "default" : text("namespace")) : "";
  return describe(kind.empty() ? "object" : kind, m);
}

class Reader {
 public:
  void read_source(const ManifestSource& source) {
    if (source.file.empty()) {
      auto doc = std::make_shared<JsonDocument>();
      doc->root() = source.object;
      read_object(ObjectOrigin{"", source.pointer, std::move(doc)});
      return;
    }
    std::vector<JsonDocument> docs;
    try {
      docs = parse_yaml_documents(source.text);
    } catch (const JsonSyntaxError& e) {
      throw ManifestError(source.file, e.pos(), "", "", "error converting YAML to JSON: " + e.detail());
    }
    for (JsonDocument& d : docs) {
      auto doc = std::make_shared<const JsonDocument>(std::move(d));
      const nlohmann::json& root = doc->root();
      // kubectl unwraps a v1 List (what `kubectl get -o yaml` writes) into its items.
      if (root.is_object() && root.contains("kind") && root["kind"] == "List" && root.contains("items") &&
          root["items"].is_array()) {
        for (std::size_t i = 0; i < root["items"].size(); ++i) {
          read_object(ObjectOrigin{source.file, append_pointer("/items", i), doc});
        }
      } else {
        read_object(ObjectOrigin{source.file, "", doc});
      }
    }
  }

  ManifestSet finish(const std::vector<std::string>& existing) {
    declared_.insert(declared_.end(), existing.begin(), existing.end());
    check_namespaces();
    return std::move(set_);
  }

 private:
  // The kind, after checking kind and apiVersion as the API server's REST mapping does.
  const KindInfo& check_kind(const ObjectOrigin& origin) {
    const nlohmann::json& o = origin.json();
    ObjectContext context{&origin, ""};
    const Field root(context, o);
    if (!o.is_object()) {
      root.fail(std::string("expected a Kubernetes object (apiVersion, kind, metadata, spec), got ") + o.type_name());
    }
    const std::string kind = root["kind"].string();
    const std::string version = root["apiVersion"].string();
    context.object = raw_description(o, kind, true);
    if (kind.empty()) root["kind"].fail("Object 'Kind' is missing");
    if (version.empty()) root["apiVersion"].fail("Object 'apiVersion' is missing");
    const KindInfo* info = find_kind(kind);
    const std::string no_match = "no matches for kind \"" + kind + "\" in version \"" + version + "\"";
    if (info == nullptr) {
      std::vector<std::string> names;
      for (const KindInfo& k : known_kinds()) names.emplace_back(k.kind);
      const std::optional<std::string> near = closest_name(kind, names);
      root["kind"].fail(no_match +
                        (near ? " (did you mean \"" + *near + "\"?)" : " (ensure CRDs are installed first)"));
    }
    if (std::find(info->versions.begin(), info->versions.end(), version) == info->versions.end()) {
      root["apiVersion"].fail(no_match + " (" + kind + " is served by " + std::string(info->versions.front()) + ")");
    }
    if (info->handling == KindHandling::kNotSimulated) {
      root["kind"].fail(kind + " is not simulated yet; remove it or express the workload as a Deployment");
    }
    return *info;
  }

  template <typename T>
  void add(std::vector<T>& list, T object, const KindInfo& kind, ObjectOrigin origin) {
    object.origin = std::move(origin);
    remember(kind, object.metadata, object.origin);
    list.push_back(std::move(object));
  }

  void add_pod(const KindInfo& kind, BarePod pod, ObjectOrigin origin) {
    pod.origin = std::move(origin);
    remember(kind, pod.pod.metadata, pod.origin);
    set_.pods.push_back(std::move(pod));
  }

  void read_object(ObjectOrigin origin) {
    const KindInfo& kind = check_kind(origin);
    const nlohmann::json& o = origin.json();
    ObjectContext context{&origin, raw_description(o, kind.kind, kind.namespaced)};
    const Field root(context, o);
    const std::string_view k = kind.kind;
    if (k == "Namespace") {
      add(set_.namespaces, read_namespace(root), kind, origin);
    } else if (k == "Pod") {
      add_pod(kind, read_pod(root), origin);
    } else if (k == "Deployment") {
      add(set_.deployments, read_deployment(root), kind, origin);
    } else if (k == "Service") {
      add(set_.services, read_service(root), kind, origin);
    } else if (k == "Ingress") {
      add(set_.ingresses, read_ingress(root), kind, origin);
    } else if (k == "PodDisruptionBudget") {
      add(set_.pod_disruption_budgets, read_pod_disruption_budget(root), kind, origin);
    } else if (k == "Job") {
      add(set_.jobs, read_job(root), kind, origin);
    } else if (k == "CronJob") {
      add(set_.cron_jobs, read_cron_job(root), kind, origin);
    } else if (k == "PriorityClass") {
      add(set_.priority_classes, read_priority_class(root), kind, origin);
    } else {
      read_other(kind, root, origin);
    }
  }

  void read_other(const KindInfo& kind, const Field& root, const ObjectOrigin& origin) {
    OtherObject other;
    other.api_version = root["apiVersion"].string();
    other.kind = std::string(kind.kind);
    // Ignored kinds keep their own name rules (RBAC names may hold ':'), so only presence is checked there.
    if (kind.handling == KindHandling::kIgnored) {
      root["metadata"].require_object();
      other.metadata.name = root["metadata"]["name"].string();
      if (other.metadata.name.empty()) {
        root["metadata"]["name"].fail("metadata.name: Required value: name or generateName is required");
      }
      other.metadata.ns = kind.namespaced ? root["metadata"]["namespace"].string("default") : "";
      other.metadata.labels = root["metadata"]["labels"].string_map();
    } else {
      other.metadata = read_object_meta(root["metadata"], kind.namespaced, NameRule::kSubdomain);
    }
    std::vector<OtherObject>* list = &set_.ignored;
    if (kind.kind == "HorizontalPodAutoscaler") list = &set_.horizontal_pod_autoscalers;
    if (kind.kind == "NodePool") list = &set_.node_pools;
    if (kind.kind == "EC2NodeClass") list = &set_.ec2_node_classes;
    if (kind.kind == "ScaledObject") list = &set_.scaled_objects;
    add(*list, std::move(other), kind, origin);
  }

  // Duplicates are refused at once (the second object is the error); namespaces are checked at the end, so a
  // Namespace may come after the objects in it.
  void remember(const KindInfo& kind, const ObjectMeta& meta, const ObjectOrigin& origin) {
    const auto key = std::make_tuple(std::string(kind.kind), meta.ns, meta.name);
    const auto [it, inserted] = seen_.try_emplace(key, origin);
    if (!inserted) {
      const ObjectContext context{&origin, describe(kind.kind, meta)};
      Field(context, origin.json())["metadata"]["name"].fail(std::string(kind.resource) + " \"" + meta.name +
                                                             "\" already exists (first at " + it->second.where() + ")");
    }
    if (kind.namespaced) uses_.push_back({describe(kind.kind, meta), meta.ns, origin});
    if (kind.kind == "Namespace") declared_.push_back(meta.name);
  }

  void check_namespaces() const {
    std::vector<std::string> known = kBuiltInNamespaces;
    known.insert(known.end(), declared_.begin(), declared_.end());
    for (const NamespaceUse& use : uses_) {
      if (std::find(known.begin(), known.end(), use.ns) != known.end()) continue;
      const ObjectContext context{&use.origin, use.object};
      const std::optional<std::string> near = closest_name(use.ns, declared_);
      Field(context, use.origin.json())["metadata"]["namespace"].fail(
          "namespaces \"" + use.ns + "\" not found" + (near ? " (did you mean \"" + *near + "\"?)" : ""));
    }
  }

  // An object's namespace, checked once every Namespace is known.
  struct NamespaceUse {
    std::string object;
    std::string ns;
    ObjectOrigin origin;
  };

  ManifestSet set_;
  std::map<std::tuple<std::string, std::string, std::string>, ObjectOrigin> seen_;
  std::vector<NamespaceUse> uses_;
  std::vector<std::string> declared_;
};

}  // namespace

ManifestSource ManifestSource::yaml(std::string file, std::string text) {
  ManifestSource s;
  s.file = std::move(file);
  s.text = std::move(text);
  return s;
}

ManifestSource ManifestSource::inline_object(std::string pointer, nlohmann::json object) {
  ManifestSource s;
  s.pointer = std::move(pointer);
  s.object = std::move(object);
  return s;
}

std::string describe(std::string_view kind, const ObjectMeta& metadata) {
  std::string out(kind);
  if (metadata.name.empty()) return out;  // not named yet: the error is about the name
  out += ' ';
  if (!metadata.ns.empty()) out += metadata.ns + "/";
  return out + metadata.name;
}

ManifestSet read_manifests(const std::vector<ManifestSource>& sources, const std::vector<std::string>& existing) {
  Reader reader;
  for (const ManifestSource& s : sources) reader.read_source(s);
  return reader.finish(existing);
}

}  // namespace fleetsim::kube
