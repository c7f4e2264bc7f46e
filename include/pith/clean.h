// pith/clean.h: cleaning one page.
//
//   std::vector<pith::RuleError> errors;
//   auto book = pith::RuleBook::Load({pith::RuleBook::BundledDir()}, &errors);
//   pith::Options options;
//   options.url = "https://fr.sputniknews.com/...";
//   pith::Document doc;
//   pith::Status s = pith::Clean(html_bytes, *book, options, &doc);
//   if (s.ok()) std::cout << pith::RenderText(doc);
//
// The pipeline is: decode (charset to UTF-8) -> guard (cap nesting depth) ->
// parse (Gumbo) -> rules (site and generic strip/keep/body/title) -> extract
// (find the main content when no site rule names it) -> blocks -> filter
// (text rules: drop-text patterns, copyright lines, foreign-script strings)
// -> render.
#ifndef PITH_CLEAN_H_
#define PITH_CLEAN_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "pith/document.h"
#include "pith/rulebook.h"
#include "pith/status.h"

namespace pith {

struct Options {
  // The page's address, used to pick site rules. When empty, pith takes it
  // from <link rel=canonical>, then og:url, then <base href>.
  std::string url;
  // The charset declared outside the page (HTTP Content-Type, a JSONL field,
  // --charset): it overrides the page's <meta>, not its BOM. "" = none.
  std::string charset;
  // Switch the site rule layer and the generic rule layer on or off.
  bool site_rules = true;
  bool generic_rules = true;
  // Also give each block its text with links as [text](url)
  // (Block::markdown), for Markdown output.
  bool links = false;
  // Record every removal in Document::removals.
  bool explain = false;
  // Elements nested deeper than this are flattened before parsing (their
  // tags are dropped, their text kept). Browsers stop at about 512.
  size_t max_depth = 512;
  // Attributes kept per start tag; the rest are dropped before parsing.
  size_t max_attributes = 512;
  // Cut script, style, svg and comment contents, and the attributes and
  // elements no stage or rule reads, before parsing, and keep long runs of
  // plain text out of the parser's sight (see src/parse/guard.h). The text
  // is the same either way; pruning is faster.
  bool prune = true;
  // Documents larger than this many bytes are refused (16 MiB: larger
  // "pages" are data dumps, and cleaning costs about ten times a page's size
  // in memory while it runs).
  size_t max_bytes = 16u << 20;
};

// Cleans one page. `html` is the page's raw bytes in any charset pith can
// detect (invalid sequences become U+FFFD). Never throws and never crashes on
// any input: on failure returns a non-ok Status and leaves `out` empty. A page
// with no article text is not a failure: it gives a Document with no blocks.
Status Clean(std::string_view html, const RuleBook& rules, const Options& options,
             Document* out);

}  // namespace pith

#endif  // PITH_CLEAN_H_
