// render/lines: splitting block text, shared by the renderers.
//
// The blocks stage joins list items and table rows with "\n" and table
// cells with " | " (pith/document.h); renderers that rebuild structure
// split them again here.
#ifndef PITH_RENDER_LINES_H_
#define PITH_RENDER_LINES_H_

#include <string_view>
#include <vector>

namespace pith::render {

// `text` split at `sep`; an empty text gives one empty part.
inline std::vector<std::string_view> Split(std::string_view text, std::string_view sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t at = text.find(sep, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos
                                                                     : at - start));
    if (at == std::string_view::npos) return parts;
    start = at + sep.size();
  }
}

inline std::vector<std::string_view> Lines(std::string_view text) { return Split(text, "\n"); }
inline std::vector<std::string_view> Cells(std::string_view row) { return Split(row, " | "); }

}  // namespace pith::render

#endif  // PITH_RENDER_LINES_H_
