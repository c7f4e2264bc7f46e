// pith/document.h: what cleaning a page produces.
#ifndef PITH_DOCUMENT_H_
#define PITH_DOCUMENT_H_

#include <string>
#include <vector>

namespace pith {

// One unit of article text, in document order.
struct Block {
  enum class Kind {
    kHeading,    // h1-h6; `level` is 1-6.
    kParagraph,  // p, text-bearing div, <br><br>-separated text.
    kList,       // A whole ul/ol/dl: one line per item ("- x", "1. x").
    kTable,      // A whole data table: one line per row, cells joined by " | ".
    kQuote,      // A paragraph inside a blockquote.
    kPre,        // Preformatted text, whitespace kept.
    kCaption,    // figcaption or table caption.
  };
  Kind kind = Kind::kParagraph;
  int level = 0;
  // The block's text: whitespace collapsed and trimmed (except kPre), with
  // "\n" between lines (list items, table rows, <br>).
  std::string text;
  // With Options::links: the same text with links as [text](url); else "".
  std::string markdown;
};

// One piece of the page that cleaning removed, for --explain.
struct Removal {
  std::string text;  // The first 60 characters of the text removed.
  std::string rule;  // `file:line` of the rule, or `generic:<heuristic>`.
};

struct Document {
  std::string url;    // The address used to pick site rules ("" if none).
  std::string title;  // The article title ("" if none was found).
  // What the page says about itself (JSON-LD, Open Graph, Dublin Core,
  // <meta>, microdata, <time>, <html lang>); "" when unknown. Dates are ISO
  // 8601 (YYYY-MM-DD, or with a time and zone).
  std::string author;
  std::string date_published;
  std::string date_modified;
  std::string sitename;
  std::string description;
  std::string lang;
  std::string charset;  // The charset the page was decoded from.
  std::vector<Block> blocks;
  std::vector<Removal> removals;        // Filled only when Options::explain.
  std::vector<std::string> site_rules;  // Site rule files that applied.
};

}  // namespace pith

#endif  // PITH_DOCUMENT_H_
