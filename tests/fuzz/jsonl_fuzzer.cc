// jsonl_fuzzer: pith::input::JsonlReader (and so ParseJsonlLine) over
// arbitrary bytes, read to the end, the way `pith` reads a .jsonl input.
//
// Input: byte 0 chooses the line size limit (--max-bytes in the tool), so
// that small inputs reach it: bits 0-1 give 16 MiB (the tool's default),
// 4096, 64 or 8 bytes. The rest is the file.
//
// Invariants (abort when violated), from jsonl.h. The expectations are
// computed here independently of the reader where that is possible (the
// line split, the blank lines, the limit); for the JSON itself the same
// library (nlohmann::json) is the reference:
//   - one result per line that is not blank or is over the limit, in
//     order, with its 1-based line number; then kEnd, and kEnd again on
//     every later call;
//   - a line over the limit is the error "line is over the limit...";
//     any other line is kError exactly when it is not a JSON object with an
//     "html" string, and the message is then non-empty and one line;
//   - "id", "url", "charset": a string value is taken as written; an
//     integer is written in decimal, as JSON writes it;
//     anything else is "";
//   - the media type is lower-case, without parameters (no ';') or
//     surrounding spaces; kPage exactly when it is "", text/html or
//     application/xhtml+xml, and then html is the "html" value; kNotHtml
//     has no html;
//   - every field is valid UTF-8 (nlohmann::json rejects invalid UTF-8 in
//     strings, so invalid bytes only ever make a line an error).
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "input/jsonl.h"

namespace {

using pith::input::JsonlReader;
using pith::input::JsonlRecord;
using pith::input::JsonlResult;

void CheckUtf8(const std::string& s, const char* what) {
  size_t bad = pith_fuzz::FirstInvalidUtf8(s);
  if (bad != s.size()) pith_fuzz::Fail(what, s.substr(bad >= 16 ? bad - 16 : 0));
}

// What jsonl.h says a field is: a string as written, an integer in decimal,
// else "".
void CheckField(const nlohmann::json& j, const char* key, const std::string& got) {
  auto it = j.find(key);
  if (it == j.end() || !(it->is_string() || it->is_number_integer())) {
    if (!got.empty()) pith_fuzz::Fail("a field that is absent or not a string or integer is not \"\"", got);
    return;
  }
  if (it->is_string()) {
    if (got != it->get<std::string>()) pith_fuzz::Fail("a string field is not taken as written", got);
    return;
  }
  // The number as JSON writes it (nlohmann's == would not do: it compares
  // an unsigned and a signed value after a cast, so 2^64 - 1 == -1).
  if (got != it->dump()) {
    std::fprintf(stderr, "\n*** \"%s\": %s read as \"%s\"\n", key, it->dump().c_str(), got.c_str());
    pith_fuzz::Fail("an integer field is not written as the same number");
  }
}

void CheckLine(std::string_view line, size_t limit, JsonlResult r, const JsonlRecord& rec,
               const std::string& error) {
  CheckUtf8(rec.id, "JsonlRecord::id is not valid UTF-8");
  CheckUtf8(rec.url, "JsonlRecord::url is not valid UTF-8");
  CheckUtf8(rec.charset, "JsonlRecord::charset is not valid UTF-8");
  CheckUtf8(rec.content_type, "JsonlRecord::content_type is not valid UTF-8");
  CheckUtf8(rec.html, "JsonlRecord::html is not valid UTF-8");
  if (r == JsonlResult::kError) {
    PITH_FUZZ_CHECK(!error.empty(), "kError without a message");
    if (error.find('\n') != std::string::npos) pith_fuzz::Fail("multi-line error message", error);
    PITH_FUZZ_CHECK(rec.html.empty(), "kError with html");
  } else {
    PITH_FUZZ_CHECK(error.empty(), "a result other than kError with an error message");
  }
  if (line.size() > limit) {
    PITH_FUZZ_CHECK(r == JsonlResult::kError && error.rfind("line is over the limit", 0) == 0,
                    "a line over the limit is not the error for it");
    PITH_FUZZ_CHECK(rec.id.empty() && rec.url.empty() && rec.charset.empty(),
                    "fields read from a line over the limit");
    return;
  }
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    PITH_FUZZ_CHECK(r == JsonlResult::kError, "a line that is not a JSON object is not an error");
    return;
  }
  CheckField(j, "id", rec.id);
  CheckField(j, "url", rec.url);
  auto html = j.find("html");
  if (html == j.end() || !html->is_string()) {
    PITH_FUZZ_CHECK(r == JsonlResult::kError, "an object without an \"html\" string is not an error");
    return;
  }
  PITH_FUZZ_CHECK(r != JsonlResult::kError, "an object with an \"html\" string is an error");
  const std::string& type = rec.content_type;
  for (char c : type)
    if (c >= 'A' && c <= 'Z') pith_fuzz::Fail("the media type is not lower-case", type);
  if (type.find(';') != std::string::npos) pith_fuzz::Fail("the media type keeps parameters", type);
  if (!type.empty() && (type.front() == ' ' || type.back() == ' '))
    pith_fuzz::Fail("the media type keeps surrounding spaces", type);
  const bool page = type.empty() || type == "text/html" || type == "application/xhtml+xml";
  PITH_FUZZ_CHECK(page == (r == JsonlResult::kPage), "kPage disagrees with the media type");
  if (page) {
    PITH_FUZZ_CHECK(rec.html == html->get<std::string>(), "html is not the \"html\" value");
  } else {
    PITH_FUZZ_CHECK(rec.html.empty(), "kNotHtml with html");
  }
  // A "charset" string that is not empty wins over content_type's.
  auto charset = j.find("charset");
  if (charset != j.end() && ((charset->is_string() && !charset->get<std::string>().empty()) ||
                             charset->is_number_integer()))
    CheckField(j, "charset", rec.charset);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1u << 20)) return 0;
  static const size_t kLimits[] = {16u << 20, 4096, 64, 8};
  const size_t limit = kLimits[data[0] & 3];
  std::string_view file(reinterpret_cast<const char*>(data + 1), size - 1);

  // The lines, split here independently of the reader: (number, text) of
  // each line that is not blank or is over the limit (an error even when
  // blank: the reader keeps only the limit's worth of a line).
  std::vector<std::pair<size_t, std::string_view>> lines;
  size_t number = 0;
  for (size_t start = 0; start < file.size();) {
    size_t nl = file.find('\n', start);
    size_t end = nl == std::string_view::npos ? file.size() : nl;
    std::string_view line = file.substr(start, end - start);
    ++number;
    if (line.find_first_not_of(" \t\r") != std::string_view::npos || line.size() > limit)
      lines.emplace_back(number, line);
    start = end + 1;
  }

  std::istringstream in{std::string(file)};
  JsonlReader reader(in, limit);
  for (size_t i = 0;; ++i) {
    JsonlRecord rec;
    rec.html = "stale";  // Next must overwrite the record and the message.
    rec.line = 999999;
    std::string error = "stale";
    JsonlResult r = reader.Next(&rec, &error);
    if (r == JsonlResult::kEnd) {
      if (i != lines.size()) {
        std::fprintf(stderr, "\n*** %zu results for %zu non-blank lines\n", i, lines.size());
        pith_fuzz::Fail("not one result per non-blank line");
      }
      break;
    }
    if (i >= lines.size()) pith_fuzz::Fail("more results than non-blank lines");
    if (rec.line != lines[i].first) {
      std::fprintf(stderr, "\n*** result %zu: line %zu, expected line %zu\n", i, rec.line, lines[i].first);
      pith_fuzz::Fail("wrong line number");
    }
    CheckLine(lines[i].second, limit, r, rec, error);
  }
  for (int k = 0; k < 2; ++k) {
    JsonlRecord rec;
    std::string error;
    PITH_FUZZ_CHECK(reader.Next(&rec, &error) == JsonlResult::kEnd, "a result after kEnd");
  }
  return 0;
}
