// input/jsonl: reading JSON lines, one page per line.
//
//   std::ifstream file("pages.jsonl", std::ios::binary);
//   pith::input::JsonlReader reader(file, 64u << 20);
//   pith::input::JsonlRecord rec;
//   std::string error;
//   for (;;) {
//     auto r = reader.Next(&rec, &error);
//     if (r == pith::input::JsonlResult::kEnd) break;
//     if (r == pith::input::JsonlResult::kError) { std::cerr << rec.line << ": " << error << "\n"; continue; }
//     if (r == pith::input::JsonlResult::kPage) Clean(rec.html, ...);
//   }
//
// The format. Each line is one JSON object:
//   {"url": "https://...", "html": "<!doctype html>...", "id": 7,
//    "charset": "windows-1251", "content_type": "text/html; charset=koi8-r"}
// "html" is required and must be a string. "url", "id", "charset" and
// "content_type" are optional; each is taken when it is a string or an
// integer (an integer is written in decimal: "id": 7 gives "7"), and is ""
// otherwise (absent, null, a float, an object...). Other keys are ignored.
//
// Lines end with `\n`; a `\r` before it is part of the line, which JSON
// reads as white space. Blank lines (nothing but spaces, tabs and `\r`) are
// skipped without a result, but still counted in line numbers. A last line
// without `\n` is read like any other.
//
// The charset. `charset` is taken as written. When it is empty, the charset
// parameter of `content_type` is used (lower-case, quotes removed). The
// media type of `content_type` (lower-case, parameters and surrounding
// spaces removed) says whether the line is a page: "" (no
// content_type), text/html and application/xhtml+xml are pages; anything
// else is kNotHtml, a record the caller counts and skips.
//
// Errors, one per line, as a one-line message without the line number (the
// caller names the line from JsonlRecord::line):
//   - a line over the size limit, even a blank one: "line is over the
//     limit of N bytes (--max-bytes)". The reader keeps at most the limit in
//     memory; the rest of the line is read and dropped;
//   - a line that is not a JSON object: "not a JSON object";
//   - an object without an "html" string: "no \"html\" string field". The
//     other fields are still filled in then.
// Next() never throws and never crashes, whatever the bytes; every line is
// read once, so reading always ends.
//
// The reader keeps no global state; separate readers may run in separate
// threads. One reader is not thread-safe.
#ifndef PITH_INPUT_JSONL_H_
#define PITH_INPUT_JSONL_H_

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>

namespace pith::input {

enum class JsonlResult {
  kPage,     // The line is a page: rec->html holds it.
  kNotHtml,  // A record whose content_type is not HTML: to count and skip.
  kError,    // *error holds a one-line message.
  kEnd,      // No more lines (JsonlReader only); every later call returns kEnd too.
};

struct JsonlRecord {
  size_t line = 0;           // 1-based line number in the input (JsonlReader only).
  std::string id;            // "id", as written or in decimal; "" when absent.
  std::string url;           // "url"; "" when absent.
  std::string charset;       // "charset", else content_type's charset parameter; "" if none.
  std::string content_type;  // The media type of "content_type": lower-case, no parameters.
  std::string html;          // "html": the page (kPage only).
};

// One line, without its `\n`. Overwrites *rec whole (except rec->line, left
// as it is) and, on kError, sets *error. Never returns kEnd.
JsonlResult ParseJsonlLine(std::string_view line, JsonlRecord* rec, std::string* error);

class JsonlReader {
 public:
  // Reads from `in`, which must outlive the reader; lines longer than
  // max_line_bytes (without their `\n`) are errors. Nothing is read before
  // the first Next().
  JsonlReader(std::istream& in, size_t max_line_bytes);

  // The next non-blank line, in input order: *rec is overwritten whole and
  // rec->line set; *error is set on kError and cleared otherwise.
  JsonlResult Next(JsonlRecord* rec, std::string* error);

 private:
  std::streambuf* in_;
  size_t max_line_bytes_;
  size_t line_ = 0;  // Lines read so far.
  bool end_ = false;
};

}  // namespace pith::input

#endif  // PITH_INPUT_JSONL_H_
