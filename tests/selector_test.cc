#define BOOST_TEST_MODULE selector
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "parse/dom.h"
#include "rules/selector.h"

using namespace pith;

namespace {

const char kPage[] =
    "<html><body>"
    "<div id=main class='article m-big'>"
    "  <p class=lead data-type=text lang=fr-CA>lead</p>"
    "  <section><p class=body>one</p><my-widget>w</my-widget></section>"
    "  <a href='https://example.com/x.pdf' rel='nofollow noopener'>link</a>"
    "</div>"
    "<aside class=side><p class=body>side</p></aside>"
    "</body></html>";

// The text of every element matching `sel`, joined by '|'.
std::string Select(const std::string& sel) {
  static auto dom = parse::Dom::Parse(kPage);
  rules::Selector s;
  std::string error;
  if (!s.Parse(sel, &error)) return "ERROR " + error;
  std::string out;
  for (uint32_t i = 0; i < dom->size(); ++i) {
    if (!s.Matches(*dom, i)) continue;
    if (!out.empty()) out += "|";
    out += dom->TextOf(i);
  }
  return out;
}

std::string ParseError(const std::string& sel) {
  rules::Selector s;
  std::string error;
  return s.Parse(sel, &error) ? "" : error;
}

}  // namespace

BOOST_AUTO_TEST_CASE(simple_selectors) {
  BOOST_TEST(Select("p") == "lead|one|side");
  BOOST_TEST(Select("P") == "lead|one|side");
  BOOST_TEST(Select("#main > p") == "lead");
  BOOST_TEST(Select(".lead") == "lead");
  BOOST_TEST(Select("div.article.m-big > .lead") == "lead");
  BOOST_TEST(Select(".article.missing") == "");
  BOOST_TEST(Select("my-widget") == "w");
  BOOST_TEST(Select("section > *") == "one|w");
}

BOOST_AUTO_TEST_CASE(attribute_selectors) {
  BOOST_TEST(Select("[data-type]") == "lead");
  BOOST_TEST(Select("[data-type=text]") == "lead");
  BOOST_TEST(Select("[data-type='text']") == "lead");
  BOOST_TEST(Select("[data-type=\"tex\"]") == "");
  BOOST_TEST(Select("[rel~=noopener]") == "link");
  BOOST_TEST(Select("[rel~=noop]") == "");
  BOOST_TEST(Select("[href^=https]") == "link");
  BOOST_TEST(Select("[href$='.pdf']") == "link");
  BOOST_TEST(Select("[href*=example]") == "link");
  BOOST_TEST(Select("[lang|=fr]") == "lead");
  BOOST_TEST(Select("[LANG|=fr]") == "lead");
}

BOOST_AUTO_TEST_CASE(combinators_lists_and_not) {
  BOOST_TEST(Select("div p") == "lead|one");
  BOOST_TEST(Select("body > div > section > p") == "one");
  BOOST_TEST(Select("body > p") == "");
  BOOST_TEST(Select("aside p, #main > p") == "lead|side");
  BOOST_TEST(Select("p:not(.lead)") == "one|side");
  BOOST_TEST(Select("p:not(.lead, .body)") == "");
  BOOST_TEST(Select("html div section p") == "one");
  BOOST_TEST(Select("html > body div > section p") == "one");
}

BOOST_AUTO_TEST_CASE(parse_errors_name_the_problem) {
  BOOST_TEST(ParseError("") == "bad selector: empty selector at column 1");
  BOOST_TEST(ParseError("div[") == "bad selector: expected an attribute name at column 5");
  BOOST_TEST(ParseError("div[a=") == "bad selector: expected an attribute value at column 7");
  BOOST_TEST(ParseError("div[a='x") == "bad selector: unterminated string at column 7");
  BOOST_TEST(ParseError("[a=b c]") == "bad selector: expected ']' at column 6");
  BOOST_TEST(ParseError("[a!=b]") == "bad selector: unexpected '!' in attribute selector at column 3");
  BOOST_TEST(ParseError("a + b") == "bad selector: combinator '+' is not supported at column 3");
  BOOST_TEST(ParseError("a >") == "bad selector: selector ends with a combinator at column 4");
  BOOST_TEST(ParseError("a,") == "bad selector: selector list ends with ',' at column 3");
  BOOST_TEST(ParseError("p:first-child") == "bad selector: pseudo-class ':first-child' is not supported at column 14");
  BOOST_TEST(ParseError("p:not(a b)") == "bad selector: :not() takes compound selectors only at column 9");
  BOOST_TEST(ParseError("p:not(:not(a))") == "bad selector: :not() cannot be nested at column 12");
  BOOST_TEST(ParseError(".") == "bad selector: expected a name after '.' at column 2");
}

BOOST_AUTO_TEST_CASE(long_selectors_are_refused_and_deep_trees_match_in_bounded_time) {
  std::string long_sel = "div";
  for (int i = 0; i < 40; ++i) long_sel += " div";
  BOOST_TEST(ParseError(long_sel).find("more than 32 compound parts") != std::string::npos);

  // 500 nested divs; a selector mixing '>' and ' ' that cannot match must
  // still answer quickly (memoised backtracking).
  std::string page;
  for (int i = 0; i < 500; ++i) page += "<div>";
  page += "<p>x</p>";
  auto dom = parse::Dom::Parse(page);
  rules::Selector s;
  std::string error;
  std::string sel = "span";
  for (int i = 0; i < 15; ++i) sel += " div > div";
  sel += " p";
  BOOST_REQUIRE(s.Parse(sel, &error));
  for (uint32_t i = 0; i < dom->size(); ++i) BOOST_TEST(!s.Matches(*dom, i));
}

BOOST_AUTO_TEST_CASE(class_names_and_reads_of_the_whole_class_value) {
  auto names = [](const std::string& sel, bool* reads_value) {
    rules::Selector s;
    std::string error;
    BOOST_REQUIRE(s.Parse(sel, &error));
    std::vector<std::string> out;
    *reads_value = false;
    s.ClassNames(&out, reads_value);
    std::sort(out.begin(), out.end());
    std::string joined;
    for (const std::string& n : out) joined += (joined.empty() ? "" : " ") + n;
    return joined;
  };
  bool whole = true;
  BOOST_TEST(names("div.A-b > p.c.d, :not(.e, #f) [id=g], h1", &whole) == "A-b c d e");
  BOOST_TEST(!whole);
  for (const char* sel : {"[class]", "p:not([class~=x])", "a [CLASS^=y]", ".z[class$=w]"}) {
    names(sel, &whole);
    BOOST_TEST(whole, sel);
  }
}
