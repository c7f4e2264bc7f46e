// input/jsonl: see jsonl.h.
//
// Two parts: ParseJsonlLine turns one line into a record with nlohmann::json
// (parsed without exceptions: a malformed line is a discarded value, not a
// throw), and JsonlReader splits the stream into lines, one byte at a time
// through the stream buffer (no std::getline, which would hold a line of
// any length in memory), skipping blank lines and keeping at most
// max_line_bytes of a line.
//
// This code was cli/sources.cc's NextJsonl; it moved here so that the
// JSONL reader can be tested and fuzzed (tests/fuzz/jsonl_fuzzer.cc)
// without the command-line tool. One change since, found by that fuzzer:
// an integer field of 2^63 or more is written as it is, not wrapped to a
// negative number.
#include "input/jsonl.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#include "util/ascii.h"

namespace pith::input {
namespace {

// The media type of a Content-Type value, lower-case, without parameters;
// and its charset parameter, when *charset is still empty.
void SplitContentType(std::string_view value, std::string* type, std::string* charset) {
  std::string v = util::AsciiLower(value);
  size_t semi = v.find(';');
  *type = v.substr(0, semi);
  while (!type->empty() && type->back() == ' ') type->pop_back();
  while (!type->empty() && type->front() == ' ') type->erase(0, 1);
  size_t cs = v.find("charset=");
  if (cs != std::string::npos && charset->empty()) {
    std::string c = v.substr(cs + 8);
    size_t end = c.find_first_of("; ");
    c = c.substr(0, end);
    c.erase(std::remove(c.begin(), c.end(), '"'), c.end());
    *charset = c;
  }
}

bool IsHtmlType(const std::string& type) {
  return type.empty() || type == "text/html" || type == "application/xhtml+xml";
}

}  // namespace

JsonlResult ParseJsonlLine(std::string_view line, JsonlRecord* rec, std::string* error) {
  const size_t number = rec->line;
  *rec = JsonlRecord();
  rec->line = number;
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    *error = "not a JSON object";
    return JsonlResult::kError;
  }
  auto str = [&](const char* key) -> std::string {
    auto it = j.find(key);
    if (it == j.end()) return "";
    if (it->is_string()) return it->get<std::string>();
    // nlohmann::json keeps a non-negative integer as unsigned: read as a
    // long long, 18446744073709551615 would be written "-1".
    if (it->is_number_unsigned()) return std::to_string(it->get<unsigned long long>());
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    return "";
  };
  rec->id = str("id");
  rec->url = str("url");
  rec->charset = str("charset");
  SplitContentType(str("content_type"), &rec->content_type, &rec->charset);
  auto html = j.find("html");
  if (html == j.end() || !html->is_string()) {
    *error = "no \"html\" string field";
    return JsonlResult::kError;
  }
  if (!IsHtmlType(rec->content_type)) return JsonlResult::kNotHtml;
  rec->html = html->get<std::string>();
  return JsonlResult::kPage;
}

JsonlReader::JsonlReader(std::istream& in, size_t max_line_bytes)
    : in_(in.rdbuf()), max_line_bytes_(max_line_bytes) {}

JsonlResult JsonlReader::Next(JsonlRecord* rec, std::string* error) {
  *rec = JsonlRecord();
  error->clear();
  if (end_ || in_ == nullptr) return JsonlResult::kEnd;
  std::string line;
  bool too_long = false;
  while (true) {
    line.clear();
    too_long = false;
    int c;
    bool any = false;
    while ((c = in_->sbumpc()) != std::char_traits<char>::eof()) {
      any = true;
      if (c == '\n') break;
      if (line.size() < max_line_bytes_) line.push_back(static_cast<char>(c));
      else too_long = true;
    }
    if (!any) {
      end_ = true;
      return JsonlResult::kEnd;
    }
    ++line_;
    if (line.find_first_not_of(" \t\r") != std::string::npos || too_long) break;
  }
  rec->line = line_;
  if (too_long) {
    *error = "line is over the limit of " + std::to_string(max_line_bytes_) + " bytes (--max-bytes)";
    return JsonlResult::kError;
  }
  return ParseJsonlLine(line, rec, error);
}

}  // namespace pith::input
