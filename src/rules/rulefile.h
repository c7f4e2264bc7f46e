// rulefile: parsing one `*.rules` file into compiled rules.
//
// The format (rules/README.md is the reference): one `directive: value` per
// line, `#` starts a comment line, blank lines are ignored, UTF-8. Every
// error is reported as `file:line: message`, and an unknown directive is an
// error. Selectors are parsed with rules::Selector, patterns compiled with
// RE2 (linear-time matching on any input).
#ifndef PITH_RULES_RULEFILE_H_
#define PITH_RULES_RULEFILE_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "pith/rulebook.h"
#include "rules/selector.h"

namespace re2 {
class RE2;
}
namespace pith::rules {
class PatternSet;
}

namespace pith::rules {

// Where a rule came from, printed by --explain: `file:line`.
struct Origin {
  std::string file;
  int line = 0;
  std::string ToString() const { return file + ":" + std::to_string(line); }
};

struct SelectorRule {
  Selector selector;
  std::string attr;  // title: only; the attribute after '@' ("" = text).
  Origin origin;
};

// One regular expression of a rule file, checked when the file is parsed
// and compiled on first use. Matching goes through each list's PatternSet
// (one automaton for all its patterns); the pattern's own RE2 is needed only
// when a set cannot be built or runs out of memory, so building one RE2 per
// pattern at load time would double the cost of loading the rules.
class Pattern {
 public:
  Pattern(std::string source, bool case_insensitive);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;
  const std::string& source() const { return source_; }
  bool case_insensitive() const { return case_insensitive_; }
  // The compiled pattern: built once, on the first call from any thread.
  const re2::RE2& re() const;
  // True when the pattern matches all of `text`.
  bool FullMatch(std::string_view text) const;
  // True when the pattern matches somewhere in `text`.
  bool PartialMatch(std::string_view text) const;

 private:
  std::string source_;
  bool case_insensitive_;
  mutable std::once_flag once_;
  mutable std::unique_ptr<re2::RE2> re_;
};

struct PatternRule {
  std::shared_ptr<const Pattern> pattern;
  Origin origin;
  // drop-text-short: only: the longest block, in code points, the rule
  // applies to. 0 for every other rule.
  size_t max_chars = 0;
};

// The stray foreign-script filter (filter/script.h).
struct ScriptFilterRule {
  bool set = false;      // True when the file has a foreign-script: line.
  bool enabled = false;
  int max_letters = 80;  // Blocks with more letters are never dropped.
  double min_share = 0.5;  // Share of letters outside the page's script.
  Origin origin;
};

// A language's stop words (`stopwords: <lang> word...`): the most frequent
// function words, in lower case. A file's lines for one language make one
// list; its words are in the file's StopwordTable.
struct StopwordList {
  std::string lang;
  size_t words = 0;  // Distinct words.
  Origin origin;     // The language's first line.
};

// A file's stop words, each with the set of its lists that hold it: bit k
// stands for RuleFile::stopwords[k], so a file holds at most
// kMaxStopwordLanguages languages. One lookup answers for every language,
// without copying the word.
constexpr size_t kMaxStopwordLanguages = 64;
class StopwordTable {
 public:
  // Adds `bits` to the word's set; returns true when the word was new to
  // one of the lists in `bits`.
  bool Add(std::string_view word, uint64_t bits);
  // The lists holding `word` (exactly, case-sensitively); 0 for none.
  uint64_t Find(std::string_view word) const;
  bool empty() const { return count_ == 0; }

 private:
  struct Slot {
    std::string word;
    uint64_t bits = 0;  // 0: an empty slot.
  };
  size_t SlotOf(std::string_view word) const;
  std::vector<Slot> slots_;  // Open addressing; a power of two, at most half full.
  size_t count_ = 0;
};

// The words of `text`, lower-cased: maximal runs of letters (ASCII letters
// and every code point from U+00C0 up but the punctuation, symbol and space
// blocks), each given to `fn(std::string_view word)` in order. Lower case
// covers Latin-1, Latin Extended-A, Greek and Cyrillic capitals; digits,
// punctuation and apostrophes split words ("don't" gives "don" and "t").
// Linear in the size of `text`.
template <typename Fn>
void ForEachWord(std::string_view text, Fn fn);

// One word of ForEachWord's alphabet, lower-cased, appended to `out`;
// false when `cp` is not a letter.
bool AppendLowerLetter(uint32_t cp, std::string* out);

// An expect test embedded in a rule file.
struct RuleTest {
  std::string fixture;  // Fixture name: fixtures/<name>/page.html.
  Origin origin;
  std::vector<std::string> present;
  std::vector<std::string> absent;
};

struct RuleFile {
  RuleFile() = default;
  RuleFile(const RuleFile&) = delete;  // drop_text_set points into drop_text.
  RuleFile& operator=(const RuleFile&) = delete;

  std::string path;                // As displayed in messages.
  std::vector<std::string> hosts;  // Empty: a generic file.
  bool generic_off = false;
  std::vector<SelectorRule> body;
  std::vector<SelectorRule> title;
  std::vector<SelectorRule> strip;
  std::vector<SelectorRule> strip_outside;  // Only outside the article.
  std::vector<SelectorRule> keep;
  std::vector<SelectorRule> article;        // Semantic article containers.
  std::vector<PatternRule> strip_class;     // Matched against class/id tokens.
  std::vector<PatternRule> strip_class_small;  // The same, for small elements only.
  std::vector<PatternRule> good_class;      // Extraction hints (class/id tokens).
  std::vector<PatternRule> bad_class;
  std::vector<PatternRule> drop_text;
  std::shared_ptr<const PatternSet> drop_text_set;  // All drop_text, matched at once.
  std::vector<PatternRule> drop_text_short;         // Searched in short blocks.
  std::shared_ptr<const PatternSet> drop_text_short_set;
  size_t drop_text_short_max = 0;  // The largest max_chars of drop_text_short.
  std::shared_ptr<const PatternSet> strip_class_set, strip_class_small_set;
  std::shared_ptr<const PatternSet> good_class_set, bad_class_set;
  ScriptFilterRule script;
  std::vector<StopwordList> stopwords;  // One per language, in file order.
  StopwordTable stopword_table;         // Their words.
  std::vector<RuleTest> tests;

  bool is_generic() const { return hosts.empty(); }
};

// Several patterns matched in one pass: each anchored at both ends (a
// whole-text set), or found anywhere in the text (a search set).
class PatternSet {
 public:
  // Compiles `rules` in order (`rules` must outlive the set); returns
  // nullptr if RE2 cannot build the set.
  static std::shared_ptr<const PatternSet> Build(const std::vector<PatternRule>& rules,
                                                 bool whole_text = true);
  ~PatternSet();
  // Whole-text sets: the index of the first pattern (in file order)
  // matching all of `text`, or -1. Falls back to one match per pattern if
  // the set's automaton runs out of memory on this input.
  int FirstFullMatch(std::string_view text) const;
  // Whole-text sets: the indices of every pattern matching all of `text`,
  // ascending, in *out.
  void AllFullMatches(std::string_view text, std::vector<int>* out) const;
  // Search sets: the index of the first pattern found in `text` whose
  // rule's max_chars is at least `code_points` (the text's length), or -1.
  int FirstMatchWithin(std::string_view text, size_t code_points) const;

 private:
  PatternSet() = default;
  // FirstFullMatch and FirstMatchWithin; with `all`, every match is
  // appended there too.
  int First(std::string_view text, size_t code_points, std::vector<int>* all) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The index of the first rule of `list` whose pattern matches all of
// `text`, or -1: through `set`, the list's PatternSet, or pattern by pattern
// when RE2 could not build one (`set` null).
int FirstFullMatch(const std::vector<PatternRule>& list, const PatternSet* set,
                   std::string_view text);

// drop-text-short: the index of the first rule of `list` found in `text`
// whose max_chars is at least `code_points`, or -1; `set` as above.
int FirstMatchWithin(const std::vector<PatternRule>& list, const PatternSet* set,
                     std::string_view text, size_t code_points);

// Parses `content` as the rule file `path`. Appends errors to `errors`;
// returns true when there were none.
bool ParseRuleFile(const std::string& path, std::string_view content, RuleFile* out,
                   std::vector<RuleError>* errors);

// True when `pattern` (a `host:` value) matches `host`: `example.com`
// matches itself and `www.example.com`; `*.example.com` matches any proper
// subdomain. Both are compared case-insensitively.
bool HostPatternMatches(std::string_view pattern, std::string_view host);

// Decodes one UTF-8 code point of `s` at `*i` and advances `*i`; an
// invalid byte gives U+FFFD and advances by one.
uint32_t NextCodePoint(std::string_view s, size_t* i);

template <typename Fn>
void ForEachWord(std::string_view text, Fn fn) {
  std::string word;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {  // ASCII, the common case, without decoding.
      ++i;
      if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        word.push_back(static_cast<char>(c | 0x20));
      } else if (!word.empty()) {
        fn(std::string_view(word));
        word.clear();
      }
      continue;
    }
    uint32_t cp = NextCodePoint(text, &i);
    if (AppendLowerLetter(cp, &word)) continue;
    if (!word.empty()) {
      fn(std::string_view(word));
      word.clear();
    }
  }
  if (!word.empty()) fn(std::string_view(word));
}

}  // namespace pith::rules

#endif  // PITH_RULES_RULEFILE_H_
