/// libFuzzer target: the JSON reader with positions. Any input either parses or throws JsonSyntaxError with a
/// position inside the text; what parses is well-formed UTF-8 (it dumps), re-reads to the same value, and every
/// value has a position.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "sim/scenario/json_reader.hpp"

using fleetsim::JsonDocument;
using fleetsim::JsonSyntaxError;
using fleetsim::SourcePos;

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

// 1 + the number of lines of `text`: no reported line may exceed it.
int line_count(std::string_view text) {
  int lines = 1;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  JsonDocument doc;
  try {
    doc = JsonDocument::parse(text);
  } catch (const JsonSyntaxError& e) {
    require(e.pos().line >= 1 && e.pos().line <= line_count(text) && e.pos().column >= 1);
    require(static_cast<std::size_t>(e.pos().column) <= size + 1);
    return 0;
  }
  const std::string dumped = doc.root().dump();  // throws (and so fails) on ill-formed UTF-8 in a string
  require(JsonDocument::parse(dumped).root() == doc.root());
  const nlohmann::json flat = doc.root().flatten();  // a named value: items() of a temporary would dangle
  for (const auto& [pointer, value] : flat.items()) {
    const SourcePos at = doc.position_of(pointer);
    require(at.line >= 1 && at.line <= line_count(text) && at.column >= 1);
    require(doc.key_position_of(pointer).line >= 1);
  }
  return 0;
}
