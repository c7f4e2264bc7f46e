#include "rules/class_tokens.h"

#include <atomic>
#include <unordered_map>

#include "rules/apply.h"
#include "rules/rulefile.h"
#include "util/ascii.h"

namespace pith::rules {
namespace {

std::atomic<uint64_t> next_generation{1};

// One thread's answers, for the ClassTokens of generation `generation`.
struct Cache {
  uint64_t generation = 0;
  std::unordered_map<std::string, bool> matters;
  std::string key;  // The token looked up, as a std::string.
};

// True when a pattern of `list` matches all of `piece`, as the readers
// match it: through the list's set, else pattern by pattern.
bool AnyFullMatch(const std::vector<PatternRule>& list, const std::shared_ptr<const PatternSet>& set,
                  std::string_view piece) {
  if (list.empty()) return false;
  if (set) return set->FirstFullMatch(piece) >= 0;
  for (const PatternRule& r : list)
    if (r.pattern->FullMatch(piece)) return true;
  return false;
}

}  // namespace

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
    if (!f->strip_class.empty() || !f->strip_class_small.empty() || !f->good_class.empty() ||
        !f->bad_class.empty())
      ct->pattern_files_.push_back(f.get());
  }
  if (reads_value) return nullptr;
  ct->selector_classes_.insert(names.begin(), names.end());
  return ct;
}

bool ClassTokens::Decide(std::string_view token) const {
  if (selector_classes_.count(std::string(token))) return true;
  if (pattern_files_.empty()) return false;
  thread_local std::string piece;
  return AnyClassPiece(token, &piece, [&](std::string_view p) {
    for (const RuleFile* f : pattern_files_) {
      if (AnyFullMatch(f->strip_class, f->strip_class_set, p) ||
          AnyFullMatch(f->strip_class_small, f->strip_class_small_set, p) ||
          AnyFullMatch(f->good_class, f->good_class_set, p) ||
          AnyFullMatch(f->bad_class, f->bad_class_set, p))
        return true;
    }
    return false;
  });
}

bool ClassTokens::Matters(std::string_view token) const {
  if (token.size() > kMaxCachedBytes) return Decide(token);
  thread_local Cache cache;
  if (cache.generation != generation_) {
    cache.matters.clear();
    cache.generation = generation_;
  }
  cache.key.assign(token.data(), token.size());
  auto it = cache.matters.find(cache.key);
  if (it != cache.matters.end()) return it->second;
  const bool matters = Decide(token);
  if (cache.matters.size() >= kMaxCached) cache.matters.clear();
  cache.matters.emplace(cache.key, matters);
  return matters;
}

}  // namespace pith::rules
