// pith/render.h: turning a Document into output text.
#ifndef PITH_RENDER_H_
#define PITH_RENDER_H_

#include <string>

#include "pith/document.h"

namespace pith {

// The golden-file text format, stable across versions:
//   the title, a blank line, then each block's text, blocks separated by one
//   blank line, and a final newline. With `with_title` false (or no title),
//   the blocks alone. A document without title and blocks renders as "".
std::string RenderText(const Document& doc, bool with_title = true);

}  // namespace pith

#endif  // PITH_RENDER_H_
