#include "extract/extract.h"

#include <gumbo.h>

#include <algorithm>

namespace pith::extract {
namespace {

// What a linked headline costs at least: enough to outweigh the summary
// paragraph of a teaser card, so that lists of teasers net negative.
constexpr double kTeaserHeadline = 150;

// Narrowing to a child: what the parent adds must be under kNarrowRest bytes
// of prose, or, when all of it comes after the child, under kTrailingRest
// bytes and kTrailingShare of the parent's prose.
constexpr double kNarrowRest = 250;
constexpr double kTrailingRest = 500;
constexpr double kTrailingShare = 0.1;

// A sibling of the container joins it when it has a tenth of its mass and
// few links.
constexpr double kSiblingShare = 0.1;

// A prose-free subtree with at least this many labels and this much
// negative mass inside the container is chrome.
constexpr uint32_t kChromeLabels = 4;
constexpr double kChromeMass = 30;

// A subtree of the container with at least this many linked headings, and
// under this much unlinked text per heading, is a list of teaser cards.
constexpr uint32_t kTeaserCards = 2;
constexpr uint32_t kTeaserSummary = 500;

// A <p> of this many bytes with two or more sentence marks is prose even
// when most of it is link text.
constexpr uint32_t kLinkedProse = 100;

using parse::Dom;
using parse::kNoNode;

bool IsSkippedContent(uint16_t tag) {
  return tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_NOSCRIPT ||
         tag == GUMBO_TAG_TEMPLATE || tag == GUMBO_TAG_HEAD || tag == GUMBO_TAG_SVG ||
         tag == GUMBO_TAG_MATH;
}

int TagPrior(uint16_t tag) {
  switch (tag) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_SECTION:
      return 5;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
      return 3;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
      return -3;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
      return -5;
    default:
      return 0;
  }
}

int ClassWeight(const Dom& dom, uint32_t i, const rules::ActiveRules& rules) {
  int w = 0;
  auto any = [&](const std::vector<rules::PatternRule>& list,
                 const std::shared_ptr<const rules::PatternSet>& set) {
    return rules::AnyClassToken(
        dom, i, [&](std::string_view t) { return rules::FirstFullMatch(list, set.get(), t) >= 0; });
  };
  for (const rules::RuleFile* f : rules.generic) {
    if (!f->bad_class.empty() && any(f->bad_class, f->bad_class_set)) { w -= 25; break; }
  }
  for (const rules::RuleFile* f : rules.generic) {
    if (!f->good_class.empty() && any(f->good_class, f->good_class_set)) { w += 25; break; }
  }
  return w;
}

// Marks element i's subtree removed; with `explain`, records its first
// words under `reason`.
void PruneSubtree(const Dom& dom, uint32_t i, const char* reason, bool explain,
                  rules::Marks* marks, std::vector<Removal>* removals) {
  if (explain) {
    std::string t = dom.TextOf(i, 60);
    if (!t.empty()) removals->push_back({std::move(t), reason});
  }
  for (uint32_t k = i; k < dom.node(i).end; ++k) marks->removed[k] = 1;
}

// Records the regions left out of `roots`: the children of each root's
// ancestors that are neither on a path to a root nor already removed.
void RecordDropped(const Dom& dom, const rules::Marks& marks, const std::vector<uint32_t>& roots,
                   const std::string& reason, std::vector<Removal>* removals) {
  std::vector<uint8_t> on_path(dom.size(), 0);
  for (uint32_t r : roots)
    for (uint32_t a = r; a != kNoNode && !on_path[a]; a = dom.node(a).parent) on_path[a] = 1;
  for (uint32_t r : roots) on_path[r] = 2;
  // Children of path nodes that are neither on the path nor removed.
  for (uint32_t i = 0; i < dom.size(); ++i) {
    if (on_path[i] != 1) continue;
    for (uint32_t c = dom.first_child(i); c != kNoNode; c = dom.next_sibling(c)) {
      if (on_path[c] || marks.removed[c]) continue;
      if (dom.node(c).is_element() && dom.node(c).tag == GUMBO_TAG_HEAD) continue;
      std::string text = dom.TextOf(c, 60);
      if (!text.empty()) removals->push_back({std::move(text), reason});
    }
  }
}

}  // namespace

bool IsBlockTag(uint16_t tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML:
    case GUMBO_TAG_LI: case GUMBO_TAG_LISTING: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_XMP:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OPTION: case GUMBO_TAG_SELECT:
      return true;
    default:
      return false;
  }
}

namespace {

// Prunes link-heavy elements below the roots (see extract.h).
void PruneLinkHeavy(const Dom& dom, const std::vector<uint32_t>& roots,
                    const std::vector<uint32_t>& text, const std::vector<uint32_t>& link,
                    const std::vector<uint32_t>& punct,
                    bool explain, rules::Marks* marks, std::vector<Removal>* removals) {
  for (uint32_t r : roots) {
    for (uint32_t i = r + 1; i < dom.node(r).end; ++i) {
      const parse::Node& n = dom.node(i);
      if (marks->removed[i]) {
        i = n.end - 1;
        continue;
      }
      if (!n.is_element()) continue;
      switch (n.tag) {
        case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
        case GUMBO_TAG_DL: case GUMBO_TAG_TABLE: case GUMBO_TAG_P: case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FIGURE:
          break;
        default:
          continue;
      }
      if (text[i] == 0 || link[i] * 2 <= text[i] || text[i] - link[i] >= 200) continue;
      // A long paragraph of sentences is prose, however many links it holds
      // (a reply quoting handles, a citation): a link box holds headlines.
      if (n.tag == GUMBO_TAG_P && text[i] >= kLinkedProse && punct[i] >= 2) continue;
      PruneSubtree(dom, i, "generic:link-density", explain, marks, removals);
      i = n.end - 1;
    }
  }
}

}  // namespace

Content FindContent(const Dom& dom, const rules::ActiveRules& rules, rules::Marks* marks_out,
                    bool explain, std::vector<Removal>* removals) {
  const rules::Marks& marks = *marks_out;
  Content content;
  if (!marks.body.empty()) {
    for (uint32_t b : marks.body)
      if (!marks.removed[b]) content.roots.push_back(b);
    if (explain)
      RecordDropped(dom, marks, content.roots, marks.body_origin, removals);
    return content;
  }
  const uint32_t n = static_cast<uint32_t>(dom.size());
  if (dom.body() == kNoNode) return content;

  // Forward pass: paragraph owner and link flag of every node.
  std::vector<uint32_t> para(n, kNoNode);
  std::vector<uint8_t> in_link(n, 0);
  for (uint32_t i = 0; i < n; ++i) {
    const parse::Node& node = dom.node(i);
    if (marks.removed[i] || (node.is_element() && IsSkippedContent(node.tag))) {
      i = node.end - 1;
      continue;
    }
    uint32_t p = node.parent;
    if (node.is_element()) {
      para[i] = IsBlockTag(node.tag) ? i : (p == kNoNode ? kNoNode : para[p]);
      in_link[i] = (p != kNoNode && in_link[p]) || node.tag == GUMBO_TAG_A;
    } else if (p != kNoNode) {
      para[i] = para[p];
      in_link[i] = in_link[p];
    }
  }

  // Own text per paragraph, and subtree text / link text per node.
  std::vector<uint32_t> own(n, 0), own_commas(n, 0), own_link(n, 0), own_stops(n, 0), text(n, 0),
      link(n, 0);
  for (uint32_t i = n; i-- > 0;) {
    const parse::Node& node = dom.node(i);
    if (node.is_text() && para[i] != kNoNode) {
      uint32_t c = 0, commas = 0, stops = 0;
      for (size_t k = 0; k < node.text.size(); ++k) {
        char ch = node.text[k];
        c += !parse::IsHtmlSpace(ch);
        if (ch == '.' || ch == '!' || ch == '?' || ch == ';' || ch == ':') ++stops;
        // U+3002 ideographic full stop.
        else if (ch == '\xE3' && node.text.compare(k, 3, "\xE3\x80\x82") == 0) ++stops;
        // U+2026 horizontal ellipsis: a sentence trailing off.
        else if (ch == '\xE2' && node.text.compare(k, 3, "\xE2\x80\xA6") == 0) ++stops;
        if (ch == ',') ++commas;
        // U+FF0C fullwidth comma and U+3001 ideographic comma.
        else if (ch == '\xEF' && node.text.compare(k, 3, "\xEF\xBC\x8C") == 0) ++commas;
        else if (ch == '\xE3' && node.text.compare(k, 3, "\xE3\x80\x81") == 0) ++commas;
      }
      text[i] = c;
      if (in_link[i]) link[i] = c;
      own[para[i]] += c;
      own_commas[para[i]] += commas;
      own_stops[para[i]] += stops;
      if (in_link[i]) own_link[para[i]] += c;
    }
    if (node.parent != kNoNode && para[i] != kNoNode) {
      text[node.parent] += text[i];
      link[node.parent] += link[i];
    }
  }

  // Sentence punctuation per paragraph.
  std::vector<uint32_t> punct(n, 0);
  for (uint32_t i = 0; i < n; ++i) punct[i] = own_commas[i] + own_stops[i];

  // Score paragraphs into their ancestors.
  std::vector<float> score(n, 0);
  std::vector<uint8_t> scored(n, 0);
  auto init = [&](uint32_t c) {
    if (scored[c]) return;
    scored[c] = 1;
    score[c] = float(TagPrior(dom.node(c).tag) + ClassWeight(dom, c, rules));
  };
  for (uint32_t i = 0; i < n; ++i) {
    if (para[i] != i || own[i] < 25) continue;
    uint16_t tag = dom.node(i).tag;
    if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML) continue;
    float s = 1.0f + float(own_commas[i]) + std::min(float(own[i]) / 100.0f, 3.0f);
    uint32_t a = dom.node(i).parent;
    for (int level = 0; level < 3 && a != kNoNode; ++level, a = dom.node(a).parent) {
      if (dom.node(a).tag == GUMBO_TAG_HTML) break;
      init(a);
      score[a] += s / float(level == 0 ? 1 : level == 1 ? 2 : level * 3);
    }
  }
  uint32_t best = kNoNode;
  float best_score = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (!scored[i]) continue;
    float ld = text[i] ? float(link[i]) / float(text[i]) : 0.0f;
    score[i] *= (1.0f - ld);
    if (best == kNoNode || score[i] > best_score) {
      best = i;
      best_score = score[i];
    }
  }
  if (best == kNoNode) {
    content.roots.push_back(dom.body());
    if (explain) RecordDropped(dom, marks, content.roots, "generic:not-main-content", removals);
    return content;
  }
  {
    // Content mass: each paragraph adds its own text when it reads like
    // prose and subtracts it when it is mostly links or a short label; the
    // best container is the node whose subtree has the most mass.
    std::vector<double> mass(n, 0), positive(n, 0);
    std::vector<uint32_t> paras(n, 0);  // Paragraphs with text in the subtree.
    std::vector<uint32_t> teasers(n, 0);  // Linked headings in the subtree.
    std::vector<double> weight(n, 0);     // Each paragraph's own weight.
    for (uint32_t i = n; i-- > 0;) {
      if (para[i] == i && own[i] > 0) {
        double L = own[i], ld = double(own_link[i]) / L;
        uint16_t tag = dom.node(i).tag;
        bool cell = tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH || tag == GUMBO_TAG_LI ||
                    tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT;
        bool heading = tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6;
        double w;
        if (ld > 0.5 && heading) ++teasers[i];
        if (ld > 0.5 && heading) w = -std::max(L, kTeaserHeadline);  // A teaser's linked headline.
        else if (ld > 0.5) w = -L;
        else if (L >= 80 || (L >= 25 && own_stops[i] + own_commas[i] > 0)) w = L * (1 - 2 * ld);
        else w = cell ? 0.0 : -0.5 * L;  // Short cells and items are normal in tables and lists.
        weight[i] = w;
        mass[i] += w;
        if (w > 0) positive[i] += w;
        ++paras[i];
      }
      uint32_t p = dom.node(i).parent;
      if (p != kNoNode) {
        mass[p] += mass[i];
        positive[p] += positive[i];
        paras[p] += paras[i];
        teasers[p] += teasers[i];
      }
    }
    uint32_t top = kNoNode;
    for (uint32_t i = 0; i < n; ++i) {
      if (para[i] == kNoNode || !dom.node(i).is_element()) continue;
      if (dom.node(i).tag == GUMBO_TAG_HTML) continue;
      if (top == kNoNode || mass[i] > mass[top]) top = i;
    }
    // Narrow to a child that holds nearly all the prose: what the top node
    // adds around it (a site name, a slogan: under 250 bytes) is page chrome.
    // Prose after the child may be longer (an author's bio, a disclaimer, a
    // call to subscribe: what pages append to an article), prose before it
    // may not (it can be the article's opening paragraphs).
    while (top != kNoNode && mass[top] > 0) {
      uint32_t narrow = kNoNode;
      double before = positive[top];  // Positive mass outside the children's subtrees...
      for (uint32_t c = dom.first_child(top); c != kNoNode; c = dom.next_sibling(c))
        before -= positive[c];            // ...counts as coming first.
      for (uint32_t c = dom.first_child(top); c != kNoNode; c = dom.next_sibling(c)) {
        double rest = positive[top] - positive[c];
        if (positive[c] >= 0.95 * positive[top] && rest < kNarrowRest) narrow = c;
        else if (positive[c] >= (1 - kTrailingShare) * positive[top] && rest < kTrailingRest &&
                 before < kNarrowRest && before <= 0.05 * positive[top])
          narrow = c;
        before += positive[c];
      }
      if (narrow == kNoNode || !dom.node(narrow).is_element()) break;
      top = narrow;
    }
    // A table is read whole (its caption and header row name its columns):
    // a container inside it that is no cell widens to the table.
    while (top != kNoNode && dom.node(top).parent != kNoNode) {
      uint16_t tag = dom.node(top).tag;
      if (tag != GUMBO_TAG_TBODY && tag != GUMBO_TAG_THEAD && tag != GUMBO_TAG_TFOOT &&
          tag != GUMBO_TAG_TR)
        break;
      top = dom.node(top).parent;
    }
    if (top != kNoNode && mass[top] > 0) {
      // Siblings that are prose in their own right join the container: an
      // introduction kept apart from the body by link-heavy neighbours.
      uint32_t parent = dom.node(top).parent;
      if (parent != kNoNode && dom.node(top).tag != GUMBO_TAG_BODY) {
        for (uint32_t c = dom.first_child(parent); c != kNoNode; c = dom.next_sibling(c)) {
          if (c == top) {
            content.roots.push_back(c);
          } else if (dom.node(c).is_element() && !marks.removed[c] && mass[c] > 0 &&
                     mass[c] >= kSiblingShare * mass[top] && text[c] > 0 && link[c] * 4 < text[c]) {
            content.roots.push_back(c);
          }
        }
      } else {
        content.roots.push_back(top);
      }
      // The lead: prose paragraphs between the page's headline and the
      // container (a standfirst kept in the article header) join it.
      {
        uint32_t first = content.roots.front(), h1 = kNoNode;
        for (uint32_t i = dom.body(); i < first; ++i) {
          if (marks.removed[i]) { i = dom.node(i).end - 1; continue; }
          if (dom.node(i).is_element() && dom.node(i).tag == GUMBO_TAG_H1) { h1 = i; break; }
        }
        if (h1 != kNoNode) {
          std::vector<uint32_t> lead;
          uint32_t lead_text = 0, body_text = 0;
          for (uint32_t r : content.roots) body_text += text[r];
          for (uint32_t i = dom.node(h1).end; i < first; ++i) {
            if (marks.removed[i]) { i = dom.node(i).end - 1; continue; }
            if (para[i] != i || weight[i] <= 0 || dom.node(i).end > first) continue;
            if (own_link[i] * 4 >= own[i]) continue;
            lead.push_back(i);
            lead_text += text[i];
            i = dom.node(i).end - 1;
          }
          // A lead is shorter than the article it opens.
          if (2 * lead_text < body_text)
            content.roots.insert(content.roots.begin(), lead.begin(), lead.end());
        }
      }
      if (explain) RecordDropped(dom, marks, content.roots, "generic:not-main-content", removals);
      PruneLinkHeavy(dom, content.roots, text, link, punct, explain, marks_out, removals);
      // A list of teaser cards (linked headlines, each with a short summary)
      // inside the container is a "more stories" block, not the article.
      for (uint32_t r : content.roots) {
        for (uint32_t i = r + 1; i < dom.node(r).end; ++i) {
          const parse::Node& node = dom.node(i);
          if (marks_out->removed[i] || !node.is_element()) continue;
          if (teasers[i] < kTeaserCards || text[i] - link[i] >= kTeaserSummary * teasers[i] ||
              4 * text[i] > 3 * text[r])
            continue;
          PruneSubtree(dom, i, "generic:teasers", explain, marks_out, removals);
          i = node.end - 1;
        }
      }
      // A subtree of several short labels and no prose at all (a video
      // player's controls, a row of buttons) is chrome, wherever it sits.
      for (uint32_t r : content.roots) {
        for (uint32_t i = r + 1; i < dom.node(r).end; ++i) {
          const parse::Node& node = dom.node(i);
          if (marks_out->removed[i] || !node.is_element()) continue;
          if (positive[i] > 0 || paras[i] < kChromeLabels || mass[i] > -kChromeMass) continue;
          if (dom.node(i).tag == GUMBO_TAG_TABLE || dom.node(i).tag == GUMBO_TAG_UL ||
              dom.node(i).tag == GUMBO_TAG_OL || dom.node(i).tag == GUMBO_TAG_DL) {
            i = node.end - 1;  // Short cells and items are what tables and lists hold.
            continue;
          }
          PruneSubtree(dom, i, "generic:chrome", explain, marks_out, removals);
          i = node.end - 1;
        }
      }
      return content;
    }
  }
  // Widen while the parent holds no other text.
  while (dom.node(best).parent != kNoNode && dom.node(best).parent != dom.body() &&
         text[dom.node(best).parent] == text[best] && dom.node(best).tag != GUMBO_TAG_BODY) {
    best = dom.node(best).parent;
    if (scored[best]) best_score = std::max(best_score, score[best]);
  }
  // Sibling merging.
  uint32_t parent = dom.node(best).parent;
  if (parent == kNoNode) {
    content.roots.push_back(best);
  } else {
    float threshold = std::max(10.0f, best_score * 0.2f);
    for (uint32_t c = dom.first_child(parent); c != kNoNode; c = dom.next_sibling(c)) {
      if (c == best) {
        content.roots.push_back(c);
        continue;
      }
      if (marks.removed[c] || !dom.node(c).is_element() || text[c] == 0) continue;
      float ld = float(link[c]) / float(text[c]);
      bool take = scored[c] && score[c] >= threshold;
      if (!take && dom.node(c).tag == GUMBO_TAG_P) {
        if (own[c] > 80 && ld < 0.25f) take = true;
      }
      if (take) content.roots.push_back(c);
    }
  }
  if (explain) RecordDropped(dom, marks, content.roots, "generic:not-main-content", removals);
  PruneLinkHeavy(dom, content.roots, text, link, punct, explain, marks_out, removals);
  return content;
}

}  // namespace pith::extract
