// apply: running the rule layers over a parsed page.
//
// Input: the Dom and the rule files that apply to the page (its site files,
// and the generic files unless switched off). Output: which nodes are
// removed, the article container when a site `body:` names it, the title
// when a `title:` rule finds one, and the semantic article scope.
//
// Order: `keep:` marks protected nodes; the first site `body:` line that
// matches picks the article roots; `article:` lines mark the article scope;
// then one pass in document order applies `strip:` (site rules anywhere,
// generic rules outside protected nodes), `strip-outside:` (generic, only
// outside the article scope), `strip-class:` (generic, class/id tokens) and
// `strip-class-small:` (the same, for elements holding less than
// kSmallPlainBytes of non-link text: an ad slot or a widget, never a section
// of prose that a BEM modifier happens to call "--ads").
//
// Generic rules never remove <html>, <body>, a node that holds kept or
// article nodes, nor a node that holds more than half of the page's
// non-link text, or the first <h1> and more than a quarter of that text:
// such a node is a layout wrapper, whatever its classes say.
#ifndef PITH_RULES_APPLY_H_
#define PITH_RULES_APPLY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "parse/dom.h"
#include "pith/document.h"
#include "rules/rulefile.h"

namespace pith::rules {

constexpr uint32_t kSmallPlainBytes = 300;

struct ActiveRules {
  std::vector<const RuleFile*> site;
  std::vector<const RuleFile*> generic;
};

struct Marks {
  std::vector<uint8_t> removed;  // Per node: 1 when inside a removed subtree.
  std::vector<uint8_t> article;  // Per node: 1 inside the article scope.
  std::vector<uint32_t> body;    // Site body roots in document order; empty
                                 // when no site body: rule matched.
  std::string body_origin;       // `file:line` of the body: line that matched.
  std::string title;             // From the first title: rule that matched.
  std::vector<Removal> removals;  // Filled when `explain`.
};

void Apply(const parse::Dom& dom, const ActiveRules& rules, bool explain, Marks* out);

// True for the (Gumbo) tags of inline elements that a class pattern spares
// when they stand inside running text, with letters right before and after
// them ("a <a class=popup>rather elderly</a> man").
bool IsRunningTextTag(uint32_t tag);

// Splits the class and id of element i into lower-case tokens at
// whitespace, '-' and '_', and calls `fn(token)` until it returns true. An
// id of more than three words is skipped: it is a slug made from a heading.
// Returns whether any call returned true.
template <typename Fn>
bool AnyClassToken(const parse::Dom& dom, uint32_t i, Fn fn);

// The splitting of AnyClassToken, for one attribute value: the pieces of
// `value` between whitespace, '-' and '_', ASCII lower-cased, each cut to
// its first kMaxClassPiece bytes, given in order to `fn(piece)` (a
// std::string_view into `*piece`, the scratch buffer) until it returns
// true. Returns whether any call returned true. rules::ClassTokens splits a
// class token with it too, so that the prescan keeps exactly the tokens a
// piece of which a pattern matches.
constexpr size_t kMaxClassPiece = 64;
template <typename Fn>
bool AnyClassPiece(std::string_view value, std::string* piece, Fn fn);

}  // namespace pith::rules

#include "rules/apply_inl.h"

#endif  // PITH_RULES_APPLY_H_
