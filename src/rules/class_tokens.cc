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

  // The answer cached for `key` (whose Hash is `hash`): 0 or 1, or -1 when
  // there is none.
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
  void Insert(std::string_view key, uint64_t hash, bool answer) {
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
    bool answer = false;
  };
  std::vector<Slot> slots_;  // Allocated on first insert.
  std::string keys_;
  size_t size_ = 0;
};

}  // namespace

// One thread's answers, for the ClassTokens of generation `generation`.
struct ClassTokens::Cache {
  uint64_t generation = 0;
  AnswerCache tokens;  // Token -> Matters().
  AnswerCache pieces;  // Piece -> a pattern matches it.
  std::string piece;   // AnyClassPiece's buffer.
};

std::unique_ptr<const ClassTokens> ClassTokens::Build(
    const std::vector<std::unique_ptr<RuleFile>>& files) {
  std::unique_ptr<ClassTokens> ct(new ClassTokens());
  ct->generation_ = next_generation.fetch_add(1);
  std::vector<std::string> names;
  bool reads_value = false;
  for (const auto& f : files) {
    for (const auto* list : {&f->body, &f->title, &f->strip, &f->strip_outside, &f->keep, &f->article})
      for (const SelectorRule& r : *list) {
        r.selector.ClassNames(&names, &reads_value);
        if (util::AsciiLower(r.attr) == "class") reads_value = true;
      }
    bool any = false;
    for (const auto* list : {&f->strip_class, &f->strip_class_small, &f->good_class, &f->bad_class}) {
      ct->patterns_.insert(ct->patterns_.end(), list->begin(), list->end());
      any |= !list->empty();
    }
    if (any) ct->pattern_files_.push_back(f.get());
  }
  if (reads_value) return nullptr;
  ct->selector_classes_.insert(names.begin(), names.end());
  if (!ct->patterns_.empty()) ct->pattern_set_ = PatternSet::Build(ct->patterns_);
  return ct;
}

bool ClassTokens::PieceMatches(std::string_view piece) const {
  if (pattern_set_) return pattern_set_->FirstFullMatch(piece) >= 0;
  for (const RuleFile* f : pattern_files_) {
    if (AnyFullMatch(f->strip_class, f->strip_class_set, piece) ||
        AnyFullMatch(f->strip_class_small, f->strip_class_small_set, piece) ||
        AnyFullMatch(f->good_class, f->good_class_set, piece) ||
        AnyFullMatch(f->bad_class, f->bad_class_set, piece))
      return true;
  }
  return false;
}

bool ClassTokens::Decide(std::string_view token, Cache* cache) const {
  if (selector_classes_.count(std::string(token))) return true;
  if (patterns_.empty()) return false;
  return AnyClassPiece(token, &cache->piece, [&](std::string_view piece) {
    const uint64_t hash = AnswerCache::Hash(piece);
    const int cached = cache->pieces.Find(piece, hash);
    if (cached >= 0) return cached == 1;
    const bool matches = PieceMatches(piece);
    cache->pieces.Insert(piece, hash, matches);
    return matches;
  });
}

bool ClassTokens::Matters(std::string_view token) const {
  thread_local Cache cache;
  if (cache.generation != generation_) {
    cache.tokens.Clear();
    cache.pieces.Clear();
    cache.generation = generation_;
  }
  if (token.size() > kMaxCachedBytes) return Decide(token, &cache);
  const uint64_t hash = AnswerCache::Hash(token);
  const int cached = cache.tokens.Find(token, hash);
  if (cached >= 0) return cached == 1;
  const bool matters = Decide(token, &cache);
  cache.tokens.Insert(token, hash, matters);
  return matters;
}

}  // namespace pith::rules
