// clean_fuzzer: pith::Clean and pith::RenderText over arbitrary bytes, with
// the bundled rules.
//
// Input: byte 0 chooses the options, the rest is the page.
//   bit 0      site rules off        bit 1    generic rules off
//   bit 2      explain on            bits 3-4 max_depth: 512 (0, 1), 64 (2),
//                                             or 0-7 from bits 5-7 (3)
//   bits 5-6   the url (when max_depth does not use them): "", a Sputnik
//              address (site rules apply), an IPv6 one (with the transport
//              charset "shift_jis"), a trailing-dot host
//   bit 7      differential: clean again with explain off and prune off,
//              and compare the rendered text
//
// Invariants (abort when violated):
//   - Clean returns ok (inputs here are far under Options::max_bytes);
//   - every string of the Document (title, url, block texts, removals) and
//     the rendered text are valid UTF-8 without NUL;
//   - headings have level 1-6; blocks other than kPre are trimmed;
//   - a Document without title and blocks renders as "", any other
//     rendering ends with "\n";
//   - explain only adds removals, and pruning (Options::prune) only makes
//     cleaning faster: the rendered text is the same without either.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "pith/clean.h"
#include "pith/render.h"
#include "pith/rulebook.h"

namespace {

const pith::RuleBook& Book() {
  static const pith::RuleBook* book = [] {
    std::string dir = pith_fuzz::RulesDir();
    std::vector<pith::RuleError> errors;
    std::unique_ptr<const pith::RuleBook> b = pith::RuleBook::Load({dir}, &errors);
    if (!b) {
      std::fprintf(stderr, "clean_fuzzer: cannot load the rules from %s:\n", dir.c_str());
      for (const pith::RuleError& e : errors) std::fprintf(stderr, "  %s\n", e.ToString().c_str());
      std::abort();
    }
    return b.release();  // Lives for the whole run.
  }();
  return *book;
}

void CheckDocument(const pith::Document& doc) {
  pith_fuzz::CheckUtf8NoNul(doc.title, "Document::title");
  pith_fuzz::CheckUtf8NoNul(doc.url, "Document::url");
  pith_fuzz::CheckUtf8NoNul(doc.author, "Document::author");
  pith_fuzz::CheckUtf8NoNul(doc.date_published, "Document::date_published");
  pith_fuzz::CheckUtf8NoNul(doc.date_modified, "Document::date_modified");
  pith_fuzz::CheckUtf8NoNul(doc.sitename, "Document::sitename");
  pith_fuzz::CheckUtf8NoNul(doc.description, "Document::description");
  pith_fuzz::CheckUtf8NoNul(doc.lang, "Document::lang");
  pith_fuzz::CheckUtf8NoNul(doc.charset, "Document::charset");
  for (const pith::Block& b : doc.blocks) {
    pith_fuzz::CheckUtf8NoNul(b.text, "Block::text");
    if (b.kind == pith::Block::Kind::kHeading)
      PITH_FUZZ_CHECK(b.level >= 1 && b.level <= 6, "heading level out of 1-6");
    if (b.kind != pith::Block::Kind::kPre && !b.text.empty()) {
      auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
      if (space(b.text.front()) || space(b.text.back()))
        pith_fuzz::Fail("block text is not trimmed", b.text);
    }
  }
  for (const pith::Removal& r : doc.removals) {
    pith_fuzz::CheckUtf8NoNul(r.text, "Removal::text");
    pith_fuzz::CheckUtf8NoNul(r.rule, "Removal::rule");
  }
}

void CheckRendered(const pith::Document& doc, const std::string& text, bool with_title) {
  pith_fuzz::CheckUtf8NoNul(text, "RenderText");
  bool empty_doc = doc.blocks.empty() && (!with_title || doc.title.empty());
  if (empty_doc) {
    PITH_FUZZ_CHECK(text.empty(), "an empty Document must render as \"\"");
  } else {
    PITH_FUZZ_CHECK(!text.empty() && text.back() == '\n', "rendering must end with a newline");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1u << 20)) return 0;
  const pith::RuleBook& book = Book();

  const uint8_t flags = data[0];
  std::string_view html(reinterpret_cast<const char*>(data + 1), size - 1);

  pith::Options options;
  options.site_rules = !(flags & 1);
  options.generic_rules = !(flags & 2);
  options.explain = (flags & 4) != 0;
  switch ((flags >> 3) & 3) {
    case 2: options.max_depth = 64; break;
    case 3: options.max_depth = (flags >> 5) & 7; break;
    default: break;  // 512
  }
  if (((flags >> 3) & 3) != 3) {
    static const char* const kUrls[] = {"", "https://fr.sputniknews.com/20170610/x.html",
                                        "http://[::1]/a", "https://WWW.ria.ru./a?b#c"};
    options.url = kUrls[(flags >> 5) & 3];
    if (((flags >> 5) & 3) == 2) options.charset = "shift_jis";
  }

  pith::Document doc;
  pith::Status s = pith::Clean(html, book, options, &doc);
  if (!s.ok()) pith_fuzz::Fail("Clean failed on an input under max_bytes", s.message());
  CheckDocument(doc);
  std::string text = pith::RenderText(doc);
  CheckRendered(doc, text, true);
  CheckRendered(doc, pith::RenderText(doc, false), false);

  if (flags & 0x80) {
    auto text_with = [&](bool explain, bool prune) {
      pith::Options o = options;
      o.explain = explain;
      o.prune = prune;
      pith::Document d;
      pith::Status st = pith::Clean(html, book, o, &d);
      PITH_FUZZ_CHECK(st.ok());
      if (!explain) PITH_FUZZ_CHECK(d.removals.empty(), "removals recorded without explain");
      return pith::RenderText(d);
    };
    std::string plain = text_with(false, false);
    if (plain != text) {
      std::fprintf(stderr, "\n*** with the options of byte 0:\n%.300s\n*** with explain and prune off:\n%.300s\n",
                   text.c_str(), plain.c_str());
      // Which option changed the text?
      if (options.explain && text_with(false, options.prune) != text)
        pith_fuzz::Fail("explain changed the cleaned text");
      pith_fuzz::Fail("pruning changed the cleaned text");
    }
  }
  return 0;
}
