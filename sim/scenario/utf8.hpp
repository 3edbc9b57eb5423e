#pragma once
/// UTF-8 as RFC 3629 defines it: checking text and encoding code points.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fleetsim {

/// The first byte of `text` that does not start a well-formed UTF-8 sequence, and why.
struct Utf8Problem {
  std::size_t offset = 0;  ///< byte offset of the sequence's first byte
  std::string reason;      ///< e.g. "an encoded UTF-16 surrogate"; empty when the text is well formed
};

/// Checks `text` (no overlong forms, no encoded surrogates, nothing past U+10FFFF, no truncated or
/// stray bytes); the result's reason is empty when the whole text is well formed.
Utf8Problem first_ill_formed_utf8(std::string_view text);

/// Appends code point `cp` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace fleetsim
