// util/utf8: encoding one code point as UTF-8, for the stages that build
// text from code points (JSON-LD entity decoding, word folding).
#ifndef PITH_UTIL_UTF8_H_
#define PITH_UTIL_UTF8_H_

#include <cstdint>
#include <string>

namespace pith::util {

// Appends `cp` to `out` as UTF-8. NUL, surrogates and values past U+10FFFF
// become U+FFFD, so the result is always valid UTF-8 without NUL.
inline void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(char(cp));
  } else if (cp < 0x800) {
    out->push_back(char(0xC0 | (cp >> 6)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(char(0xE0 | (cp >> 12)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(char(0xF0 | (cp >> 18)));
    out->push_back(char(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(char(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(char(0x80 | (cp & 0x3F)));
  }
}

}  // namespace pith::util

#endif  // PITH_UTIL_UTF8_H_
