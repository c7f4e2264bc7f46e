#include "filter/script.h"

#include <re2/re2.h>

#include <unordered_map>

namespace pith::filter {
namespace {

// One capture group per Script value, in enum order; the last one takes any
// other letter. Built once; RE2 objects are thread-safe for matching.
const RE2& ScriptPattern() {
  static const RE2 re(
      "(\\p{Latin}+)|(\\p{Cyrillic}+)|(\\p{Greek}+)|(\\p{Arabic}+)|(\\p{Hebrew}+)|"
      "([\\p{Han}\\p{Hiragana}\\p{Katakana}\\p{Hangul}\\p{Bopomofo}]+)|(\\p{Thai}+)|"
      "(\\p{Devanagari}+)|(\\p{Armenian}+)|(\\p{Georgian}+)|(\\p{Ethiopic}+)|(\\pL+)");
  return re;
}

}  // namespace

const char* ScriptName(Script s) {
  static const char* const kNames[] = {"Latin", "Cyrillic", "Greek", "Arabic", "Hebrew",
                                       "CJK", "Thai", "Devanagari", "Armenian", "Georgian",
                                       "Ethiopic", "Other"};
  return kNames[static_cast<size_t>(s)];
}

uint32_t ScriptCounts::total() const {
  uint32_t t = 0;
  for (uint32_t v : letters) t += v;
  return t;
}

Script ScriptCounts::dominant() const {
  size_t best = static_cast<size_t>(Script::kOther);
  uint32_t best_count = 0;
  for (size_t k = 0; k < letters.size(); ++k) {
    if (letters[k] > best_count) {
      best = k;
      best_count = letters[k];
    }
  }
  return static_cast<Script>(best);
}

void ScriptCounts::Add(const ScriptCounts& o) {
  for (size_t k = 0; k < letters.size(); ++k) letters[k] += o.letters[k];
}

ScriptCounts CountScripts(std::string_view text) {
  // ASCII letters are Latin and other ASCII bytes are not letters: no regex
  // needed. Each distinct non-ASCII character is classified once per call
  // with the \p{Script} pattern, and remembered.
  ScriptCounts counts;
  const RE2& re = ScriptPattern();
  constexpr int kGroups = static_cast<int>(Script::kCount);
  std::unordered_map<uint32_t, int8_t> seen;  // UTF-8 bytes -> group (-1: not a letter).
  re2::StringPiece groups[kGroups + 1];
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ++counts.letters[0];
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > n) len = n - i;
    uint32_t cp = 0;
    for (size_t k = 0; k < len; ++k) cp = (cp << 8) | static_cast<unsigned char>(text[i + k]);
    int8_t group;
    auto it = seen.find(cp);
    if (it != seen.end()) {
      group = it->second;
    } else {
      group = -1;
      re2::StringPiece ch(text.data() + i, len);
      if (re.Match(ch, 0, len, RE2::ANCHOR_BOTH, groups, kGroups + 1)) {
        for (int g = 1; g <= kGroups; ++g)
          if (groups[g].data() != nullptr) { group = static_cast<int8_t>(g - 1); break; }
      }
      seen.emplace(cp, group);
    }
    if (group >= 0) ++counts.letters[static_cast<size_t>(group)];
    i += len;
  }
  return counts;
}

}  // namespace pith::filter
