// render/text: the golden-file text format (pith/render.h).
#include "pith/render.h"

namespace pith {

std::string RenderText(const Document& doc, bool with_title) {
  std::string out;
  if (with_title && !doc.title.empty()) {
    out.append(doc.title);
    out.append("\n");
  }
  for (const Block& b : doc.blocks) {
    if (!out.empty()) out.append("\n");
    out.append(b.text);
    out.append("\n");
  }
  return out;
}

}  // namespace pith
