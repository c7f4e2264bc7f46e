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

// Characters (UTF-8 code points) of a text.
size_t Chars(const std::string& text) {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// The tail section (see filter.h): from the first heading after the last
// long paragraph to the end, dropped when it is short and holds no prose.
void DropTailSection(bool explain, std::vector<Block>* blocks, std::vector<Removal>* removals) {
  size_t last_long = blocks->size();
  for (size_t k = 0; k < blocks->size(); ++k) {
    const Block& b = (*blocks)[k];
    if ((b.kind == Block::Kind::kParagraph || b.kind == Block::Kind::kQuote ||
         b.kind == Block::Kind::kCaption) &&
        Chars(b.text) >= kLongParagraph)
      last_long = k;
  }
  if (last_long == blocks->size()) return;
  size_t head = last_long + 1;
  while (head < blocks->size() && (*blocks)[head].kind != Block::Kind::kHeading) ++head;
  if (head == blocks->size()) return;
  size_t total = 0;
  for (size_t k = head; k < blocks->size(); ++k) {
    size_t c = Chars((*blocks)[k].text);
    if (k > head && c >= kTailProse) return;  // Prose of its own: a real section.
    total += c;
  }
  if (total >= kTailSection) return;
  if (explain) {
    for (size_t k = head; k < blocks->size(); ++k)
      removals->push_back({Snippet((*blocks)[k].text), "generic:tail-section"});
  }
  blocks->resize(head);
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
  if (!rules.generic.empty()) DropTailSection(explain, blocks, removals);

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
