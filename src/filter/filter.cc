#include "filter/filter.h"

#include <algorithm>

#include "filter/script.h"

namespace pith::filter {
namespace {

// The text drop-text patterns see: lines joined by spaces, no-break spaces
// (U+00A0) read as spaces, and each run of spaces made one.
std::string Flatten(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      c = ' ';
      ++i;
    } else if (c == '\n') {
      c = ' ';
    }
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
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

// A sentence of a few words closed by a full stop, a question or an
// exclamation mark ("Be there or be square!") is not a label, even without
// a stop word of the page's language: labels carry no closing punctuation.
// A lone word or a number ("12.", "Ende.") does not count, nor a list of
// parts split by commas (an address: "Main Street 4, Springfield.").
bool EndsSentence(const std::string& text, uint32_t words) {
  size_t e = text.find_last_not_of(" \t\n\r");
  if (e == std::string::npos || words < 3 || e == 0) return false;
  char c = text[e], p = text[e - 1];
  if (c != '.' && c != '!' && c != '?') return false;
  if (text.find(',') != std::string::npos) return false;
  return !(p >= '0' && p <= '9') && p != '.';
}

// The tail section (see filter.h): from the first heading after the last
// long paragraph to the end, dropped when it is short and holds no prose.
void DropTailSection(bool explain, StopwordProfile* profile, std::vector<Block>* blocks,
                     std::vector<Removal>* removals) {
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
    bool prose = c >= kTailProse;
    if (prose && !profile->lang.empty())  // Sparse in stop words: names, headlines, not prose.
      prose = profile->stops[k] >= kProseDensity * profile->density * profile->words[k];
    if (k > head && prose) return;  // Prose of its own: a real section.
    total += c;
  }
  if (total >= kTailSection) return;
  if (explain) {
    for (size_t k = head; k < blocks->size(); ++k)
      removals->push_back({Snippet((*blocks)[k].text), "generic:tail-section"});
  }
  blocks->resize(head);
  if (!profile->lang.empty()) {
    profile->words.resize(head);
    profile->stops.resize(head);
  }
}

// Step 3 (see filter.h): short paragraphs without a stop word, before the
// first good paragraph and in the run that ends the page after the last.
void DropBareLabels(bool explain, const StopwordProfile& profile, std::vector<Block>* blocks,
                    std::vector<Removal>* removals) {
  if (profile.lang.empty()) return;
  const size_t n = blocks->size();
  auto good = [&](size_t k) {
    const Block& b = (*blocks)[k];
    return (b.kind == Block::Kind::kParagraph || b.kind == Block::Kind::kQuote) &&
           Chars(b.text) >= kLongParagraph &&
           profile.stops[k] >= kGoodDensity * profile.density * profile.words[k];
  };
  auto label = [&](size_t k) {
    const Block& b = (*blocks)[k];
    return b.kind == Block::Kind::kParagraph && profile.words[k] > 0 && profile.stops[k] == 0 &&
           Chars(b.text) < kShortLabel && !EndsSentence(b.text, profile.words[k]);
  };
  size_t first = n, last = n;
  for (size_t k = 0; k < n; ++k) {
    if (!good(k)) continue;
    if (first == n) first = k;
    last = k;
  }
  if (first == n) return;  // No prose to stand apart from.
  std::vector<uint8_t> drop(n, 0);
  for (size_t k = 0; k < first; ++k) drop[k] = label(k);
  for (size_t k = n; k-- > last + 1 && label(k);) drop[k] = 1;
  std::vector<Block> kept;
  kept.reserve(n);
  for (size_t k = 0; k < n; ++k) {
    if (!drop[k]) {
      kept.push_back(std::move((*blocks)[k]));
    } else if (explain) {
      removals->push_back({Snippet((*blocks)[k].text), "generic:no-stopwords"});
    }
  }
  blocks->swap(kept);
}

}  // namespace

StopwordProfile ProfileStopwords(const rules::ActiveRules& rules,
                                 const std::vector<Block>& blocks) {
  StopwordProfile profile;
  // The languages in force, and for each file with stop words, the index
  // in `langs` of each of its lists.
  std::vector<std::string> langs;
  struct FileLists {
    const rules::StopwordTable* table;
    std::vector<size_t> lang;  // List k -> index in langs.
  };
  std::vector<FileLists> files;
  for (const auto* group : {&rules.site, &rules.generic}) {
    for (const rules::RuleFile* f : *group) {
      if (f->stopwords.empty()) continue;
      files.push_back({&f->stopword_table, {}});
      for (const rules::StopwordList& l : f->stopwords) {
        size_t k = std::find(langs.begin(), langs.end(), l.lang) - langs.begin();
        if (k == langs.size()) langs.push_back(l.lang);
        files.back().lang.push_back(k);
      }
    }
  }
  if (langs.empty()) return profile;
  const size_t nl = langs.size();
  std::vector<uint32_t> hits(blocks.size() * nl, 0), words(blocks.size(), 0);
  // A word counts once per language, however many files list it there.
  std::vector<size_t> seen(nl, 0);
  size_t word_no = 0;
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (blocks[b].kind == Block::Kind::kPre) continue;  // Code is not prose.
    uint32_t* block_hits = &hits[b * nl];
    rules::ForEachWord(blocks[b].text, [&](std::string_view w) {
      ++words[b];
      ++word_no;
      for (const FileLists& f : files) {
        for (uint64_t bits = f.table->Find(w); bits != 0; bits &= bits - 1) {
          size_t k = f.lang[static_cast<size_t>(__builtin_ctzll(bits))];
          if (seen[k] == word_no) continue;
          seen[k] = word_no;
          ++block_hits[k];
        }
      }
    });
  }
  uint64_t total = 0;
  std::vector<uint64_t> page(nl, 0);
  for (size_t b = 0; b < blocks.size(); ++b) {
    total += words[b];
    for (size_t k = 0; k < nl; ++k) page[k] += hits[b * nl + k];
  }
  size_t best = 0;
  for (size_t k = 1; k < nl; ++k)
    if (page[k] > page[best]) best = k;
  if (page[best] < kMinStopwordHits || page[best] < kMinStopwordShare * double(total))
    return profile;
  profile.lang = langs[best];
  profile.density = double(page[best]) / double(total);
  profile.words = std::move(words);
  profile.stops.resize(blocks.size());
  for (size_t b = 0; b < blocks.size(); ++b) profile.stops[b] = hits[b * nl + best];
  return profile;
}

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
    const size_t code_points = Chars(flat);
    const rules::PatternRule* hit = nullptr;
    for (const rules::RuleFile* f : files) {
      int k = rules::FirstFullMatch(f->drop_text, f->drop_text_set.get(), flat);
      if (k >= 0) {
        hit = &f->drop_text[static_cast<size_t>(k)];
        break;
      }
      // drop-text-short: only blocks within some rule's length are searched.
      if (code_points <= f->drop_text_short_max)
        k = rules::FirstMatchWithin(f->drop_text_short, f->drop_text_short_set.get(), flat,
                                    code_points);
      if (k >= 0) {
        hit = &f->drop_text_short[static_cast<size_t>(k)];
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
  if (!rules.generic.empty()) {
    StopwordProfile profile = ProfileStopwords(rules, *blocks);
    DropTailSection(explain, &profile, blocks, removals);
    DropBareLabels(explain, profile, blocks, removals);
  }

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
