#include "rules/apply.h"

#include <gumbo.h>

#include <string>
#include <unordered_map>

namespace pith::rules {
namespace {

using parse::Dom;
using parse::kNoNode;

constexpr uint8_t kProtected = 1;    // Inside a kept subtree.
constexpr uint8_t kHoldsGuarded = 2;  // Ancestor of (or is) a kept/article node.

void MarkSubtreeAndAncestors(const Dom& dom, uint32_t i, std::vector<uint8_t>* subtree_flags,
                             uint8_t subtree_bit, std::vector<uint8_t>* guard) {
  for (uint32_t k = i; k < dom.node(i).end; ++k) (*subtree_flags)[k] |= subtree_bit;
  for (uint32_t a = i; a != kNoNode; a = dom.node(a).parent) {
    if ((*guard)[a] & kHoldsGuarded) break;
    (*guard)[a] |= kHoldsGuarded;
  }
}

// Per node: bytes of visible text outside links in its subtree.
std::vector<uint32_t> PlainTextBytes(const Dom& dom) {
  size_t n = dom.size();
  std::vector<uint8_t> skip(n, 0);  // 1: inside <a>, 2: inside script/style.
  for (uint32_t i = 0; i < n; ++i) {
    const auto& node = dom.node(i);
    uint8_t s = node.parent == kNoNode ? 0 : skip[node.parent];
    if (node.is_element()) {
      if (node.tag == GUMBO_TAG_A) s |= 1;
      if (node.tag == GUMBO_TAG_SCRIPT || node.tag == GUMBO_TAG_STYLE ||
          node.tag == GUMBO_TAG_NOSCRIPT || node.tag == GUMBO_TAG_TEMPLATE ||
          node.tag == GUMBO_TAG_SVG || node.tag == GUMBO_TAG_MATH)
        s |= 2;
    }
    skip[i] = s;
  }
  std::vector<uint32_t> plain(n, 0);
  for (uint32_t i = static_cast<uint32_t>(n); i-- > 0;) {
    const auto& node = dom.node(i);
    if (node.is_text() && skip[i] == 0) {
      uint32_t c = 0;
      for (char ch : node.text) c += !parse::IsHtmlSpace(ch);
      plain[i] += c;
    }
    if (node.parent != kNoNode) plain[node.parent] += plain[i];
  }
  return plain;
}

// An inline element inside running text: a phrasing tag with letters in
// the text right before it and right after it ("am a <a class=popup>rather
// elderly</a> man."). Its class names a behaviour (a popup, a tooltip),
// not a piece of page chrome, and removing it would cut words out of a
// sentence.
bool InlineInRunningText(const Dom& dom, uint32_t i) {
  if (!IsRunningTextTag(dom.node(i).tag)) return false;
  auto letters = [&](uint32_t t) {
    if (t == kNoNode || !dom.node(t).is_text()) return false;
    for (unsigned char c : dom.node(t).text)
      if (c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) return true;
    return false;
  };
  // The text right before and right after it: the text siblings next to
  // it, up to the nearest other element. Scripts and styles are not there
  // for a reader, and comments are not in the Dom: text on both sides of
  // them reads as one run (and is one for Gumbo once the prescan has cut
  // them).
  auto invisible = [&](uint32_t c) {
    const parse::Node& n = dom.node(c);
    return n.is_element() && (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE);
  };
  bool before = false;
  for (uint32_t c = dom.first_child(dom.node(i).parent); c != i; c = dom.next_sibling(c)) {
    if (dom.node(c).is_text()) before |= letters(c);
    else if (!invisible(c)) before = false;
  }
  if (!before) return false;
  for (uint32_t c = dom.next_sibling(i); c != kNoNode; c = dom.next_sibling(c)) {
    if (dom.node(c).is_text()) {
      if (letters(c)) return true;
    } else if (!invisible(c)) {
      return false;
    }
  }
  return false;
}

}  // namespace

bool IsRunningTextTag(uint32_t tag) {
  switch (tag) {
    case GUMBO_TAG_A: case GUMBO_TAG_SPAN: case GUMBO_TAG_EM: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_B: case GUMBO_TAG_I: case GUMBO_TAG_U: case GUMBO_TAG_ABBR:
    case GUMBO_TAG_DFN: case GUMBO_TAG_MARK: case GUMBO_TAG_CITE: case GUMBO_TAG_Q:
      return true;
    default:
      return false;
  }
}

void Apply(const Dom& dom, const ActiveRules& rules, bool explain, Marks* out) {
  const size_t n = dom.size();
  out->removed.assign(n, 0);
  out->article.assign(n, 0);
  std::vector<uint8_t> guard(n, 0);

  auto all_files = [&](auto fn) {
    for (const RuleFile* f : rules.site) fn(f);
    for (const RuleFile* f : rules.generic) fn(f);
  };

  // 1. keep:
  all_files([&](const RuleFile* f) {
    if (f->keep.empty()) return;
    for (uint32_t i = 0; i < n; ++i) {
      for (const SelectorRule& r : f->keep) {
        if (r.selector.Matches(dom, i)) {
          MarkSubtreeAndAncestors(dom, i, &guard, kProtected, &guard);
          break;
        }
      }
    }
  });

  // 2. body: the first site line that matches anything.
  for (const RuleFile* f : rules.site) {
    for (const SelectorRule& r : f->body) {
      for (uint32_t i = 0; i < n; ++i) {
        if (r.selector.Matches(dom, i)) {
          out->body.push_back(i);
          i = dom.node(i).end - 1;  // Outermost matches only.
        }
      }
      if (!out->body.empty()) {
        out->body_origin = r.origin.ToString();
        break;
      }
    }
    if (!out->body.empty()) break;
  }

  // 3. Article scope: the site body, else generic article: containers.
  if (!out->body.empty()) {
    for (uint32_t b : out->body) MarkSubtreeAndAncestors(dom, b, &out->article, 1, &guard);
  } else {
    all_files([&](const RuleFile* f) {
      for (const SelectorRule& r : f->article) {
        for (uint32_t i = 0; i < n; ++i) {
          if (!out->article[i] && r.selector.Matches(dom, i))
            MarkSubtreeAndAncestors(dom, i, &out->article, 1, &guard);
        }
      }
    });
  }

  // 4. Strip, in one pass in document order.
  std::vector<uint32_t> plain;
  bool have_generic = false;
  for (const RuleFile* f : rules.generic)
    have_generic |= !f->strip.empty() || !f->strip_outside.empty() || !f->strip_class.empty() ||
                    !f->strip_class_small.empty();
  if (have_generic) plain = PlainTextBytes(dom);
  const uint32_t page_plain =
      dom.body() != kNoNode && have_generic ? plain[dom.body()] : 0;

  uint32_t first_h1 = kNoNode;
  for (uint32_t i = 0; i < n && have_generic; ++i)
    if (dom.node(i).is_element() && dom.node(i).tag == GUMBO_TAG_H1) {
      first_h1 = i;
      break;
    }

  std::vector<std::unordered_map<std::string, int>> token_cache(2 * rules.generic.size());

  auto remove = [&](uint32_t i, const Origin& origin) {
    for (uint32_t k = i; k < dom.node(i).end; ++k) out->removed[k] = 1;
    if (explain) {
      std::string text = dom.TextOf(i, 60);
      if (!text.empty()) out->removals.push_back({std::move(text), origin.ToString()});
    }
  };

  for (uint32_t i = 0; i < n; ++i) {
    const parse::Node& node = dom.node(i);
    if (!node.is_element()) continue;
    if (node.tag == GUMBO_TAG_HTML || node.tag == GUMBO_TAG_BODY || node.tag == GUMBO_TAG_HEAD)
      continue;
    const Origin* hit = nullptr;
    for (const RuleFile* f : rules.site) {
      for (const SelectorRule& r : f->strip)
        if (r.selector.Matches(dom, i)) { hit = &r.origin; break; }
      if (hit) break;
    }
    if (hit) {
      remove(i, *hit);
      i = node.end - 1;
      continue;
    }
    if (guard[i] || !have_generic) continue;
    // A layout wrapper holding most of the page's own text, or the page's
    // first <h1> and a quarter of its text, is never generic boilerplate,
    // whatever its tag or classes say.
    if (page_plain >= 200 && plain[i] * 2 > page_plain) continue;
    if (page_plain >= 200 && first_h1 != kNoNode && i < first_h1 && first_h1 < node.end &&
        plain[i] * 4 > page_plain)
      continue;
    for (size_t fi = 0; fi < rules.generic.size(); ++fi) {
      const RuleFile* f = rules.generic[fi];
      for (const SelectorRule& r : f->strip)
        if (r.selector.Matches(dom, i)) { hit = &r.origin; break; }
      if (!hit && !out->article[i]) {
        for (const SelectorRule& r : f->strip_outside)
          if (r.selector.Matches(dom, i)) { hit = &r.origin; break; }
      }
      // Each distinct token is matched once per page and list.
      auto class_hit = [&](const std::vector<PatternRule>& list,
                           const std::shared_ptr<const PatternSet>& set,
                           std::unordered_map<std::string, int>* cache) -> const Origin* {
        if (list.empty()) return nullptr;
        int found = -1;
        AnyClassToken(dom, i, [&](std::string_view t) {
          auto it = cache->find(std::string(t));
          int k;
          if (it != cache->end()) {
            k = it->second;
          } else {
            k = FirstFullMatch(list, set.get(), t);
            cache->emplace(std::string(t), k);
          }
          if (k >= 0) found = k;
          return k >= 0;
        });
        return found >= 0 ? &list[static_cast<size_t>(found)].origin : nullptr;
      };
      size_t slot = 2 * fi;
      if (!hit && InlineInRunningText(dom, i)) continue;
      if (!hit) hit = class_hit(f->strip_class, f->strip_class_set, &token_cache[slot]);
      if (!hit && plain[i] < kSmallPlainBytes)
        hit = class_hit(f->strip_class_small, f->strip_class_small_set, &token_cache[slot + 1]);
      if (hit) break;
    }
    if (hit) {
      remove(i, *hit);
      i = node.end - 1;
    }
  }

  // 5. Title: site lines first, then generic ones; first non-empty wins.
  auto title_from = [&](const SelectorRule& r) -> bool {
    for (uint32_t i = 0; i < n; ++i) {
      if (!r.selector.Matches(dom, i)) continue;
      std::string t;
      if (r.attr.empty()) {
        t = dom.TextOf(i);
      } else if (const std::string_view* v = dom.Attr(i, r.attr)) {
        parse::AppendCollapsed(*v, &t);
        while (!t.empty() && t.back() == ' ') t.pop_back();
      }
      if (!t.empty()) {
        out->title = std::move(t);
        return true;
      }
    }
    return false;
  };
  bool found = false;
  all_files([&](const RuleFile* f) {
    for (const SelectorRule& r : f->title)
      if (!found && title_from(r)) found = true;
  });
}

}  // namespace pith::rules
