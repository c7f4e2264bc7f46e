// fuzz_util.h: small helpers shared by the fuzz targets.
//
// The checks here are written independently of pith's own code (for example
// IsStrictUtf8 does not call decode::ValidUtf8Prefix), so that a bug in pith
// cannot hide itself by being shared with the check.
#ifndef PITH_TESTS_FUZZ_FUZZ_UTIL_H_
#define PITH_TESTS_FUZZ_FUZZ_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace pith_fuzz {

// Prints `what` (and a short hex excerpt of `value`, if given) and aborts:
// libFuzzer reports the abort as a crash and saves the input.
[[noreturn]] inline void Fail(const char* what, std::string_view value = {}) {
  std::fprintf(stderr, "\n*** pith fuzz invariant violated: %s\n", what);
  if (!value.empty()) {
    std::fprintf(stderr, "*** value (%zu bytes), first bytes:", value.size());
    for (size_t i = 0; i < value.size() && i < 64; ++i)
      std::fprintf(stderr, " %02x", static_cast<unsigned char>(value[i]));
    std::fprintf(stderr, "\n");
  }
  std::abort();
}

#define PITH_FUZZ_CHECK(cond, ...) \
  do {                             \
    if (!(cond)) ::pith_fuzz::Fail("CHECK(" #cond ") " __VA_ARGS__); \
  } while (0)

// Offset of the first byte that is not part of valid UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or s.size().
inline size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // Allowed range of the second byte.
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c == 0xE0) { len = 3; lo = 0xA0; }
    else if (c >= 0xE1 && c <= 0xEC) len = 3;
    else if (c == 0xED) { len = 3; hi = 0x9F; }
    else if (c >= 0xEE && c <= 0xEF) len = 3;
    else if (c == 0xF0) { len = 4; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) len = 4;
    else if (c == 0xF4) { len = 4; hi = 0x8F; }
    else return i;
    if (n - i < len) return i;
    unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (size_t k = 2; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    i += len;
  }
  return n;
}

// Aborts unless `s` is valid UTF-8 without any NUL byte. `what` names the
// string in the report.
inline void CheckUtf8NoNul(std::string_view s, const char* what) {
  size_t bad = FirstInvalidUtf8(s);
  if (bad != s.size()) {
    std::fprintf(stderr, "\n*** %s: invalid UTF-8 at byte %zu of %zu\n", what, bad, s.size());
    Fail("output is not valid UTF-8", s.substr(bad >= 16 ? bad - 16 : 0));
  }
  size_t nul = s.find('\0');
  if (nul != std::string_view::npos) {
    std::fprintf(stderr, "\n*** %s: NUL byte at offset %zu of %zu\n", what, nul, s.size());
    Fail("output holds a NUL byte", s.substr(nul >= 16 ? nul - 16 : 0));
  }
}

// The folder of bundled rules: $PITH_RULES_DIR, else the path baked in at
// compile time (-DPITH_FUZZ_RULES_DIR="<source>/rules").
inline std::string RulesDir() {
  if (const char* env = std::getenv("PITH_RULES_DIR"); env && *env) return env;
#ifdef PITH_FUZZ_RULES_DIR
  return PITH_FUZZ_RULES_DIR;
#else
  return "rules";
#endif
}

}  // namespace pith_fuzz

#endif  // PITH_TESTS_FUZZ_FUZZ_UTIL_H_
