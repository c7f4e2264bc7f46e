// render/markdown: Markdown output (pith/render.h).
#include <algorithm>
#include <string>

#include "pith/render.h"

namespace pith {
namespace {

// Splits "a | b | c" (a table row as the blocks stage joins it) into cells.
std::string PipeRow(const std::string& row) {
  return "| " + row + " |";
}

void AppendLines(const std::string& text, const std::string& prefix, std::string* out) {
  size_t start = 0;
  while (true) {
    size_t nl = text.find('\n', start);
    out->append(prefix);
    out->append(text, start, nl == std::string::npos ? std::string::npos : nl - start);
    out->push_back('\n');
    if (nl == std::string::npos) break;
    start = nl + 1;
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
  for (const Block& block : doc.blocks) {
    sep();
    Block b = block;
    if (!b.markdown.empty()) b.text = b.markdown;  // With links.
    switch (b.kind) {
      case Block::Kind::kHeading:
        out += std::string(static_cast<size_t>(std::max(1, std::min(6, b.level))), '#') + " " +
               b.text + "\n";
        break;
      case Block::Kind::kQuote:
        AppendLines(b.text, "> ", &out);
        break;
      case Block::Kind::kPre:
        out += "```\n" + b.text + "\n```\n";
        break;
      case Block::Kind::kCaption:
        out += "*" + b.text + "*\n";
        break;
      case Block::Kind::kTable: {
        size_t start = 0;
        bool first = true;
        while (start <= b.text.size()) {
          size_t nl = b.text.find('\n', start);
          std::string row = b.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
          out += PipeRow(row) + "\n";
          if (first) {
            size_t cells = 1;
            for (size_t k = 0; k + 2 < row.size(); ++k)
              if (row.compare(k, 3, " | ") == 0) ++cells;
            out += "|";
            for (size_t c = 0; c < cells; ++c) out += " --- |";
            out += "\n";
            first = false;
          }
          if (nl == std::string::npos) break;
          start = nl + 1;
        }
        break;
      }
      case Block::Kind::kList:
      case Block::Kind::kParagraph:
        // A <br> inside a paragraph: Markdown's hard line break.
        if (b.kind == Block::Kind::kParagraph && b.text.find('\n') != std::string::npos) {
          std::string t;
          for (char c : b.text) {
            if (c == '\n') t += "  \n";
            else t.push_back(c);
          }
          out += t + "\n";
        } else {
          out += b.text + "\n";
        }
        break;
    }
  }
  return out;
}

}  // namespace pith
