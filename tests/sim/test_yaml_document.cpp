#include <catch2/catch.hpp>
#include <string>

#include "sim/scenario/yaml_document.hpp"

using fleetsim::JsonDocument;
using fleetsim::JsonSyntaxError;
using fleetsim::parse_yaml_documents;
using fleetsim::SourcePos;

namespace {

std::string at(SourcePos p) { return std::to_string(p.line) + ":" + std::to_string(p.column); }

// Parses `text`, which must fail at exactly line:column with a detail containing `fragment`.
void require_error(const std::string& text, const std::string& where, const std::string& fragment) {
  INFO("input: " << text);
  try {
    parse_yaml_documents(text);
    FAIL("expected JsonSyntaxError");
  } catch (const JsonSyntaxError& e) {
    CHECK(at(e.pos()) == where);
    CHECK_THAT(e.detail(), Catch::Contains(fragment));
  }
}

const char* const manifest = R"(# two objects
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels: {app: api, "tier": web}
spec:
  replicas: 3
  template:
    spec:
      containers:
      - name: app
        image: "nginx:1.25"
        args:
          - --port=8080
---
---
# comment only
---
apiVersion: v1
kind: Service
metadata:
  name: api
)";

}  // namespace

TEST_CASE("multi-document YAML becomes located documents, empty ones skipped", "[yaml]") {
  const std::vector<JsonDocument> docs = parse_yaml_documents(manifest);
  REQUIRE(docs.size() == 2);
  const nlohmann::json& d = docs[0].root();
  CHECK(d["kind"] == "Deployment");
  CHECK(d["spec"]["replicas"] == 3);
  CHECK(d["spec"]["replicas"].is_number_integer());
  CHECK(d["metadata"]["labels"] == nlohmann::json({{"app", "api"}, {"tier", "web"}}));
  CHECK(d["spec"]["template"]["spec"]["containers"][0]["args"][0] == "--port=8080");
  CHECK(at(docs[0].position_of("/kind")) == "3:7");
  CHECK(at(docs[0].key_position_of("/kind")) == "3:1");
  CHECK(at(docs[0].position_of("/metadata/labels/tier")) == "6:30");
  CHECK(at(docs[0].key_position_of("/metadata/labels/tier")) == "6:22");
  CHECK(at(docs[0].position_of("/spec/template/spec/containers/0")) == "12:9");
  CHECK(at(docs[0].position_of("/spec/template/spec/containers/0/image")) == "13:16");
  CHECK(at(docs[0].position_of("/spec/template/spec/containers/0/args/0")) == "15:13");
  // A pointer past what was recorded falls back to the nearest ancestor.
  CHECK(at(docs[0].position_of("/spec/replicas/x")) == "8:13");
  CHECK(docs[1].root()["kind"] == "Service");
  CHECK(at(docs[1].position_of("/metadata/name")) == "23:9");
}

TEST_CASE("scalars resolve as sigs.k8s.io/yaml resolves them", "[yaml]") {
  const auto doc = parse_yaml_documents(R"(
int: 42
neg: -7
hex: 0x1F
octal: 0777
under: 1_000
float: 2.5
exp: 129e6
big: 18446744073709551615
quoted: "42"
single: '0.5'
bool1: true
bool2: yes
bool3: Off
nul: ~
empty:
tilde_str: "~"
word: 500m
version: 1.25.3
block: |
  line
tagged: !!str 12
)")[0]
                       .root();
  CHECK(doc["int"] == 42);
  CHECK(doc["neg"] == -7);
  CHECK(doc["hex"] == 31);
  CHECK(doc["octal"] == 511);
  CHECK(doc["under"] == 1000);
  CHECK(doc["float"] == 2.5);
  CHECK(doc["exp"].is_number_integer());  // a float64 through encoding/json comes back as 129000000
  CHECK(doc["exp"] == 129000000);
  CHECK(doc["big"].is_number_unsigned());
  CHECK(doc["quoted"] == "42");
  CHECK(doc["single"] == "0.5");
  CHECK(doc["bool1"] == true);
  CHECK(doc["bool2"] == true);
  CHECK(doc["bool3"] == false);
  CHECK(doc["nul"].is_null());
  CHECK(doc["empty"].is_null());
  CHECK(doc["tilde_str"] == "~");
  CHECK(doc["word"] == "500m");
  CHECK(doc["version"] == "1.25.3");
  CHECK(doc["block"] == "line\n");
  CHECK(doc["tagged"] == "12");
}

TEST_CASE("anchors, aliases and merge keys are expanded", "[yaml]") {
  const auto docs = parse_yaml_documents(R"(base: &base
  cpu: 250m
  memory: 1Gi
copy: *base
merged:
  <<: *base
  cpu: 500m
)");
  const nlohmann::json& d = docs[0].root();
  CHECK(d["copy"] == d["base"]);
  CHECK(d["merged"]["cpu"] == "500m");
  CHECK(d["merged"]["memory"] == "1Gi");
  CHECK(at(docs[0].position_of("/copy/cpu")) == "4:7");       // inside an alias: the alias
  CHECK(at(docs[0].position_of("/merged/memory")) == "6:7");  // a merged key: the merge's value
  CHECK(at(docs[0].position_of("/merged/cpu")) == "7:8");
}

TEST_CASE("an anchored key can be reused through its alias", "[yaml]") {
  const auto docs = parse_yaml_documents("a: {&k app: web}\nb: {*k : api}\n");
  CHECK(docs[0].root()["b"]["app"] == "api");
}

TEST_CASE("a document that is a list or a scalar keeps its root; nulls are skipped", "[yaml]") {
  CHECK(parse_yaml_documents("").empty());
  CHECK(parse_yaml_documents("---\n...\n---\nnull\n").empty());
  const auto docs = parse_yaml_documents("- a\n- b\n");
  REQUIRE(docs.size() == 1);
  CHECK(docs[0].root() == nlohmann::json({"a", "b"}));
  CHECK(at(docs[0].position_of("/1")) == "2:3");
}

TEST_CASE("columns count bytes, as the JSON reader's do", "[yaml]") {
  const auto docs = parse_yaml_documents("name: \xC3\xA9t\xC3\xA9\nnext: {a: 1, \xC3\xA9: 2, b: 3}\n");
  CHECK(at(docs[0].position_of("/next/b")) == "2:24");
}

TEST_CASE("bad YAML is a located JsonSyntaxError", "[yaml]") {
  require_error("a: b: c\n", "1:5", "mapping values are not allowed in this context");
  require_error("metadata:\n  name: x\n name: y\n", "3:2", "did not find expected key");
  require_error("a: 1\na: 2\n", "2:1", "duplicate key \"a\"");
  require_error("a: *nope\n", "1:4", "unknown anchor 'nope'");
  require_error("a: [1, 2\n", "2:1", "did not find expected ',' or ']'");
  require_error("a: \"unterminated\n", "2:1", "found unexpected end of stream");
  require_error("x: .inf\n", "1:4", "not a number JSON can hold");
  require_error("ok: 1\nbad: \xFF\n", "2:6", "ill-formed UTF-8");
  require_error("? [a]\n: 1\n", "1:3", "cannot be a key");
}

TEST_CASE("aliases that would expand without bound are refused", "[yaml]") {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int k = 1; k < 12; ++k) {
    text += "a" + std::to_string(k) + ": &a" + std::to_string(k) + " [";
    for (int j = 0; j < 10; ++j) text += std::string(j ? ", " : "") + "*a" + std::to_string(k - 1);
    text += "]\n";
  }
  CHECK_THROWS_WITH(parse_yaml_documents(text), Catch::Contains("aliases expand to more than"));
}
