#include "rules/class_tokens.h"

#include <algorithm>
#include <atomic>

#include "rules/apply.h"
#include "rules/rulefile.h"
#include "util/ascii.h"

namespace pith::rules {
namespace {

std::atomic<uint64_t> next_generation{1};

// True when a pattern of `list` matches all of `piece`, as the readers
// match it (rules::FirstFullMatch).
bool AnyFullMatch(const std::vector<PatternRule>& list, const std::shared_ptr<const PatternSet>& set,
                  std::string_view piece) {
  return FirstFullMatch(list, set.get(), piece) >= 0;
}

// A map from short byte strings to a yes/no answer, for the per-thread
// caches: open addressing over a table of twice kMaxCached slots (so never
// more than half full), the keys stored back to back in one buffer. A
// lookup hashes the key once and compares it with the few keys of the same
// hash; a std::unordered_map<std::string, bool> cost about 370
// instructions a hit, most of it copying the key into a std::string and
// hashing it twice. Cleared whole when it holds kMaxCached keys.
class AnswerCache {
 public:
  static uint64_t Hash(std::string_view key) {
    uint64_t h = 14695981039346656037ull;  // FNV-1a.
    for (unsigned char c : key) h = (h ^ c) * 1099511628211ull;
    return h;
  }

  // The answer cached for `key` (whose Hash is `hash`), or -1 when there
  // is none.
  int Find(std::string_view key, uint64_t hash) const {
    if (slots_.empty()) return -1;
    for (size_t k = hash & kMask;; k = (k + 1) & kMask) {
      const Slot& s = slots_[k];
      if (!s.used) return -1;
      if (s.hash == hash && s.length == key.size() &&
          keys_.compare(s.offset, s.length, key) == 0)
        return s.answer;
    }
  }

  // Caches `answer` for `key`, which Find did not find and which is at
  // most 65,535 bytes long.
  void Insert(std::string_view key, uint64_t hash, uint8_t answer) {
    if (slots_.empty()) slots_.resize(kSlots);
    if (size_ >= ClassTokens::kMaxCached) Clear();
    size_t k = hash & kMask;
    while (slots_[k].used) k = (k + 1) & kMask;
    slots_[k] = {hash, static_cast<uint32_t>(keys_.size()), static_cast<uint16_t>(key.size()),
                 true, answer};
    keys_.append(key);
    ++size_;
  }

  void Clear() {
    std::fill(slots_.begin(), slots_.end(), Slot());
    keys_.clear();
    size_ = 0;
  }

 private:
  static constexpr size_t kSlots = 2 * ClassTokens::kMaxCached;  // A power of two.
  static constexpr size_t kMask = kSlots - 1;
  static_assert((kSlots & kMask) == 0, "the table size must be a power of two");
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;  // Of the key in keys_.
    uint16_t length = 0;
    bool used = false;
    uint8_t answer = 0;
  };
  std::vector<Slot> slots_;  // Allocated on first insert.
  std::string keys_;
  size_t size_ = 0;
};

}  // namespace

// One thread's answers, for the ClassTokens of generation `generation`.
struct ClassTokens::Cache {
  uint64_t generation = 0;
  AnswerCache tokens;  // Token -> Classify().
  AnswerCache pieces;  // Piece -> PieceBits().
  std::string piece;   // AnyClassPiece's buffer.
};

std::unique_ptr<const ClassTokens> ClassTokens::Build(
    const std::vector<std::unique_ptr<RuleFile>>& files) {
  std::unique_ptr<ClassTokens> ct(new ClassTokens());
  ct->generation_ = next_generation.fetch_add(1);
  std::vector<std::string> names;
  bool reads_value = false;
  std::vector<std::string> subjects, title_subjects, ids;
  for (const auto& f : files) {
    for (const auto* list : {&f->body, &f->title, &f->strip, &f->strip_outside, &f->keep, &f->article})
      for (const SelectorRule& r : *list) {
        r.selector.ClassNames(&names, &reads_value);
        if (util::AsciiLower(r.attr) == "class") reads_value = true;
        if (list == &f->body || list == &f->title || list == &f->keep || list == &f->article)
          r.selector.ClassNames(&subjects, &reads_value);
        if (list == &f->title && r.attr.empty()) r.selector.ClassNames(&title_subjects, &reads_value);
        r.selector.IdNames(&ids, &ct->reads_ids_);
        if (util::AsciiLower(r.attr) == "id") ct->reads_ids_ = true;
      }
    if (f->is_generic()) {
      if (!f->strip_class.empty()) ct->strip_files_.push_back(f.get());
      if (!f->strip_class_small.empty()) ct->strip_small_files_.push_back(f.get());
    }
    bool any = false;
    for (const auto* list : {&f->strip_class, &f->strip_class_small, &f->good_class, &f->bad_class}) {
      ct->patterns_.insert(ct->patterns_.end(), list->begin(), list->end());
      const uint8_t bits = !f->is_generic()              ? 0
                           : list == &f->strip_class       ? kStrips
                           : list == &f->strip_class_small ? kStripsSmall
                                                           : 0;
      ct->pattern_bits_.insert(ct->pattern_bits_.end(), list->size(), bits);
      any |= !list->empty();
    }
    if (any) ct->pattern_files_.push_back(f.get());
  }
  if (reads_value) return nullptr;
  ct->selector_classes_.insert(names.begin(), names.end());
  ct->subject_classes_.insert(subjects.begin(), subjects.end());
  ct->selector_ids_.insert(ids.begin(), ids.end());
  ct->title_subject_classes_.insert(title_subjects.begin(), title_subjects.end());
  if (!ct->patterns_.empty()) ct->pattern_set_ = PatternSet::Build(ct->patterns_);
  return ct;
}

uint8_t ClassTokens::PieceBits(std::string_view piece) const {
  bool any = false;
  if (pattern_set_) {
    // One pass of the set gives every pattern that matches.
    thread_local std::vector<int> hits;
    pattern_set_->AllFullMatches(piece, &hits);
    uint8_t bits = hits.empty() ? 0 : kMatters;
    for (int h : hits) bits |= pattern_bits_[static_cast<size_t>(h)];
    return bits;
  } else {
    for (const RuleFile* f : pattern_files_) {
      if (AnyFullMatch(f->strip_class, f->strip_class_set, piece) ||
          AnyFullMatch(f->strip_class_small, f->strip_class_small_set, piece) ||
          AnyFullMatch(f->good_class, f->good_class_set, piece) ||
          AnyFullMatch(f->bad_class, f->bad_class_set, piece)) {
        any = true;
        break;
      }
    }
  }
  if (!any) return 0;
  uint8_t bits = kMatters;
  for (const RuleFile* f : strip_files_)
    if (AnyFullMatch(f->strip_class, f->strip_class_set, piece)) bits |= kStrips;
  for (const RuleFile* f : strip_small_files_)
    if (AnyFullMatch(f->strip_class_small, f->strip_class_small_set, piece)) bits |= kStripsSmall;
  return bits;
}

uint8_t ClassTokens::Decide(std::string_view token, Cache* cache) const {
  uint8_t bits = 0;
  if (!selector_classes_.empty()) {
    const std::string key(token);
    if (selector_classes_.count(key)) {
      bits |= kMatters;
      if (subject_classes_.count(key)) bits |= kSubject;
      if (title_subject_classes_.count(key)) bits |= kTitleSubject;
    }
  }
  if (patterns_.empty()) return bits;
  AnyClassPiece(token, &cache->piece, [&](std::string_view piece) {
    const uint64_t hash = AnswerCache::Hash(piece);
    int cached = cache->pieces.Find(piece, hash);
    if (cached < 0) {
      cached = PieceBits(piece);
      cache->pieces.Insert(piece, hash, static_cast<uint8_t>(cached));
    }
    bits |= static_cast<uint8_t>(cached);
    // Every piece counts toward kStrips; the first one that strips ends it.
    return (bits & kStrips) != 0;
  });
  return bits;
}

bool ClassTokens::Matters(std::string_view token) const { return Classify(token) & kMatters; }

bool ClassTokens::IdMatters(std::string_view value) const {
  if (reads_ids_ || (!selector_ids_.empty() && selector_ids_.count(std::string(value)))) return true;
  // The class patterns read an id of at most three words, split as class
  // tokens are (rules::AnyClassToken).
  int words = 1;
  for (char c : value) words += c == '-' || c == '_' || parse::IsHtmlSpace(c);
  return words <= 3 && (Classify(value) & kMatters);
}

uint8_t ClassTokens::Classify(std::string_view token) const {
  thread_local Cache cache;
  if (cache.generation != generation_) {
    cache.tokens.Clear();
    cache.pieces.Clear();
    cache.generation = generation_;
  }
  if (token.size() > kMaxCachedBytes) return Decide(token, &cache);
  const uint64_t hash = AnswerCache::Hash(token);
  const int cached = cache.tokens.Find(token, hash);
  if (cached >= 0) return static_cast<uint8_t>(cached);
  const uint8_t bits = Decide(token, &cache);
  cache.tokens.Insert(token, hash, bits);
  return bits;
}

}  // namespace pith::rules
