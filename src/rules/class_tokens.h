// class_tokens: which class tokens any rule of a RuleBook can read.
//
// The prescan (parse/guard.h) cuts the class tokens that cannot change a
// decision, before Gumbo parses them. It runs before the page's site is
// known, so the answer covers every file of the book, generic and site
// files alike. Class values are read in two ways:
//
//   - a `.name` selector compares whole tokens (split at HTML whitespace)
//     with "name", case-sensitively (rules/selector.h);
//   - the class patterns (`strip-class:`, `strip-class-small:`,
//     `good-class:`, `bad-class:`) are matched in full against the pieces
//     of the class and id values, split at whitespace, '-' and '_',
//     lower-cased and cut to 64 bytes (rules::AnyClassPiece; read by
//     rules::Apply and extract's ClassWeight).
//
// So a token matters when it equals a selector's class name, or when one of
// its pieces is matched by a class pattern of any file. The patterns of all
// files and lists are matched at once, through one PatternSet (a set
// answers as its patterns matched one by one would); when RE2 cannot build
// that set, through each list's own set, or pattern by pattern, as the
// readers match them. An attribute test on the class attribute itself (`[class]`,
// `[class^=x]`..., `:not()` included) or a `title: ...@class` reads the
// whole value: a book with one gets no ClassTokens at all, and class values
// are left as they are.
//
// Answers are cached per thread, in flat hash tables (one RuleBook serves
// every worker of `-j N`, and the cache must not need a lock): a map from
// token to answer and one from piece to pattern match (over all the shared
// pages, 128,000 distinct tokens hold 50,000 distinct pieces: "css-1q2w3e"
// and "css-9z8x7c" share "css"), tagged with the generation of the ClassTokens
// that filled them, so that a thread moving to another book starts afresh,
// and each cleared when it holds kMaxCached entries. Tokens longer than
// kMaxCachedBytes are not cached (their pieces are, cut to 64 bytes), so
// the caches' memory stays bounded whatever the pages: a few MB per thread.
// (50,000 entries per map cost 6 MB more peak RSS at -j 2 over the shared
// pages than 16,384, and saved 0.2% of the instructions: a page's tokens
// repeat within the page and its site, not across the whole corpus.)
#ifndef PITH_RULES_CLASS_TOKENS_H_
#define PITH_RULES_CLASS_TOKENS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "parse/guard.h"
#include "rules/rulefile.h"

namespace pith::rules {

class ClassTokens final : public parse::ClassTokenFilter {
 public:
  static constexpr size_t kMaxCached = 16384;
  static constexpr size_t kMaxCachedBytes = 256;

  // The filter for a book made of `files` (which must outlive it), or
  // nullptr when a rule reads class values whole.
  static std::unique_ptr<const ClassTokens> Build(
      const std::vector<std::unique_ptr<RuleFile>>& files);

  bool Matters(std::string_view token) const override;
  // Matters() as kMatters; kStrips and kStripsSmall when a piece is matched
  // by a generic file's strip-class: or strip-class-small: patterns;
  // kSubject when the token is a class that a keep:, body:, article: or
  // title: selector tests, kTitleSubject when a title: selector that reads
  // text does.
  uint8_t Classify(std::string_view token) const override;
  // True when a selector tests ids whole (`[id^=x]`, `title: ...@id`), when
  // `value` is an `#id` selector's, or when it has at most three words and
  // Classify() finds that it matters (a class pattern reads its pieces).
  bool IdMatters(std::string_view value) const override;

 private:
  struct Cache;
  ClassTokens() = default;
  // Classify() without the token cache (pieces go through the piece cache).
  uint8_t Decide(std::string_view token, Cache* cache) const;
  // For `piece`: kMatters when a class pattern of any file matches all of
  // it, with kStrips and kStripsSmall as for Classify().
  uint8_t PieceBits(std::string_view piece) const;

  uint64_t generation_ = 0;  // Unique per ClassTokens built (never 0).
  std::unordered_set<std::string> selector_classes_;
  std::unordered_set<std::string> subject_classes_, title_subject_classes_;
  std::unordered_set<std::string> selector_ids_;
  bool reads_ids_ = false;
  std::vector<const RuleFile*> strip_files_, strip_small_files_;  // Generic files with them.
  std::vector<PatternRule> patterns_;           // Every class pattern of every file.
  std::vector<uint8_t> pattern_bits_;           // Per pattern: kStrips, kStripsSmall or 0.
  std::shared_ptr<const PatternSet> pattern_set_;  // All of patterns_ (null: see below).
  std::vector<const RuleFile*> pattern_files_;  // Files with class patterns.
};

}  // namespace pith::rules

#endif  // PITH_RULES_CLASS_TOKENS_H_
