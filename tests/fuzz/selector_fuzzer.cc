// selector_fuzzer: pith::rules::Selector::Parse on the input; when it
// parses, Matches over every node (elements and text nodes, as rules::Apply
// does) of a fixed page of about 200 nodes with nested sections, tables,
// lists, a deep chain of divs (for the descendant combinator's backtracking),
// foreign (svg) and custom elements, and varied attribute values.
//
// Invariants (abort when violated):
//   - a failed Parse sets a non-empty error;
//   - a parsed selector keeps its text (text() == input);
//   - Matches is false on text nodes;
//   - parsing the same text again gives the same matches.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "parse/dom.h"
#include "rules/selector.h"

namespace {

using pith::parse::Dom;

std::string BuildPage() {
  std::string p =
      "<!DOCTYPE html><html lang=en-US><head><title>T</title>"
      "<meta property=\"og:title\" content=\"a b\"></head>"
      "<body id=b class=\"Page page  has-sidebar\">";
  for (int s = 0; s < 6; ++s) {
    std::string n = std::to_string(s);
    p += "<section id=s" + n + " class=\"sec sec-" + n + "\" data-k=\"v" + n + " w-" + n + "\">";
    p += "<h2 lang=\"fr-CA\" class=article__title>Head " + n + "</h2>";
    p += "<div class=\"a b_c\"><div class=a><div class='x y' title=\"\" data-type=article>"
         "<span data-type=banner>t</span><p>para <a href=\"https://x.test/y?z=1\" "
         "rel=\"nofollow noopener\">l</a></p></div></div></div>";
    p += "<ul class=list><li class=i>1<li id=\"\">2<li><b><i>3</i></b></ul>";
    p += "<table role=presentation><tr><td>1<td colspan=2>2</table>";
    p += "<svg viewBox=\"0 0 1 1\"><path d=M0/></svg><custom-el Foo=Bar>c</custom-el>";
    if (s == 2) {
      for (int d = 0; d < 14; ++d) p += "<div class=\"n d" + std::to_string(d % 3) + "\">";
      p += "deep";
      for (int d = 0; d < 14; ++d) p += "</div>";
    }
    p += "</section>";
  }
  p += "<footer><p hidden>\xC2\xA9 2023</p></footer></body></html>";
  return p;
}

const Dom& Page() {
  static const Dom* dom = Dom::Parse(BuildPage()).release();
  return *dom;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > (16u << 10)) return 0;  // Selectors are one line of a rule file.
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const Dom& dom = Page();

  pith::rules::Selector sel;
  std::string error;
  if (!sel.Parse(text, &error)) {
    PITH_FUZZ_CHECK(!error.empty(), "Parse failed without an error message");
    return 0;
  }
  PITH_FUZZ_CHECK(sel.text() == text, "text() differs from the parsed text");

  std::vector<bool> matched(dom.size());
  for (uint32_t i = 0; i < dom.size(); ++i) {
    matched[i] = sel.Matches(dom, i);
    if (matched[i] && !dom.node(i).is_element()) pith_fuzz::Fail("a text node matched", text);
  }

  pith::rules::Selector again;
  std::string error2;
  PITH_FUZZ_CHECK(again.Parse(sel.text(), &error2), "the same text failed to parse again");
  for (uint32_t i = 0; i < dom.size(); ++i)
    PITH_FUZZ_CHECK(again.Matches(dom, i) == matched[i], "matching is not deterministic");
  return 0;
}
