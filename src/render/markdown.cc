// render/markdown: Markdown output (pith/render.h).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "pith/render.h"
#include "render/lines.h"

namespace pith {
namespace {

void AppendLines(std::string_view text, const std::string& prefix, std::string* out) {
  for (std::string_view line : render::Lines(text)) {
    out->append(prefix);
    out->append(line);
    out->push_back('\n');
  }
}

}  // namespace

std::string RenderMarkdown(const Document& doc, bool with_title) {
  std::string out;
  auto sep = [&] {
    if (!out.empty()) out.push_back('\n');
  };
  if (with_title && !doc.title.empty()) {
    out += "# " + doc.title + "\n";
  }
  for (const Block& b : doc.blocks) {
    sep();
    const std::string& text = b.markdown.empty() ? b.text : b.markdown;  // With links.
    switch (b.kind) {
      case Block::Kind::kHeading:
        out += std::string(static_cast<size_t>(std::max(1, std::min(6, b.level))), '#') + " " +
               text + "\n";
        break;
      case Block::Kind::kQuote:
        AppendLines(text, "> ", &out);
        break;
      case Block::Kind::kPre:
        out += "```\n" + text + "\n```\n";
        break;
      case Block::Kind::kCaption:
        out += "*" + text + "*\n";
        break;
      case Block::Kind::kTable: {
        std::vector<std::string_view> rows = render::Lines(text);
        for (size_t r = 0; r < rows.size(); ++r) {
          out += "| " + std::string(rows[r]) + " |\n";
          if (r == 0) {  // The first row is the header.
            out += "|";
            for (size_t c = render::Cells(rows[0]).size(); c > 0; --c) out += " --- |";
            out += "\n";
          }
        }
        break;
      }
      case Block::Kind::kList:
      case Block::Kind::kParagraph:
        // A <br> inside a paragraph: Markdown's hard line break.
        if (b.kind == Block::Kind::kParagraph && text.find('\n') != std::string::npos) {
          std::string t;
          for (char c : text) {
            if (c == '\n') t += "  \n";
            else t.push_back(c);
          }
          out += t + "\n";
        } else {
          out += text + "\n";
        }
        break;
    }
  }
  return out;
}

}  // namespace pith
