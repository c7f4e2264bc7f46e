#include "rules/rulefile.h"
#include "util/ascii.h"
#include "util/utf8.h"

#include <re2/re2.h>
#include <re2/filtered_re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstdlib>

namespace pith::rules {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

using util::AsciiLower;

bool ValidHostPattern(std::string_view p) {
  if (p.substr(0, 2) == "*.") p.remove_prefix(2);
  if (p.empty() || p.front() == '.' || p.back() == '.') return false;
  for (char c : p)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
      return false;
  return true;
}

bool ValidLanguage(std::string_view lang) {
  size_t k = 0;
  while (k < lang.size() && lang[k] >= 'a' && lang[k] <= 'z') ++k;
  if (k < 2 || k > 3) return false;
  if (k == lang.size()) return true;
  if (lang[k] != '-' || k + 1 == lang.size()) return false;
  for (size_t j = k + 1; j < lang.size(); ++j)
    if (!((lang[j] >= 'a' && lang[j] <= 'z') || (lang[j] >= '0' && lang[j] <= '9'))) return false;
  return true;
}

// The lower case of the capitals ForEachWord folds; other code points as
// they are.
uint32_t LowerCodePoint(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE) return cp == 0xD7 ? cp : cp + 32;  // Latin-1, but for the × sign.
  if (cp >= 0x100 && cp <= 0x137) return cp | 1;       // Latin Extended-A pairs...
  if (cp >= 0x139 && cp <= 0x148) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x14A && cp <= 0x177) return cp | 1;
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x179 && cp <= 0x17E) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;  // Greek.
  if (cp == 0x386) return 0x3AC;
  if (cp >= 0x388 && cp <= 0x38A) return cp + 37;
  if (cp == 0x38C) return 0x3CC;
  if (cp == 0x38E || cp == 0x38F) return cp + 63;
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;  // Cyrillic.
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

}  // namespace

uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return c < 0x80 ? c : 0xFFFD;
  }
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[*i + k]);
    if ((d & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  *i += len;
  return cp;
}

bool AppendLowerLetter(uint32_t cp, std::string* out) {
  bool letter;
  if (cp < 0x80) letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  else
    letter = cp >= 0xC0 && cp != 0xD7 && cp != 0xF7 &&
             !(cp >= 0x2000 && cp <= 0x2BFF) &&   // Punctuation, symbols, arrows, shapes.
             !(cp >= 0x2E00 && cp <= 0x2E7F) &&   // Supplemental punctuation.
             !(cp >= 0x3000 && cp <= 0x303F) &&   // CJK symbols and punctuation.
             !(cp >= 0xFE10 && cp <= 0xFE1F) && !(cp >= 0xFE30 && cp <= 0xFE4F) &&
             !(cp >= 0xFF00 && cp <= 0xFF20) &&   // Fullwidth punctuation and digits.
             !(cp >= 0xFF3B && cp <= 0xFF40) && !(cp >= 0xFF5B && cp <= 0xFF65) &&
             !(cp >= 0xFFF0 && cp <= 0xFFFF) &&   // Specials, U+FFFD.
             !(cp >= 0x1F000 && cp <= 0x1FAFF);   // Emoji and pictographs.
  if (letter) util::AppendUtf8(LowerCodePoint(cp), out);
  return letter;
}

// FNV-1a: short words, few instructions.
size_t StopwordTable::SlotOf(std::string_view word) const {
  uint64_t h = 14695981039346656037ull;
  for (char c : word) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  size_t mask = slots_.size() - 1;
  size_t k = static_cast<size_t>(h ^ (h >> 29)) & mask;
  while (slots_[k].bits != 0 && slots_[k].word != word) k = (k + 1) & mask;
  return k;
}

bool StopwordTable::Add(std::string_view word, uint64_t bits) {
  if (2 * (count_ + 1) > slots_.size()) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 64 : 2 * old.size(), Slot());
    for (Slot& s : old)
      if (s.bits != 0) {
        Slot& to = slots_[SlotOf(s.word)];
        to = std::move(s);
      }
  }
  Slot& s = slots_[SlotOf(word)];
  if (s.bits == 0) {
    s.word = std::string(word);
    ++count_;
  }
  bool added = (s.bits & bits) != bits;
  s.bits |= bits;
  return added;
}

uint64_t StopwordTable::Find(std::string_view word) const {
  return slots_.empty() ? 0 : slots_[SlotOf(word)].bits;
}

bool HostPatternMatches(std::string_view pattern, std::string_view host) {
  std::string p = AsciiLower(pattern), h = AsciiLower(host);
  if (p.rfind("*.", 0) == 0) {
    std::string base = p.substr(1);  // ".example.com"
    return h.size() > base.size() && h.compare(h.size() - base.size(), base.size(), base) == 0;
  }
  return h == p || h == "www." + p;
}

RE2::Options PatternOptions(bool case_insensitive) {
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_case_sensitive(!case_insensitive);
  opts.set_max_mem(8 << 20);
  return opts;
}

Pattern::Pattern(std::string source, bool case_insensitive)
    : source_(std::move(source)), case_insensitive_(case_insensitive) {}
Pattern::~Pattern() = default;

const RE2& Pattern::re() const {
  std::call_once(once_, [this] {
    re_ = std::make_unique<RE2>(source_, PatternOptions(case_insensitive_));
  });
  return *re_;
}

bool Pattern::FullMatch(std::string_view text) const {
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), re());
}

bool Pattern::PartialMatch(std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re());
}

// A pattern with a counted repeat of 64 or more (`.{0,200}phrase.{0,200}`)
// is "heavy": its program holds that many copies of the repeated part, and
// in a shared automaton such copies multiply the states (each new text
// builds new ones, at great cost, until the cache is warm). Heavy patterns
// stay out of the set and go behind a prefilter: RE2's FilteredRE2 names
// strings ("atoms") that must appear in any text the pattern matches, one
// small case-insensitive automaton finds which atoms a text holds, and only
// the patterns those atoms allow are run. Which way a pattern goes changes
// the cost, never the result.
constexpr long kHeavyRepeat = 64;

bool IsHeavy(const std::string& source) {
  for (size_t i = source.find('{'); i != std::string::npos; i = source.find('{', i + 1)) {
    if (i > 0 && source[i - 1] == '\\') continue;
    long count = 0;
    bool digits = false;
    for (size_t k = i + 1; k < source.size() && k < i + 12; ++k) {
      char c = source[k];
      if (c >= '0' && c <= '9') {
        count = count * 10 + (c - '0');
        digits = true;
      } else if (c == ',' && digits) {
        if (count >= kHeavyRepeat) return true;
        count = 0;
      } else {
        if (c == '}' && digits && count >= kHeavyRepeat) return true;
        break;
      }
    }
  }
  return false;
}

struct PatternSet::Impl {
  std::unique_ptr<RE2::Set> set;  // The light patterns; null if none.
  std::vector<int> set_rule;      // Set index -> rule index.
  std::unique_ptr<re2::FilteredRE2> heavy;  // The heavy patterns; null if none.
  std::vector<int> heavy_rule;              // FilteredRE2 id -> rule index.
  std::unique_ptr<RE2::Set> atoms;          // The heavy patterns' atoms; null if none.
  size_t atom_count = 0;
  const std::vector<PatternRule>* rules = nullptr;  // Owned by the RuleFile.
  bool whole_text = true;  // Anchored at both ends, else searched.
};

PatternSet::~PatternSet() = default;

std::shared_ptr<const PatternSet> PatternSet::Build(const std::vector<PatternRule>& rules,
                                                    bool whole_text) {
  std::shared_ptr<PatternSet> ps(new PatternSet());
  Impl& impl = *(ps->impl_ = std::make_unique<Impl>());
  impl.rules = &rules;
  impl.whole_text = whole_text;
  RE2::Options opts;
  opts.set_log_errors(false);
  opts.set_max_mem(64 << 20);
  for (size_t k = 0; k < rules.size(); ++k) {
    const Pattern& p = *rules[k].pattern;
    if (IsHeavy(p.source())) {
      if (!impl.heavy) impl.heavy = std::make_unique<re2::FilteredRE2>(2);
      int id;
      if (impl.heavy->Add(p.source(), PatternOptions(p.case_insensitive()), &id) !=
          RE2::NoError)
        return nullptr;
      impl.heavy_rule.push_back(static_cast<int>(k));
      continue;
    }
    if (!impl.set)
      impl.set = std::make_unique<RE2::Set>(opts, whole_text ? RE2::ANCHOR_BOTH : RE2::UNANCHORED);
    std::string error;
    std::string pattern = p.case_insensitive() ? "(?i:" + p.source() + ")" : p.source();
    if (impl.set->Add(pattern, &error) < 0) return nullptr;
    impl.set_rule.push_back(static_cast<int>(k));
  }
  if (impl.set && !impl.set->Compile()) return nullptr;
  if (impl.heavy) {
    std::vector<std::string> atoms;
    impl.heavy->Compile(&atoms);  // Lower case, to be found case-insensitively.
    if (!atoms.empty()) {
      RE2::Options atom_opts = opts;
      atom_opts.set_case_sensitive(false);
      atom_opts.set_literal(true);
      impl.atoms = std::make_unique<RE2::Set>(atom_opts, RE2::UNANCHORED);
      for (const std::string& a : atoms) {
        std::string error;
        if (impl.atoms->Add(a, &error) < 0) return nullptr;
      }
      if (!impl.atoms->Compile()) return nullptr;
      impl.atom_count = atoms.size();
    }
  }
  return ps;
}

int PatternSet::FirstFullMatch(std::string_view text) const { return First(text, 0, nullptr); }

void PatternSet::AllFullMatches(std::string_view text, std::vector<int>* out) const {
  out->clear();
  First(text, 0, out);
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

int PatternSet::FirstMatchWithin(std::string_view text, size_t code_points) const {
  return First(text, code_points, nullptr);
}

int PatternSet::First(std::string_view text, size_t code_points, std::vector<int>* all) const {
  const Impl& impl = *impl_;
  re2::StringPiece piece(text.data(), text.size());
  int first = -1;
  // A rule applies when it has no length limit or the text is within it.
  auto applies = [&](int rule) {
    size_t max = (*impl.rules)[static_cast<size_t>(rule)].max_chars;
    return max == 0 || code_points <= max;
  };
  auto matches = [&](const Pattern& p) {
    return impl.whole_text ? p.FullMatch(text) : p.PartialMatch(text);
  };
  auto consider = [&](int rule) {
    if (!applies(rule)) return;
    if (first < 0 || rule < first) first = rule;
    if (all) all->push_back(rule);
  };
  if (impl.set) {
    std::vector<int> hits;
    RE2::Set::ErrorInfo info;
    if (impl.set->Match(piece, &hits, &info)) {
      for (int h : hits) consider(impl.set_rule[static_cast<size_t>(h)]);
    } else if (info.kind != RE2::Set::kNoError) {
      // Out of memory (or another set failure): one pattern at a time.
      for (int rule : impl.set_rule)
        if (applies(rule) && matches(*(*impl.rules)[static_cast<size_t>(rule)].pattern)) {
          consider(rule);
          if (!all) break;
        }
    }
  }
  if (impl.heavy) {
    std::vector<int> found;
    if (impl.atoms) {
      RE2::Set::ErrorInfo info;
      if (!impl.atoms->Match(piece, &found, &info) && info.kind != RE2::Set::kNoError) {
        found.clear();  // The prefilter failed: every atom counts as found.
        for (size_t a = 0; a < impl.atom_count; ++a) found.push_back(static_cast<int>(a));
      }
    }
    std::vector<int> candidates;
    impl.heavy->AllPotentials(found, &candidates);
    for (int c : candidates) {
      int rule = impl.heavy_rule[static_cast<size_t>(c)];
      if ((!all && first >= 0 && rule > first) || !applies(rule)) continue;
      const RE2& re = impl.heavy->GetRE2(c);
      if (impl.whole_text ? RE2::FullMatch(piece, re) : RE2::PartialMatch(piece, re))
        consider(rule);
    }
  }
  return first;
}

int FirstFullMatch(const std::vector<PatternRule>& list, const PatternSet* set,
                   std::string_view text) {
  if (set) return set->FirstFullMatch(text);
  for (size_t j = 0; j < list.size(); ++j)
    if (list[j].pattern->FullMatch(text)) return static_cast<int>(j);
  return -1;
}

int FirstMatchWithin(const std::vector<PatternRule>& list, const PatternSet* set,
                     std::string_view text, size_t code_points) {
  if (set) return set->FirstMatchWithin(text, code_points);
  for (size_t j = 0; j < list.size(); ++j)
    if (code_points <= list[j].max_chars && list[j].pattern->PartialMatch(text))
      return static_cast<int>(j);
  return -1;
}

bool ParseRuleFile(const std::string& path, std::string_view content, RuleFile* out,
                   std::vector<RuleError>* errors) {
  out->path = path;
  size_t errors_before = errors->size();
  auto error = [&](int line, std::string msg) { errors->push_back({path, line, std::move(msg)}); };

  int line_no = 0, generic_line = 0;
  size_t pos = 0;
  if (content.substr(0, 3) == "\xEF\xBB\xBF") pos = 3;
  while (pos <= content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = Trim(content.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (line.find('\0') != std::string_view::npos) {
      error(line_no, "NUL byte in line");
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      error(line_no, "expected 'directive: value'");
      continue;
    }
    std::string directive = AsciiLower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    Origin origin{path, line_no};
    if (value.empty()) {
      error(line_no, "'" + directive + ":' needs a value");
      continue;
    }

    auto selector_rule = [&](std::vector<SelectorRule>* list, bool allow_attr) {
      SelectorRule r;
      r.origin = origin;
      std::string_view sel = value;
      if (allow_attr) {
        size_t at = value.rfind('@');
        if (at != std::string_view::npos && value.find(']', at) == std::string_view::npos) {
          r.attr = AsciiLower(Trim(value.substr(at + 1)));
          sel = Trim(value.substr(0, at));
          if (r.attr.empty()) {
            error(line_no, "expected an attribute name after '@'");
            return;
          }
        }
      }
      std::string msg;
      if (!r.selector.Parse(sel, &msg)) {
        error(line_no, msg);
        return;
      }
      list->push_back(std::move(r));
    };
    // A pattern is only parsed here (a throwaway RE2::Set parses without
    // compiling); each list is compiled once, as a set, at the end.
    auto pattern_rule = [&](std::vector<PatternRule>* list, bool case_insensitive) {
      RE2::Set check(PatternOptions(case_insensitive), RE2::UNANCHORED);
      std::string msg;
      if (check.Add(re2::StringPiece(value.data(), value.size()), &msg) < 0) {
        error(line_no, "bad pattern: " + msg);
        return;
      }
      list->push_back({std::make_shared<const Pattern>(std::string(value), case_insensitive), origin});
    };
    auto need_test = [&]() -> RuleTest* {
      if (out->tests.empty()) {
        error(line_no, "'" + directive + ":' must follow a 'test-file:' line");
        return nullptr;
      }
      return &out->tests.back();
    };

    if (directive == "host") {
      std::string h = AsciiLower(value);
      if (!ValidHostPattern(h)) {
        error(line_no, "bad host pattern '" + std::string(value) +
                           "' (expected example.com or *.example.com)");
        continue;
      }
      out->hosts.push_back(h);
    } else if (directive == "generic") {
      std::string v = AsciiLower(value);
      generic_line = line_no;
      if (v == "off") out->generic_off = true;
      else if (v == "on") out->generic_off = false;
      else error(line_no, "'generic:' takes 'on' or 'off'");
    } else if (directive == "body") {
      selector_rule(&out->body, false);
    } else if (directive == "title") {
      selector_rule(&out->title, true);
    } else if (directive == "strip") {
      selector_rule(&out->strip, false);
    } else if (directive == "strip-outside") {
      selector_rule(&out->strip_outside, false);
    } else if (directive == "keep") {
      selector_rule(&out->keep, false);
    } else if (directive == "article") {
      selector_rule(&out->article, false);
    } else if (directive == "strip-class") {
      pattern_rule(&out->strip_class, true);
    } else if (directive == "strip-class-small") {
      pattern_rule(&out->strip_class_small, true);
    } else if (directive == "good-class") {
      pattern_rule(&out->good_class, true);
    } else if (directive == "bad-class") {
      pattern_rule(&out->bad_class, true);
    } else if (directive == "drop-text") {
      pattern_rule(&out->drop_text, false);
    } else if (directive == "drop-text-short") {
      // `drop-text-short: N pattern`: N, the longest block in code points.
      size_t sp = value.find_first_of(" \t");
      std::string_view n = value.substr(0, sp);
      size_t max = 0;
      bool ok = !n.empty() && n.size() <= 6 && sp != std::string_view::npos;
      for (char c : n) ok = ok && c >= '0' && c <= '9';
      if (ok) max = static_cast<size_t>(std::stoul(std::string(n)));
      if (!ok || max == 0) {
        error(line_no, "'drop-text-short:' needs a length (1 to 999999) and a pattern");
        continue;
      }
      value = Trim(value.substr(sp));
      size_t before = out->drop_text_short.size();
      pattern_rule(&out->drop_text_short, false);
      if (out->drop_text_short.size() > before) {
        out->drop_text_short.back().max_chars = max;
        out->drop_text_short_max = std::max(out->drop_text_short_max, max);
      }
    } else if (directive == "foreign-script") {
      if (out->script.set) {
        error(line_no, "'foreign-script:' given twice (first at line " +
                           std::to_string(out->script.origin.line) + ")");
        continue;
      }
      ScriptFilterRule s;
      s.set = true;
      s.origin = origin;
      bool ok = true;
      size_t i = 0;
      bool first = true;
      while (i < value.size()) {
        while (i < value.size() && value[i] == ' ') ++i;
        size_t j = value.find(' ', i);
        if (j == std::string_view::npos) j = value.size();
        std::string word = AsciiLower(value.substr(i, j - i));
        i = j;
        if (word.empty()) continue;
        if (first) {
          first = false;
          if (word == "on") { s.enabled = true; continue; }
          if (word == "off") { s.enabled = false; continue; }
          error(line_no, "'foreign-script:' starts with 'on' or 'off'");
          ok = false;
          break;
        }
        size_t eq = word.find('=');
        std::string key = word.substr(0, eq);
        std::string num = eq == std::string::npos ? "" : word.substr(eq + 1);
        char* endp = nullptr;
        double v = num.empty() ? 0 : std::strtod(num.c_str(), &endp);
        bool numeric = !num.empty() && endp && *endp == '\0';
        if (key == "max-letters" && numeric && v >= 1 && v <= 100000 && v == int(v)) {
          s.max_letters = int(v);
        } else if (key == "min-share" && numeric && v > 0 && v <= 1) {
          s.min_share = v;
        } else {
          error(line_no, "bad foreign-script option '" + word +
                             "' (expected max-letters=N or min-share=0..1)");
          ok = false;
          break;
        }
      }
      if (ok) out->script = s;
    } else if (directive == "stopwords") {
      size_t sp = value.find_first_of(" \t");
      std::string_view lang = value.substr(0, sp);
      if (!ValidLanguage(lang)) {
        error(line_no, "bad language '" + std::string(lang) +
                           "' (expected a lower-case code such as en or pt-br)");
        continue;
      }
      std::vector<std::string> words;
      bool ok = true;
      size_t i = lang.size();
      while (i < value.size() && ok) {
        while (i < value.size() && (value[i] == ' ' || value[i] == '\t')) ++i;
        size_t j = value.find_first_of(" \t", i);
        if (j == std::string_view::npos) j = value.size();
        std::string_view w = value.substr(i, j - i);
        i = j;
        if (w.empty()) continue;
        // A stop word is one word of the text's alphabet, already lower case.
        int n = 0;
        bool same = false;
        ForEachWord(w, [&](std::string_view x) { same = ++n == 1 && x == w; });
        if (n != 1 || !same) {
          error(line_no, "stop word '" + std::string(w) + "' is not one lower-case word");
          ok = false;
        }
        words.emplace_back(w);
      }
      if (!ok) continue;
      if (words.empty()) {
        error(line_no, "'stopwords:' needs a language and at least one word");
        continue;
      }
      size_t k = 0;
      while (k < out->stopwords.size() && out->stopwords[k].lang != lang) ++k;
      if (k == out->stopwords.size()) {
        if (k == kMaxStopwordLanguages) {
          error(line_no, "too many stop-word languages in one file (at most " +
                             std::to_string(kMaxStopwordLanguages) + ")");
          continue;
        }
        out->stopwords.push_back({std::string(lang), 0, origin});
      }
      for (const std::string& w : words)
        out->stopwords[k].words += out->stopword_table.Add(w, uint64_t{1} << k);
    } else if (directive == "test-file") {
      std::string name(value);
      if (name.find('/') != std::string::npos || name == "." || name == "..") {
        error(line_no, "'test-file:' takes a fixture name, not a path");
        continue;
      }
      out->tests.push_back({name, origin, {}, {}});
    } else if (directive == "expect-present") {
      if (RuleTest* t = need_test()) t->present.emplace_back(value);
    } else if (directive == "expect-absent") {
      if (RuleTest* t = need_test()) t->absent.emplace_back(value);
    } else {
      error(line_no, "unknown directive '" + directive + "'");
    }
  }
  if (errors->size() == errors_before) {
    // One set per list. When RE2 cannot compile a set, each of its patterns
    // is compiled alone: one too large for RE2 is an error at its line; if
    // none is, the list is matched one pattern at a time.
    auto build = [&](const std::vector<PatternRule>& list, std::shared_ptr<const PatternSet>* set,
                     bool whole_text = true) {
      if (list.empty()) return;
      *set = PatternSet::Build(list, whole_text);
      if (*set) return;
      for (const PatternRule& r : list)
        if (!r.pattern->re().ok())
          errors->push_back({path, r.origin.line, "bad pattern: " + r.pattern->re().error()});
    };
    build(out->drop_text, &out->drop_text_set);
    build(out->drop_text_short, &out->drop_text_short_set, false);
    build(out->strip_class, &out->strip_class_set);
    build(out->strip_class_small, &out->strip_class_small_set);
    build(out->good_class, &out->good_class_set);
    build(out->bad_class, &out->bad_class_set);
  }
  if (out->generic_off && out->hosts.empty())
    error(generic_line, "'generic: off' is only allowed in a site file (one with 'host:' lines)");
  return errors->size() == errors_before;
}

}  // namespace pith::rules
