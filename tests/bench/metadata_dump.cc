// metadata_dump: prints the metadata of HTML files, one JSON line per file:
//   {"file":"...","title":"...","author":"...","date_published":"...",...}
// The page goes through the same first stages as pith::Clean: decode to
// UTF-8, prescan (depth cap 512, pruning on), parse; then
// metadata::Extract with no article root. Used by tests/bench/title_match.
//
// Not part of the CMake build: tests/bench/title_match compiles it (with
// g++, against build/libpith.a) when it is missing or older than its sources.
//
// Exit status: 0, or 1 when a file cannot be read (its line has "error").
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "decode/decode.h"
#include "metadata/metadata.h"
#include "parse/dom.h"
#include "parse/guard.h"

namespace {

// A JSON string literal (the fields are valid UTF-8, which JSON allows as is).
std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(char(c));
        }
    }
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  int status = 0;
  for (int a = 1; a < argc; ++a) {
    std::string path = argv[a];
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::cout << "{\"file\":" << Quote(path) << ",\"error\":\"cannot read\"}\n";
      status = 1;
      continue;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    pith::decode::Decoded decoded = pith::decode::ToUtf8(bytes);
    pith::parse::GuardResult guarded = pith::parse::Prescan(decoded.text, 512, true);
    std::string_view page = guarded.modified ? std::string_view(guarded.html) : decoded.text;
    std::unique_ptr<pith::parse::Dom> dom = pith::parse::Dom::Parse(page);
    pith::metadata::Metadata m = pith::metadata::Extract(*dom);
    std::cout << "{\"file\":" << Quote(path) << ",\"title\":" << Quote(m.title)
              << ",\"author\":" << Quote(m.author)
              << ",\"date_published\":" << Quote(m.date_published)
              << ",\"date_modified\":" << Quote(m.date_modified)
              << ",\"sitename\":" << Quote(m.sitename)
              << ",\"description\":" << Quote(m.description) << ",\"lang\":" << Quote(m.lang)
              << ",\"url\":" << Quote(m.url) << "}\n";
  }
  return status;
}
