// script: which writing system a text is in, from re2's \p{Script} classes.
//
// Letters are counted per script family: Latin, Cyrillic, Greek, Arabic,
// Hebrew, CJK (Han, Hiragana, Katakana, Hangul and Bopomofo together, so a
// Japanese or Korean page mixing them counts as one script), Thai,
// Devanagari, Armenian, Georgian, Ethiopic, and Other for the remaining
// letters. Digits, punctuation and symbols are not letters and count for
// nothing.
#ifndef PITH_FILTER_SCRIPT_H_
#define PITH_FILTER_SCRIPT_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>

namespace pith::filter {

enum class Script : uint8_t {
  kLatin, kCyrillic, kGreek, kArabic, kHebrew, kCjk, kThai, kDevanagari, kArmenian,
  kGeorgian, kEthiopic, kOther, kCount
};

const char* ScriptName(Script s);

struct ScriptCounts {
  std::array<uint32_t, static_cast<size_t>(Script::kCount)> letters{};
  uint32_t total() const;
  // The script with the most letters (kOther when there are none).
  Script dominant() const;
  uint32_t of(Script s) const { return letters[static_cast<size_t>(s)]; }
  void Add(const ScriptCounts& o);
};

// Counts letters per script, remembering what each character is: one
// ScriptCounter for all the texts of a page classifies each distinct
// character once. Not thread-safe; cheap to create.
class ScriptCounter {
 public:
  ScriptCounter();
  ~ScriptCounter();
  // Counts the letters of valid UTF-8 `text` per script.
  ScriptCounts Count(std::string_view text);

 private:
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

// The same with a counter of its own.
ScriptCounts CountScripts(std::string_view text);

// For tests: the group (a Script value) of the one UTF-8 character `ch` by
// the \p{Script} pattern alone, or -1 for a non-letter; and what the
// counter's shortcut gives `code_point` without the pattern: a group, -1
// for a non-letter, or -2 when it has no shortcut.
int ClassifyByPattern(std::string_view ch);
int KnownScript(uint32_t code_point);

}  // namespace pith::filter

#endif  // PITH_FILTER_SCRIPT_H_
