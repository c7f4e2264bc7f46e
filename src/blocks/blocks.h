// blocks: the article container(s) -> a list of text blocks in document order.
//
// Block-level elements start and end blocks; inline elements join their
// text without adding or losing spaces (whitespace runs collapse to one
// space). Inside a paragraph one <br> is a line break and two or more <br>
// in a row end the paragraph. Headings, lists (one block per list, a line
// per item, "- " or "1. " prefixes, two spaces of indent per nesting
// level), data tables (one block, a line per row, cells joined by " | "),
// block quotes, <pre> (whitespace kept) and captions keep their kind.
// Tables used for layout (nested tables, cells holding paragraphs or long
// text, role=presentation) are read as ordinary block containers.
//
// The walk is iterative over the flat node array: no tree depth can
// overflow a stack.
#ifndef PITH_BLOCKS_BLOCKS_H_
#define PITH_BLOCKS_BLOCKS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parse/dom.h"
#include "pith/document.h"

namespace pith::blocks {

// `removed` has one flag per node; removed subtrees are skipped. With
// `link_base`, each block's `markdown` also holds its text with links written
// as [text](url), URLs resolved against *link_base.
std::vector<Block> Build(const parse::Dom& dom, const std::vector<uint8_t>& removed,
                         const std::vector<uint32_t>& roots,
                         const std::string* link_base = nullptr);

// Paragraph blocks from plain text (such as a JSON-LD articleBody): one per
// line, whitespace (U+00A0 included) collapsed and trimmed, empty lines
// skipped, soft hyphens and zero-width spaces dropped as in Build's text.
// `markdown` is left empty.
std::vector<Block> FromPlainText(std::string_view text);

// `href` made absolute against `base` ("" for fragments and javascript:).
std::string ResolveUrl(const std::string& base, std::string_view href);

}  // namespace pith::blocks

#endif  // PITH_BLOCKS_BLOCKS_H_
