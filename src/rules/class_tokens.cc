#include "rules/class_tokens.h"

#include <atomic>
#include <unordered_map>

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

}  // namespace

// One thread's answers, for the ClassTokens of generation `generation`.
struct ClassTokens::Cache {
  uint64_t generation = 0;
  std::unordered_map<std::string, bool> tokens;  // Token -> Matters().
  std::unordered_map<std::string, bool> pieces;  // Piece -> a pattern matches it.
  std::string key;    // The token looked up, as a std::string.
  std::string piece;  // AnyClassPiece's buffer.
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
    cache->key.assign(piece.data(), piece.size());
    auto it = cache->pieces.find(cache->key);
    if (it != cache->pieces.end()) return it->second;
    const bool matches = PieceMatches(piece);
    if (cache->pieces.size() >= kMaxCached) cache->pieces.clear();
    cache->pieces.emplace(cache->key, matches);
    return matches;
  });
}

bool ClassTokens::Matters(std::string_view token) const {
  thread_local Cache cache;
  if (cache.generation != generation_) {
    cache.tokens.clear();
    cache.pieces.clear();
    cache.generation = generation_;
  }
  if (token.size() > kMaxCachedBytes) return Decide(token, &cache);
  std::string& key = cache.key;
  key.assign(token.data(), token.size());
  auto it = cache.tokens.find(key);
  if (it != cache.tokens.end()) return it->second;
  const bool matters = Decide(token, &cache);
  key.assign(token.data(), token.size());  // Decide used the buffer.
  if (cache.tokens.size() >= kMaxCached) cache.tokens.clear();
  cache.tokens.emplace(key, matters);
  return matters;
}

}  // namespace pith::rules
