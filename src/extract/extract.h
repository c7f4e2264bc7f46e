// extract: finding the article container when no site `body:` names it.
//
// One forward pass assigns every text node to its nearest block-level
// ancestor (its "paragraph"); one backward pass sums text and link-text
// bytes per paragraph and per subtree.
//
// Primary strategy, content mass: a paragraph weighs +L (its own text bytes,
// scaled down by its link density) when it reads like prose (80 bytes or
// more, or 25 with sentence punctuation, an ellipsis included), -L when more than half of it is
// link text (at least -150 for a heading: a teaser's linked headline must
// outweigh its summary, so that lists of teaser cards net negative), and -L/2 when it is a short label (0 for a short table cell or
// list item, which are normal in tables and lists). A node's mass is the sum
// over its subtree, and the container is the node of greatest mass: it takes
// in every sibling section of a split article, because they add mass, and
// stops where navigation and teaser lists would cost more than they bring.
// It is then narrowed to a child holding 95% of its positive mass, if any,
// when the rest is under 250 bytes: page chrome such as a site name; or
// holding 90% when the rest is under 500 bytes and all but 250 bytes of it
// come after the child: what pages append to an article (a bio, a
// disclaimer, a call to subscribe), while prose before it may be the
// article's opening. Its siblings with a tenth of its mass and under a
// quarter of link text join it: an introduction kept apart from the body by
// link-heavy neighbours. Prose paragraphs between the page's first <h1> and
// the container, with under a quarter of link text, join it too (the lead
// or standfirst of an article header), unless together they hold half as
// much text as the container or more (then they are teasers).
//
// Fallback, when no node has positive mass: Readability-style scoring. A
// paragraph with at least 25 bytes scores 1 + its commas + one point per
// 100 bytes (at most 3), given in full to its parent, half to its
// grandparent and a third to the next ancestor; candidates get a tag prior
// and the `good-class:` / `bad-class:` hints, scaled by (1 - link density);
// the best is widened while its parent holds no other text and joined by
// siblings scoring at least a fifth of it, or long paragraphs with few links.
//
// Inside the chosen content, a subtree with two or more linked headings and
// under 500 bytes of unlinked text per heading, holding under three quarters
// of its root's text, is a list of teaser cards and is pruned. A subtree of
// four or more short labels and no prose (a video player's controls) is
// pruned as chrome, and blocks that are mostly links (a "read also" box, a
// list of related headlines, a tag list) are pruned: an element whose
// text is more than half link text and holds under 200 bytes of other
// text, unless it is a <p> of 100 bytes or more with two sentence marks
// (prose with many links).
//
// Every step is a constant number of passes over the node array: the cost
// is linear in the page size whatever the number of candidates.
#ifndef PITH_EXTRACT_EXTRACT_H_
#define PITH_EXTRACT_EXTRACT_H_

#include <cstdint>
#include <vector>

#include "parse/dom.h"
#include "pith/document.h"
#include "rules/apply.h"

namespace pith::extract {

struct Content {
  std::vector<uint32_t> roots;  // Containers to take blocks from, in order.
};

// Uses marks->body when set; otherwise scores the page and marks the pruned
// link-heavy elements in marks->removed. Records one removal per dropped
// region (siblings left out along the path to each root, pruned elements)
// when `explain`.
Content FindContent(const parse::Dom& dom, const rules::ActiveRules& rules, rules::Marks* marks,
                    bool explain, std::vector<Removal>* removals);

// True for the elements that start a new block of text.
bool IsBlockTag(uint16_t gumbo_tag);

}  // namespace pith::extract

#endif  // PITH_EXTRACT_EXTRACT_H_
