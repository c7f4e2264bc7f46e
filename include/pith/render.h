// pith/render.h: turning a Document into output.
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

// Markdown: "# title", headings as "#" x level, lists as they are, data
// tables as pipe tables (the first row is the header), block quotes with
// "> ", <pre> as fenced code, captions in italics; links as [text](url)
// when the document was cleaned with Options::links. Blocks are separated by
// blank lines; ends with a newline ("" for an empty document).
std::string RenderMarkdown(const Document& doc, bool with_title = true);

// Minimal, valid HTML5 for archives that keep HTML: charset, lang and title
// in the head, the article in <article>: <h1> title, <h2>-<h6>, <p>, <ul>/<ol>,
// <table>, <blockquote>, <pre>, <figcaption>. Text is escaped; ends with a
// newline.
std::string RenderHtml(const Document& doc, bool with_title = true);

// Fields added to a JSON line by the caller (input-level facts).
struct JsonExtras {
  std::string warc_record_id;  // Omitted when empty.
  std::string error;           // When set, the line reports a failed document.
  std::string id;              // An input id (JSONL "id"), omitted when empty.
};

// One JSON object on one line (no newline at the end): url, title, author,
// date (date_published, else date_modified), date_modified, lang, sitename,
// description, text (RenderText without the title), charset, rules (the
// site rule files that applied), and the extras. A failed document gives
// {"url":..., "error":...} with the extras.
std::string RenderJson(const Document& doc, const JsonExtras& extras = JsonExtras());

}  // namespace pith

#endif  // PITH_RENDER_H_
