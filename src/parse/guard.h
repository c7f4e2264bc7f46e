// guard: a cheap byte scan that makes a page safe for Gumbo before parsing.
//
// Gumbo 0.10.1 is quadratic in nesting depth (100,000 nested <div> take 22 s)
// and frees its tree recursively (1,000,000 nested <span> overflow the stack).
// The guard follows the HTML tokenizer far enough to track the stack of open
// elements (comments, rawtext elements such as <script>, quoted attribute
// values, void elements, self-closing tags and the common implied end tags of
// p/li/td/tr/option...). A start tag that would open an element deeper than
// `max_depth` is dropped, and so is the end tag that would close it; the text
// inside is kept. The scan is linear in the input size.
//
// On ordinary pages (depth well under the cap) the guard changes nothing and
// copies nothing.
#ifndef PITH_PARSE_GUARD_H_
#define PITH_PARSE_GUARD_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace pith::parse {

struct GuardResult {
  bool modified = false;   // True when `html` holds a rewritten page.
  std::string html;        // The rewritten page, when modified.
  size_t dropped_tags = 0;  // Start and end tags dropped.
};

GuardResult CapDepth(std::string_view html, size_t max_depth);

}  // namespace pith::parse

#endif  // PITH_PARSE_GUARD_H_
