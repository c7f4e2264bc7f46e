#include "filter/script.h"

#include <re2/re2.h>

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

uint32_t CountCodepoints(re2::StringPiece s) {
  uint32_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
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
  ScriptCounts counts;
  const RE2& re = ScriptPattern();
  constexpr int kGroups = static_cast<int>(Script::kCount);
  re2::StringPiece groups[kGroups + 1];
  re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  while (pos < input.size() &&
         re.Match(input, pos, input.size(), RE2::UNANCHORED, groups, kGroups + 1)) {
    for (int g = 1; g <= kGroups; ++g) {
      if (groups[g].data() != nullptr) {
        counts.letters[g - 1] += CountCodepoints(groups[g]);
        break;
      }
    }
    size_t next = static_cast<size_t>(groups[0].data() - input.data()) + groups[0].size();
    pos = next > pos ? next : pos + 1;
  }
  return counts;
}

}  // namespace pith::filter
