// util/ascii: ASCII case folding, for the names HTML and HTTP compare
// case-insensitively (tags, attributes, hosts, charsets, media types).
// Bytes outside A-Z, UTF-8 included, are left as they are.
#ifndef PITH_UTIL_ASCII_H_
#define PITH_UTIL_ASCII_H_

#include <string>
#include <string_view>

namespace pith::util {

inline char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

}  // namespace pith::util

#endif  // PITH_UTIL_ASCII_H_
