// rulefile_fuzzer: pith::rules::ParseRuleFile over arbitrary text. When the
// file parses, every selector it holds is matched over every node of a small
// fixed page, and every pattern is run over a few strings, the way the
// pipeline uses them.
//
// Invariants (abort when violated):
//   - ParseRuleFile returns true exactly when it appended no error;
//   - every error names the file, has a line in [1, lines in the file] and a
//     non-empty message without newline;
//   - a parsed file's patterns compiled (RE2::ok()).
#include <re2/re2.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "parse/dom.h"
#include "rules/rulefile.h"

namespace {

using pith::parse::Dom;

constexpr char kPage[] =
    "<!DOCTYPE html><html lang=fr><head><title>Titre</title>"
    "<meta property=\"og:title\" content=\"Le titre\"><link rel=canonical href=\"https://x.test/a\">"
    "</head><body class=\"page has-sidebar\"><header id=top><nav class=\"menu main-menu\">"
    "<a href=/>Accueil</a></nav></header><main><article class=\"article\" itemprop=articleBody>"
    "<h1 class=\"article__title\">Titre</h1><div class=\"article__announce-text\">Chapo</div>"
    "<div class=\"article__body\"><p>Un <b>paragraphe</b>.</p><div class=\"article__block\" "
    "data-type=\"article\"><a href=\"/b\">Lire aussi</a></div><figure><img src=x alt=\"y\">"
    "<figcaption>Photo: AFP</figcaption></figure><ul><li>un<li>deux</ul>"
    "<div style=\"display: none\" aria-hidden=true hidden>cache</div></div></article></main>"
    "<aside role=complementary class=\"sidebar widget\">pub</aside><footer class=footer>"
    "<p>© 2023 Tous droits réservés</p></footer><script>var a = '<div>';</script></body></html>";

const Dom& Page() {
  static const Dom* dom = Dom::Parse(kPage).release();
  return *dom;
}

const char* const kStrings[] = {"", "article", "comments", "ad", "Lire aussi",
                                "Le titre - Sputnik France", "© AFP 2023", "22.08.2023, 06:45 Uhr",
                                "Фото: РИА Новости", "广告", "x.test"};

void RunSelectors(const std::vector<pith::rules::SelectorRule>& rules) {
  const Dom& dom = Page();
  for (const pith::rules::SelectorRule& r : rules) {
    for (uint32_t i = 0; i < dom.size(); ++i) {
      if (r.selector.Matches(dom, i) && !r.attr.empty() && dom.node(i).is_element())
        (void)dom.Attr(i, r.attr);
    }
  }
}

void RunPatterns(const std::vector<pith::rules::PatternRule>& rules) {
  for (const pith::rules::PatternRule& r : rules) {
    PITH_FUZZ_CHECK(r.pattern != nullptr, "null pattern in a parsed rule file");
    PITH_FUZZ_CHECK(r.pattern->re().ok(), "a parsed rule file holds a pattern that did not compile");
    for (const char* s : kStrings) {
      (void)RE2::FullMatch(s, r.pattern->re());
      (void)RE2::PartialMatch(s, r.pattern->re());
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // Rule files are small; RE2 compiles each pattern, so keep inputs modest.
  if (size > (64u << 10)) return 0;
  std::string_view content(reinterpret_cast<const char*>(data), size);

  pith::rules::RuleFile file;
  std::vector<pith::RuleError> errors;
  const std::string path = "fuzz/input.rules";
  bool ok = pith::rules::ParseRuleFile(path, content, &file, &errors);
  PITH_FUZZ_CHECK(ok == errors.empty(), "return value disagrees with the error list");

  int lines = 1;
  for (char c : content) lines += (c == '\n');
  for (const pith::RuleError& e : errors) {
    PITH_FUZZ_CHECK(e.file == path, "error names another file");
    if (e.line < 1 || e.line > lines) pith_fuzz::Fail("error line out of range", e.ToString());
    PITH_FUZZ_CHECK(!e.message.empty(), "empty error message");
    if (e.message.find('\n') != std::string::npos)
      pith_fuzz::Fail("multi-line error message", e.message);
    (void)e.ToString();
  }
  if (!ok) return 0;

  PITH_FUZZ_CHECK(file.path == path);
  for (const std::string& h : file.hosts) {
    for (const char* host : {"example.com", "www.example.com", "a.b.example.com", "x.test", ""})
      (void)pith::rules::HostPatternMatches(h, host);
    PITH_FUZZ_CHECK(pith::rules::HostPatternMatches(h, h) || h.rfind("*.", 0) == 0,
                    "a plain host: pattern must match its own host");
  }
  RunSelectors(file.body);
  RunSelectors(file.title);
  RunSelectors(file.strip);
  RunSelectors(file.strip_outside);
  RunSelectors(file.keep);
  RunSelectors(file.article);
  RunPatterns(file.strip_class);
  RunPatterns(file.strip_class_small);
  RunPatterns(file.good_class);
  RunPatterns(file.bad_class);
  RunPatterns(file.drop_text);
  return 0;
}
