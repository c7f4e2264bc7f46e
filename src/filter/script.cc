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

namespace {

// Characters whose script and letterhood are certain without a lookup:
// the letters of Latin-1, Latin Extended-A, the basic Russian alphabet,
// CJK unified ideographs, kana, Hangul syllables and the basic Arabic
// letters (all letters, in one script each, in every Unicode version), and
// the common punctuation and symbol blocks, which hold no letter. Returns a
// group, kNotLetter, or kNoShortcut when the pattern must decide. `cp` is
// the code point.
constexpr int kNotLetter = -1, kNoShortcut = -2;
int KnownGroup(uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0x17F && cp != 0xD7 && cp != 0xF7) return static_cast<int>(Script::kLatin);
  if ((cp >= 0x410 && cp <= 0x44F) || cp == 0x401 || cp == 0x451)
    return static_cast<int>(Script::kCyrillic);
  if ((cp >= 0x4E00 && cp <= 0x9FCC) || (cp >= 0x3041 && cp <= 0x3096) ||
      (cp >= 0x30A1 && cp <= 0x30FA) || (cp >= 0xAC00 && cp <= 0xD7A3))
    return static_cast<int>(Script::kCjk);
  if ((cp >= 0x621 && cp <= 0x63A) || (cp >= 0x641 && cp <= 0x64A))
    return static_cast<int>(Script::kArabic);
  // Latin-1 punctuation and symbols (but ª, µ and º are letters), × and ÷,
  // General Punctuation, currency symbols, CJK and fullwidth punctuation.
  if ((cp >= 0xA0 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 ||
      cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20BF) ||
      (cp >= 0x3000 && cp <= 0x3004) || (cp >= 0x3008 && cp <= 0x3011) ||
      (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20))
    return kNotLetter;
  return kNoShortcut;
}

}  // namespace

struct ScriptCounter::Cache {
  std::unordered_map<uint32_t, int8_t> seen;  // UTF-8 bytes -> group (-1: not a letter).
};

ScriptCounter::ScriptCounter() : cache_(std::make_unique<Cache>()) {}
ScriptCounter::~ScriptCounter() = default;

ScriptCounts ScriptCounter::Count(std::string_view text) {
  // ASCII letters are Latin and other ASCII bytes are not letters; the
  // commonest other characters are known (KnownGroup). Each distinct remaining
  // character is classified once with the \p{Script} pattern, and
  // remembered.
  ScriptCounts counts;
  constexpr int kGroups = static_cast<int>(Script::kCount);
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
    if (len >= 2 && len <= 3) {
      uint32_t cp = len == 2 ? ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu)
                             : ((c & 0x0Fu) << 12) |
                                   ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                                   (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      int known = KnownGroup(cp);
      if (known != kNoShortcut) {
        if (known >= 0) ++counts.letters[static_cast<size_t>(known)];
        i += len;
        continue;
      }
    }
    uint32_t key = 0;
    for (size_t k = 0; k < len; ++k) key = (key << 8) | static_cast<unsigned char>(text[i + k]);
    int8_t group;
    auto it = cache_->seen.find(key);
    if (it != cache_->seen.end()) {
      group = it->second;
    } else {
      group = -1;
      re2::StringPiece ch(text.data() + i, len);
      if (ScriptPattern().Match(ch, 0, len, RE2::ANCHOR_BOTH, groups, kGroups + 1)) {
        for (int g = 1; g <= kGroups; ++g)
          if (groups[g].data() != nullptr) { group = static_cast<int8_t>(g - 1); break; }
      }
      cache_->seen.emplace(key, group);
    }
    if (group >= 0) ++counts.letters[static_cast<size_t>(group)];
    i += len;
  }
  return counts;
}

ScriptCounts CountScripts(std::string_view text) { return ScriptCounter().Count(text); }

int ClassifyByPattern(std::string_view ch) {
  constexpr int kGroups = static_cast<int>(Script::kCount);
  re2::StringPiece groups[kGroups + 1];
  if (ScriptPattern().Match(re2::StringPiece(ch.data(), ch.size()), 0, ch.size(), RE2::ANCHOR_BOTH,
                            groups, kGroups + 1))
    for (int g = 1; g <= kGroups; ++g)
      if (groups[g].data() != nullptr) return g - 1;
  return -1;
}

int KnownScript(uint32_t code_point) { return KnownGroup(code_point); }

}  // namespace pith::filter
