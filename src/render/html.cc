// render/html: minimal valid HTML output (pith/render.h).
#include <algorithm>
#include <string>
#include <string_view>

#include "pith/render.h"
#include "render/lines.h"

namespace pith {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Escaped text with "\n" as <br>.
std::string Lines(const std::string& s) {
  std::string e = Escape(s), out;
  for (char c : e) {
    if (c == '\n') out += "<br>\n";
    else out.push_back(c);
  }
  return out;
}

}  // namespace

std::string RenderHtml(const Document& doc, bool with_title) {
  std::string out = "<!DOCTYPE html>\n<html";
  if (!doc.lang.empty()) out += " lang=\"" + Escape(doc.lang) + "\"";
  out += ">\n<head>\n<meta charset=\"utf-8\">\n<title>" + Escape(doc.title) + "</title>\n";
  if (!doc.url.empty()) out += "<link rel=\"canonical\" href=\"" + Escape(doc.url) + "\">\n";
  out += "</head>\n<body>\n<article>\n";
  if (with_title && !doc.title.empty()) out += "<h1>" + Escape(doc.title) + "</h1>\n";
  for (const Block& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::kHeading: {
        int level = std::max(2, std::min(6, b.level));
        std::string tag = "h" + std::to_string(level);
        out += "<" + tag + ">" + Escape(b.text) + "</" + tag + ">\n";
        break;
      }
      case Block::Kind::kParagraph:
        out += "<p>" + Lines(b.text) + "</p>\n";
        break;
      case Block::Kind::kQuote:
        out += "<blockquote><p>" + Lines(b.text) + "</p></blockquote>\n";
        break;
      case Block::Kind::kPre:
        out += "<pre>" + Escape(b.text) + "</pre>\n";
        break;
      case Block::Kind::kCaption:
        out += "<p><em>" + Lines(b.text) + "</em></p>\n";
        break;
      case Block::Kind::kList: {
        // Items are "- x" or "N. x" lines, two spaces of indent per level.
        bool ordered = !b.text.empty() && b.text[0] >= '0' && b.text[0] <= '9';
        out += ordered ? "<ol>\n" : "<ul>\n";
        for (std::string_view line : render::Lines(b.text)) {
          size_t k = line.find_first_not_of(' ');
          std::string item(k == std::string_view::npos ? "" : line.substr(k));
          if (item.rfind("- ", 0) == 0) item = item.substr(2);
          else {
            size_t dot = item.find(". ");
            if (dot != std::string::npos && dot < 6 && item[0] >= '0' && item[0] <= '9')
              item = item.substr(dot + 2);
          }
          out += "<li>" + Escape(item) + "</li>\n";
        }
        out += ordered ? "</ol>\n" : "</ul>\n";
        break;
      }
      case Block::Kind::kTable: {
        out += "<table>\n";
        for (std::string_view row : render::Lines(b.text)) {
          out += "<tr>";
          for (std::string_view cell : render::Cells(row)) out += "<td>" + Escape(std::string(cell)) + "</td>";
          out += "</tr>\n";
        }
        out += "</table>\n";
        break;
      }
    }
  }
  out += "</article>\n</body>\n</html>\n";
  return out;
}

}  // namespace pith
