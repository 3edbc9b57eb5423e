#include "sim/scenario/utf8.hpp"

namespace fleetsim {

namespace {

bool is_continuation(unsigned char b) { return b >= 0x80 && b <= 0xBF; }

// Why the sequence starting at text[i] (a byte >= 0x80) is ill formed, or "" with `length` set when it is
// well formed. The ranges are RFC 3629's table (section 4): they exclude exactly the overlong forms,
// the surrogates U+D800..U+DFFF and the code points past U+10FFFF.
const char* check_sequence(std::string_view text, std::size_t i, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (is_continuation(lead)) return "a continuation byte without a lead byte";
  if (lead == 0xC0 || lead == 0xC1) return "an overlong form";
  if (lead >= 0xF5) return "a code point past U+10FFFF or a byte that UTF-8 never uses";
  length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  for (std::size_t k = 1; k < length; ++k) {
    if (i + k >= text.size() || !is_continuation(static_cast<unsigned char>(text[i + k]))) {
      return "a truncated sequence";
    }
  }
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if ((lead == 0xE0 && second < 0xA0) || (lead == 0xF0 && second < 0x90)) return "an overlong form";
  if (lead == 0xED && second > 0x9F) return "an encoded UTF-16 surrogate";
  if (lead == 0xF4 && second > 0x8F) return "a code point past U+10FFFF";
  return "";
}

}  // namespace

Utf8Problem first_ill_formed_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 1;
    const char* reason = check_sequence(text, i, length);
    if (*reason != '\0') return Utf8Problem{i, reason};
    i += length;
  }
  return {};
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace fleetsim
