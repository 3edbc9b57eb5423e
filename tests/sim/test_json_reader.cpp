#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/scenario/json_reader.hpp"

namespace Catch {
template <>
struct StringMaker<fleetsim::SourcePos> {
  static std::string convert(const fleetsim::SourcePos& p) {
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  }
};
}  // namespace Catch

using fleetsim::append_pointer;
using fleetsim::JsonDocument;
using fleetsim::JsonSyntaxError;
using fleetsim::SourcePos;

namespace {

SourcePos at(int line, int column) { return SourcePos{line, column}; }

// Parses `text`, which must fail at exactly (line, column) with a detail containing `fragment`.
void require_error(const std::string& text, int line, int column, const std::string& fragment) {
  INFO("input: " << text);
  try {
    JsonDocument::parse(text);
    FAIL("expected JsonSyntaxError");
  } catch (const JsonSyntaxError& e) {
    INFO("detail: " << e.detail());
    CHECK(e.pos().line == line);
    CHECK(e.pos().column == column);
    CHECK_THAT(e.detail(), Catch::Contains(fragment));
  }
}

// One bad input: where it must fail and a fragment of the detail.
struct BadInput {
  std::string text;
  int line, column;
  std::string fragment;
};

// require_error for each of `cases`.
void require_errors(const std::vector<BadInput>& cases) {
  for (const BadInput& c : cases) require_error(c.text, c.line, c.column, c.fragment);
}

const char* const kScenarioText = R"(// leading comment
{
  "name": "demo", /* inline */
  "workloads": [
    { "rate": 2.5 },
    // between elements
    {"rate": 10}
  ],
  "a/b": {"m~n": true}
}
)";

}  // namespace

TEST_CASE("parse builds the value", "[json_reader]") {
  const JsonDocument doc = JsonDocument::parse(kScenarioText);
  const nlohmann::json& root = doc.root();
  CHECK(root["name"] == "demo");
  REQUIRE(root["workloads"].size() == 2);
  CHECK(root["workloads"][0]["rate"].get<double>() == 2.5);
  CHECK(root["workloads"][1]["rate"].is_number_integer());
  CHECK(root["workloads"][1]["rate"].get<std::int64_t>() == 10);
  CHECK(root["a/b"]["m~n"] == true);
  CHECK(root.size() == 3);
}

TEST_CASE("positions of values, members and array elements", "[json_reader]") {
  const JsonDocument doc = JsonDocument::parse(kScenarioText);
  CHECK(doc.position_of("") == at(2, 1));
  CHECK(doc.position_of("/name") == at(3, 11));
  CHECK(doc.key_position_of("/name") == at(3, 3));
  CHECK(doc.position_of("/workloads") == at(4, 16));
  CHECK(doc.position_of("/workloads/0") == at(5, 5));
  CHECK(doc.position_of("/workloads/0/rate") == at(5, 15));
  CHECK(doc.key_position_of("/workloads/0/rate") == at(5, 7));
  CHECK(doc.position_of("/workloads/1") == at(7, 5));
  CHECK(doc.key_position_of("/workloads/1") == at(7, 5));
  CHECK(doc.position_of("/workloads/1/rate") == at(7, 14));
  CHECK(doc.position_of("/a~1b") == at(9, 10));
  CHECK(doc.position_of("/a~1b/m~0n") == at(9, 18));
  CHECK(doc.key_position_of("/a~1b/m~0n") == at(9, 11));
}

TEST_CASE("position_of falls back to the nearest recorded ancestor", "[json_reader]") {
  JsonDocument doc = JsonDocument::parse(kScenarioText);
  doc.root()["added"]["x"] = 1;  // as a --set override would
  CHECK(doc.position_of("/added/x") == at(2, 1));
  CHECK(doc.position_of("/workloads/7") == at(4, 16));
  CHECK(doc.position_of("/workloads/1/rate/deeper") == at(7, 14));
  // Unescaped, "/a/b" names a different path: it must not find "/a~1b".
  CHECK(doc.position_of("/a/b") == at(2, 1));
  // Tokens that RFC 6901 does not allow as indexes or escapes match nothing.
  CHECK(doc.position_of("/workloads/01") == at(4, 16));
  CHECK(doc.position_of("/workloads/-") == at(4, 16));
  CHECK(doc.position_of("/a~2b") == at(2, 1));
  CHECK(doc.position_of("/name/0") == at(3, 11));
  CHECK(doc.key_position_of("/workloads/0/rate/x") == at(5, 7));
  CHECK(JsonDocument().position_of("") == at(0, 0));
}

TEST_CASE("empty keys and many elements get distinct pointers", "[json_reader]") {
  const JsonDocument doc = JsonDocument::parse("{\"\": {\"\": 1},\n \"list\": [0,1,2,3,4,5,6,7,8,9,10,11]}");
  CHECK(doc.position_of("/") == at(1, 6));
  CHECK(doc.position_of("//") == at(1, 11));
  // "/list/10" sorts before "/list/2"; both must still be found.
  CHECK(doc.position_of("/list/2") == at(2, 15));
  CHECK(doc.position_of("/list/10") == at(2, 31));
  CHECK(doc.position_of("/list/11") == at(2, 34));
}

TEST_CASE("columns count bytes; CRLF and BOM", "[json_reader]") {
  // "\xC3\xA9" is one character but two bytes.
  const JsonDocument utf8 = JsonDocument::parse("{\"\xC3\xA9\": 1, \"x\": 2}");
  CHECK(utf8.position_of("/x") == at(1, 16));
  CHECK(utf8.root().contains("\xC3\xA9"));

  const JsonDocument crlf = JsonDocument::parse("{\r\n  \"a\": 1\r\n}");
  CHECK(crlf.position_of("/a") == at(2, 8));

  const JsonDocument bom = JsonDocument::parse("\xEF\xBB\xBF{\"a\": 1}");
  CHECK(bom.position_of("") == at(1, 1));
  CHECK(bom.position_of("/a") == at(1, 7));
}

TEST_CASE("append_pointer escapes per RFC 6901", "[json_reader]") {
  CHECK(append_pointer("/a", "b/c") == "/a/b~1c");
  CHECK(append_pointer("", "m~n") == "/m~0n");
  CHECK(append_pointer("", "~1") == "/~01");  // '~' first so the result is not read back as '/'
  CHECK(append_pointer("", "") == "/");
  CHECK(append_pointer("/workloads", std::size_t{0}) == "/workloads/0");
  CHECK(append_pointer("/workloads", std::size_t{42}) == "/workloads/42");
}

TEST_CASE("strings: escapes and UTF-8", "[json_reader]") {
  const JsonDocument doc =
      JsonDocument::parse(R"(["a\"b\\c\/d\b\f\n\r\t", "\u00e9", "\ud83d\ude00", "\u0041", "x\u0000y"])");
  const nlohmann::json& r = doc.root();
  CHECK(r[0] == "a\"b\\c/d\b\f\n\r\t");
  CHECK(r[1] == "\xC3\xA9");
  CHECK(r[2] == "\xF0\x9F\x98\x80");
  CHECK(r[3] == "A");
  CHECK(r[4].get<std::string>() == std::string("x\0y", 3));
  // The largest code point and the last ones before and after the surrogates are well formed.
  const JsonDocument edges = JsonDocument::parse("[\"\xF4\x8F\xBF\xBF\", \"\xED\x9F\xBF\", \"\xEE\x80\x80\"]");
  CHECK(edges.root()[0].get<std::string>() == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("ill-formed UTF-8 is refused at its first byte, wherever it stands", "[json_reader]") {
  // RFC 3629's forms, each at line 2 column 8 (inside a string), and once in a comment and once in a key.
  const std::pair<const char*, const char*> cases[] = {
      {"\xFF\xFE", "byte that UTF-8 never uses"},
      {"\xED\xA0\x80", "encoded UTF-16 surrogate"},  // U+D800
      {"\xED\xBF\xBF", "encoded UTF-16 surrogate"},  // U+DFFF
      {"\xC0\xAF", "overlong form"},                 // '/' in two bytes
      {"\xE0\x80\xAF", "overlong form"},             // '/' in three bytes
      {"\xF0\x80\x80\xAF", "overlong form"},         // '/' in four bytes
      {"\xF4\x90\x80\x80", "past U+10FFFF"},         // U+110000
      {"\xF5\x80\x80\x80", "past U+10FFFF"},
      {"\xE2\x82", "truncated sequence"},  // the euro sign without its last byte
      {"\xF0\x9F\x98", "truncated sequence"},
      {"\x80", "continuation byte without a lead byte"},
  };
  for (const auto& [bytes, why] : cases) {
    require_error(std::string("[1,\n  \"ab") + bytes + "\"]", 2, 6, why);
    require_error(std::string("// c") + bytes + "\n1", 1, 5, why);
    require_error(std::string("{\"k") + bytes + "\": 1}", 1, 4, why);
  }
  // A sequence cut off by the end of the text, and the byte order mark not counted in columns.
  require_errors({{"\"\xE2\x82", 1, 2, "truncated sequence"}, {"\xEF\xBB\xBF\"\xC0\xAF\"", 1, 2, "overlong form"}});
}

TEST_CASE("integers that fit int64 are integers; larger become unsigned or double", "[json_reader]") {
  const JsonDocument doc = JsonDocument::parse(
      "[9223372036854775807, -9223372036854775808, 9223372036854775808, 18446744073709551615,"
      " 18446744073709551616, -9223372036854775809, 0, -0, 1.0, 1e2, 1e308, 1e-400, -1e-400]");
  const nlohmann::json& r = doc.root();
  CHECK(r[0].is_number_integer());
  CHECK_FALSE(r[0].is_number_unsigned());
  CHECK(r[0].get<std::int64_t>() == std::numeric_limits<std::int64_t>::max());
  CHECK(r[1].get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
  CHECK_FALSE(r[1].is_number_float());
  CHECK(r[2].is_number_unsigned());
  CHECK(r[2].get<std::uint64_t>() == 9223372036854775808ULL);
  CHECK(r[3].is_number_unsigned());
  CHECK(r[3].get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
  CHECK(r[4].is_number_float());
  CHECK(r[4].get<double>() == 18446744073709551616.0);
  CHECK(r[5].is_number_float());
  CHECK(r[5].get<double>() == -9223372036854775809.0);
  CHECK(r[6].is_number_integer());
  CHECK(r[7].is_number_integer());
  CHECK(r[7].get<std::int64_t>() == 0);
  CHECK(r[8].is_number_float());
  CHECK(r[9].is_number_float());
  CHECK(r[9].get<double>() == 100.0);
  CHECK(r[10].get<double>() == 1e308);
  // Below the smallest subnormal rounds to zero, keeping the sign; it is not an error.
  CHECK(r[11].get<double>() == 0.0);
  CHECK_FALSE(std::signbit(r[11].get<double>()));
  CHECK(std::signbit(r[12].get<double>()));
}

TEST_CASE("numbers that overflow double are errors", "[json_reader]") {
  require_errors({{"{\"x\": 1e309}", 1, 7, "number out of range"},
                  {"[1, -1.5e400]", 1, 5, "number out of range"},
                  {"\n  " + std::string(400, '9'), 2, 3, "number out of range"},
                  {"[0.00000000001e400]", 1, 2, "number out of range"}});
}

TEST_CASE("malformed numbers", "[json_reader]") {
  require_errors({{"[01]", 1, 2, "leading zeros"},
                  {"[-]", 1, 3, "expected digit after '-'"},
                  {"[1.]", 1, 4, "expected digit after '.'"},
                  {"[1e+]", 1, 5, "expected digit in number exponent"},
                  {"[+1]", 1, 2, "expected a JSON value"},
                  {"[.5]", 1, 2, "expected a JSON value"},
                  {"[NaN]", 1, 2, "expected a JSON value"}});
}

TEST_CASE("duplicate keys are rejected at the second key", "[json_reader]") {
  require_error("{\n  \"name\": 1,\n  \"name\": 2\n}", 3, 3, "duplicate key \"name\"");
  // The same key in different objects is fine.
  const JsonDocument doc = JsonDocument::parse(R"({"a": {"name": 1}, "b": {"name": 2}})");
  CHECK(doc.root()["b"]["name"] == 2);
  // Keys equal after unescaping are duplicates.
  require_error(R"({"ab": 1, "a\u0062": 2})", 1, 11, "duplicate key \"ab\"");
}

TEST_CASE("trailing commas are rejected", "[json_reader]") {
  require_errors({{"{\"a\": 1,}", 1, 9, "trailing commas are not allowed"},
                  {"[1, 2,\n]", 2, 1, "trailing commas are not allowed"},
                  {"[,]", 1, 2, "expected a JSON value"}});
}

TEST_CASE("structural errors say what was expected", "[json_reader]") {
  require_errors({{"{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after object member"},
                  {"{\"a\" 1}", 1, 6, "expected ':' after object key"},
                  {"{a: 1}", 1, 2, "expected string key or '}'"},
                  {"[1 2]", 1, 4, "expected ',' or ']' after array element"},
                  {"[1, 2", 1, 6, "found end of input"},
                  {"{\"a\": ", 1, 7, "expected a JSON value, found end of input"},
                  {"[tru]", 1, 2, "expected 'true'"},
                  {"nul", 1, 1, "expected 'null'"}});
}

TEST_CASE("string errors", "[json_reader]") {
  require_errors({{"{\"a\": \"abc", 1, 7, "unterminated string"},
                  {"[\"ab\\q\"]", 1, 5, "invalid escape '\\q'"},
                  {"[\"ab\\u12G4\"]", 1, 5, "4 hex digits"},
                  {"[\"\\ud800\"]", 1, 3, "surrogate"},
                  {"[\"\\udc00\"]", 1, 3, "surrogate"},
                  {"[\"a\tb\"]", 1, 4, "control character"},
                  {"[\"ab\ncd\"]", 1, 5, "control character"}});
}

TEST_CASE("comment errors", "[json_reader]") {
  require_errors({{"[1, /* never\n closed", 1, 5, "unterminated block comment"},
                  {"[1 / 2]", 1, 4, "expected '/' or '*' after '/'"}});
  // Comments are allowed wherever whitespace is, including right before the end.
  const JsonDocument doc = JsonDocument::parse("/*a*/[/*b*/1/*c*/,//d\n2]//e");
  CHECK(doc.root() == nlohmann::json::array({1, 2}));
  CHECK(doc.position_of("/1") == at(2, 1));
}

TEST_CASE("empty input and trailing garbage", "[json_reader]") {
  require_errors({{"", 1, 1, "empty input"},
                  {"  \n // only a comment\n", 3, 1, "empty input"},
                  {"{} x", 1, 4, "expected end of input"},
                  {"1 2", 1, 3, "expected end of input"},
                  {"{}}", 1, 3, "expected end of input"}});
}

TEST_CASE("nesting limit is 256 levels and never overflows the stack", "[json_reader]") {
  const std::string ok = std::string(256, '[') + std::string(256, ']');
  CHECK_NOTHROW(JsonDocument::parse(ok));
  require_errors({{std::string(257, '[') + std::string(257, ']'), 1, 257, "nesting deeper than 256 levels"},
                  {std::string(300, '['), 1, 257, "nesting deeper than 256 levels"}});
  std::string objects;
  for (int i = 0; i < 300; ++i) objects += "{\"k\":";
  require_errors({{objects, 1, 5 * 256 + 1, "nesting deeper than 256 levels"},
                  {std::string(100000, '['), 1, 257, "nesting deeper than 256 levels"}});
}

TEST_CASE("JsonSyntaxError carries position in what()", "[json_reader]") {
  try {
    JsonDocument::parse("{\n  \"name\": 1,\n  \"name\": 2\n}");
    FAIL("expected JsonSyntaxError");
  } catch (const std::runtime_error& e) {
    CHECK(std::string(e.what()) == "line 3, column 3: duplicate key \"name\"");
  }
}

TEST_CASE("a large trace-like array keeps every position", "[json_reader]") {
  std::string text = "{\"trace\": [\n";
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    text += "  {\"t\": " + std::to_string(i) + ".5, \"id\": " + std::to_string(i) + "}";
    text += i + 1 < n ? ",\n" : "\n";
  }
  text += "]}";
  const JsonDocument doc = JsonDocument::parse(text);
  REQUIRE(doc.root()["trace"].size() == static_cast<std::size_t>(n));
  CHECK(doc.root()["trace"][n - 1]["id"] == n - 1);
  CHECK(doc.position_of("/trace/0") == at(2, 3));
  CHECK(doc.position_of("/trace/19999") == at(20001, 3));
  CHECK(doc.position_of("/trace/12345/id") == at(12347, 24));
}
