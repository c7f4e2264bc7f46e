#include "filter/filter.h"


#include "filter/script.h"

namespace pith::filter {
namespace {

std::string Flatten(const std::string& text) {
  std::string out = text;
  for (char& c : out)
    if (c == '\n') c = ' ';
  return out;
}

std::string Snippet(const std::string& text) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) != 0x80 && ++chars > 60) break;
    out.push_back(text[i] == '\n' ? ' ' : text[i]);
  }
  return out;
}

}  // namespace

rules::ScriptFilterRule ScriptSettings(const rules::ActiveRules& rules) {
  for (const rules::RuleFile* f : rules.site)
    if (f->script.set) return f->script;
  for (const rules::RuleFile* f : rules.generic)
    if (f->script.set) return f->script;
  return {};
}

void Apply(const rules::ActiveRules& rules, const std::string& title, bool explain,
           std::vector<Block>* blocks, std::vector<Removal>* removals) {
  std::vector<const rules::RuleFile*> files(rules.site.begin(), rules.site.end());
  files.insert(files.end(), rules.generic.begin(), rules.generic.end());

  std::vector<Block> kept;
  kept.reserve(blocks->size());
  for (Block& b : *blocks) {
    if (b.kind == Block::Kind::kPre) {
      kept.push_back(std::move(b));
      continue;
    }
    std::string flat = Flatten(b.text);
    const rules::PatternRule* hit = nullptr;
    for (const rules::RuleFile* f : files) {
      int k = -1;
      if (f->drop_text_set) {
        k = f->drop_text_set->FirstFullMatch(flat);
      } else {
        for (size_t j = 0; j < f->drop_text.size() && k < 0; ++j)
          if (f->drop_text[j].pattern->FullMatch(flat)) k = static_cast<int>(j);
      }
      if (k >= 0) {
        hit = &f->drop_text[static_cast<size_t>(k)];
        break;
      }
    }
    if (hit) {
      if (explain) removals->push_back({Snippet(b.text), hit->origin.ToString()});
      continue;
    }
    kept.push_back(std::move(b));
  }
  blocks->swap(kept);

  rules::ScriptFilterRule script = ScriptSettings(rules);
  if (!script.enabled || blocks->empty()) return;
  std::vector<ScriptCounts> counts;
  counts.reserve(blocks->size());
  ScriptCounter counter;
  ScriptCounts page = counter.Count(title);
  for (const Block& b : *blocks) {
    counts.push_back(counter.Count(b.text));
    page.Add(counts.back());
  }
  const Script dominant = page.dominant();
  if (page.total() == 0 || page.of(dominant) < kMinDominantShare * page.total()) return;
  kept.clear();
  for (size_t k = 0; k < blocks->size(); ++k) {
    const ScriptCounts& c = counts[k];
    uint32_t letters = c.total();
    uint32_t foreign = letters - c.of(dominant);
    bool drop = letters > 0 && letters <= static_cast<uint32_t>(script.max_letters) &&
                foreign > script.min_share * letters;
    if (drop) {
      if (explain)
        removals->push_back({Snippet((*blocks)[k].text),
                             "foreign-script " + script.origin.ToString() + " (" +
                                 ScriptName(c.dominant()) + " in a " + ScriptName(dominant) +
                                 " page)"});
      continue;
    }
    kept.push_back(std::move((*blocks)[k]));
  }
  blocks->swap(kept);
}

}  // namespace pith::filter
