#define BOOST_TEST_MODULE guard
#include <boost/test/unit_test.hpp>
#include <gumbo.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include "parse/dom.h"
#include "parse/guard.h"
#include "support.h"

using namespace pith::parse;

namespace {
uint32_t MaxDepth(const Dom& dom) {
  uint32_t best = 0;
  for (uint32_t i = 0; i < dom.size(); ++i) {
    uint32_t d = 0;
    for (uint32_t a = i; a != kNoNode; a = dom.node(a).parent) ++d;
    if (d > best) best = d;
    if (best > 100000) break;
  }
  return best;
}
std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(ordinary_page_is_untouched) {
  std::string page =
      "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><table><tr><td>1<td>2<tr><td>3</table>"
      "<script>if (a<b) { document.write('<div><div><div>'); }</script><!-- <div> -->"
      "<img src=x><br/><input value=\"a>b\"></div></body></html>";
  GuardResult r = CapDepth(page, 8);
  BOOST_TEST(!r.modified);
  BOOST_TEST(r.dropped_tags == 0u);
}

BOOST_AUTO_TEST_CASE(unclosed_paragraphs_and_items_do_not_count_as_nesting) {
  std::string page = "<body>" + Repeat("<p>para", 5000) + Repeat("<li>item", 5000) +
                     Repeat("<tr><td>cell", 5000);
  BOOST_TEST(!CapDepth(page, 16).modified);
}

BOOST_AUTO_TEST_CASE(million_nested_divs_are_flattened_fast_and_text_kept) {
  const size_t n = 1000000;
  std::string page = Repeat("<div>", n) + "deep text" + Repeat("</div>", n) + " <p>after</p>";
  auto start = std::chrono::steady_clock::now();
  GuardResult r = CapDepth(page, 512);
  BOOST_TEST(r.modified);
  BOOST_TEST(r.dropped_tags == 2 * (n - 512));
  auto dom = Dom::Parse(r.html);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(secs < pith::test::TimeLimit(1.0));
  BOOST_TEST(MaxDepth(*dom) <= 512u + 4);  // html, body and the text node on top.
  BOOST_TEST(dom->TextOf(dom->body()) == "deep text after");
}

BOOST_AUTO_TEST_CASE(a_dropped_tag_takes_the_stray_lt_before_it_and_the_text_after_stays) {
  // "<<k>": the first '<' is text. Without <k>, it would make "<after" a
  // tag and lose the words; the cap drops the stray '<' with the tag.
  for (const std::string& tail : {std::string("<<k>after words"), std::string("<<<k>after words"),
                                  std::string("<</k>after words")}) {
    std::string page = "<div><div><div>" + tail + "</div></div></div>";
    GuardResult r = CapDepth(page, 2);
    BOOST_TEST(r.modified, tail);
    auto dom = Dom::Parse(r.html);
    BOOST_TEST(dom->TextOf(dom->body()) == "after words", tail);
  }
  // Below the cap the stray '<' is text, as it always is.
  auto dom = Dom::Parse("<div><<k>after words</div>");
  BOOST_TEST(dom->TextOf(dom->body()) == "<after words");
}

BOOST_AUTO_TEST_CASE(nested_formatting_and_self_closing_divs_are_capped) {
  for (const char* tag : {"<b>", "<span>", "<div/>", "<table>"}) {
    std::string page = Repeat(tag, 200000) + "x";
    GuardResult r = CapDepth(page, 512);
    BOOST_TEST_CONTEXT(tag) {
      BOOST_TEST(r.modified);
      auto dom = Dom::Parse(r.html);
      BOOST_TEST(MaxDepth(*dom) <= 520u);
    }
  }
}

BOOST_AUTO_TEST_CASE(self_closing_inside_svg_does_not_nest) {
  std::string page = "<svg>" + Repeat("<path d='M0'/>", 2000) + "</svg><p>x</p>";
  BOOST_TEST(!CapDepth(page, 16).modified);
}

BOOST_AUTO_TEST_CASE(attributes_beyond_the_cap_are_dropped) {
  std::string tag = "<div";
  for (int i = 0; i < 40000; ++i) tag += " a" + std::to_string(i) + "=\"v>" + std::to_string(i) + "\"";
  std::string page = tag + " class=x>text</div>";
  auto start = std::chrono::steady_clock::now();
  GuardResult r = Prescan(page, 512, false, 100);
  BOOST_TEST(r.modified);
  BOOST_TEST(r.trimmed_tags == 1u);
  auto dom = Dom::Parse(r.html);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(secs < pith::test::TimeLimit(1.0));
  uint32_t div = dom->first_child(dom->body());
  BOOST_REQUIRE(div != kNoNode);
  BOOST_TEST(dom->node(div).attr_count == 100u);
  BOOST_TEST(dom->TextOf(div) == "text");
  // Under the cap nothing changes.
  BOOST_TEST(!Prescan("<p a=1 b='2' c>x</p>", 512, false, 3).modified);
}

BOOST_AUTO_TEST_CASE(unclosed_formatting_elements_cannot_blow_up_the_tree) {
  // Found by the fuzzer: <p><b a1><p><b a2>... with distinct attributes
  // evades Gumbo's "Noah's Ark" limit, and every <p> reopens all of them.
  std::string page;
  for (int i = 0; i < 4000; ++i) page += "<p><b a" + std::to_string(i) + ">w" + std::to_string(i);
  auto start = std::chrono::steady_clock::now();
  GuardResult r = Prescan(page, 512, false);
  auto dom = Dom::Parse(r.modified ? r.html : page);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(secs < pith::test::TimeLimit(1.0));
  BOOST_TEST(dom->size() < 4000u * 70u);  // Linear: at most the cap reopened per paragraph.
  BOOST_TEST(MaxDepth(*dom) < 64u + 16u);
  std::string text = dom->TextOf(dom->body());
  BOOST_TEST(text.find("w3999") != std::string::npos);  // The text is all there.
  // Ordinary nesting of formatting elements is untouched.
  BOOST_TEST(!Prescan("<p><b><i>x</i></b><p><a href=1>y</a><a href=2>z</a>", 512, false).modified);
}

BOOST_AUTO_TEST_CASE(adoption_agency_nesting_is_capped) {
  // Found by the fuzzer: on <a> with an <a> open, Gumbo closes the old <a>
  // but keeps the <div>s opened inside it, so <a><div> repeated nests on.
  std::string page = Repeat("<a><div>", 100000) + "x";
  auto start = std::chrono::steady_clock::now();
  GuardResult r = Prescan(page, 512, false);
  auto dom = Dom::Parse(r.modified ? r.html : page);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(secs < pith::test::TimeLimit(1.0));
  BOOST_TEST(MaxDepth(*dom) <= 512u + 64u + 8u);
  // The common case, an unclosed <a> followed by another, is not nesting.
  BOOST_TEST(!CapDepth("<p>" + Repeat("<a href=x>link", 3000), 64).modified);
}

BOOST_AUTO_TEST_CASE(end_tags_that_close_nothing_and_foreign_void_tags_are_nesting) {
  // Found with the fuzzer's depth bound (regressions guard-html-end-depth,
  // guard-head-end-depth, guard-svg-void-depth): </html> and </body> leave
  // every element open (the tree builder only changes mode), </head> after
  // the head was left is ignored, and in svg a <link> or <source> is an
  // element like any other, not a void one. The guard used to pop on the
  // first two and not push the third, so the tree outgrew max_depth.
  for (const std::string& page :
       {Repeat("<html><div><div><div></html>", 2000) + "x",
        Repeat("<head><div><div><div></head>", 2000) + "x",
        Repeat("<body><div><div><div></body>", 2000) + "x",
        "<svg>" + Repeat("<link>", 6000) + "x"}) {
    BOOST_TEST_CONTEXT(page.substr(0, 40)) {
      GuardResult r = Prescan(page, 64, true);
      BOOST_TEST(r.modified);
      auto dom = Dom::Parse(r.modified ? r.html : page);
      BOOST_TEST(MaxDepth(*dom) <= 64u + 8u);
    }
  }
  // A page's own </body></html> is not nesting either.
  BOOST_TEST(!CapDepth("<html><head><title>t</title></head><body><div><p>x</div></body></html>", 8)
                  .modified);
}

BOOST_AUTO_TEST_CASE(pruning_cuts_unread_attributes_and_keeps_read_ones) {
  KeptAttributes kept;
  kept.names = {"class", "data-type", "href", "id"};
  kept.anchor_href = false;
  const std::string page =
      "<div id=a data-lazy-src=\"x.jpg\" class='c' onclick=\"f('>')\" data-type=t>"
      "<a href=\"/x\" title=\"T\">link</a><input TYPE=hidden value=v>"
      "<link href=\"/style.css\"></div>";
  GuardResult r = Prescan(page, 512, true, kDefaultMaxAttributes, &kept);
  BOOST_TEST(r.modified);
  BOOST_TEST(r.html ==
             "<div id=a class='c' data-type=t><a>link</a><input TYPE=hidden>"
             "<link href=\"/style.css\"></div>");
  // A script's type stays only where it may say JSON-LD (the metadata
  // reads those scripts); the content of the others is cut too.
  BOOST_TEST(Prescan("<script type=text/javascript src=a.js>f()</script>"
                     "<script type=application/ld+json>{}</script>"
                     "<script TYPE='application&#x2f;ld&#x2b;json'>{}</script>",
                     512, true, kDefaultMaxAttributes, &kept)
                 .html == "<script></script><script type=application/ld+json>{}</script>"
                          "<script TYPE='application&#x2f;ld&#x2b;json'>{}</script>");
  // Links rendered: href stays on <a>.
  kept.anchor_href = true;
  BOOST_TEST(Prescan("<a href=/x>y</a>", 512, true, kDefaultMaxAttributes, &kept).modified == false);
  // No KeptAttributes, or pruning off: every attribute stays.
  BOOST_TEST(!Prescan("<p title=t>x</p>", 512, true).modified);
  BOOST_TEST(!Prescan("<p title=t>x</p>", 512, false, kDefaultMaxAttributes, &kept).modified);
  // Attributes inside <svg> are left to the svg pruning.
  BOOST_TEST(Prescan("<svg viewBox='0 0 1 1'><path d=M0></path></svg>", 512, true,
                     kDefaultMaxAttributes, &kept)
                 .html == "<svg viewBox='0 0 1 1'></svg>");
}

namespace {
// `page` as Prescan (pruning on, at the default depth) gives it to Gumbo.
std::string Pruned(const std::string& page, const KeptAttributes& kept, bool prune = true) {
  GuardResult r = Prescan(page, 512, prune, kDefaultMaxAttributes, &kept);
  return r.modified ? r.html : page;
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_cut_attribute_takes_the_whitespace_before_it_only_where_a_separator_remains) {
  KeptAttributes kept;
  kept.names = {"id"};
  auto prescan = [&](const std::string& page) { return Pruned(page, kept); };
  BOOST_TEST(prescan("<p x=1 id=a\ty='2' >t</p>") == "<p id=a >t</p>");
  BOOST_TEST(prescan("<br x=1 />") == "<br />");
  // Right after a quoted value, the next name needs the space before it.
  BOOST_TEST(prescan("<p title='t'id=a>x</p>") == "<p id=a>x</p>");
  BOOST_TEST(prescan("<p id='a' x='1'y=2>x</p>") == "<p id='a' >x</p>");
  // A <font>'s color, face and size take it out of svg content: they
  // stay, even where the scan thinks no svg is open.
  BOOST_TEST(prescan("<p><font face=x size=2 x=1>t</font>") == "<p><font face=x size=2>t</font>");
  // A '/' right after an unquoted value would join it: the space stays.
  BOOST_TEST(prescan("<p id=a x/>t</p>") == "<p id=a />t</p>");
  BOOST_TEST(prescan("<p id='a' x/>t</p>") == "<p id='a'/>t</p>");
}

BOOST_AUTO_TEST_CASE(a_value_filter_keeps_an_attribute_only_when_its_value_may_match) {
  const std::vector<std::string> needles = {"display:none", "hidden"};
  KeptAttributes kept;
  kept.names = {"id", "style"};
  kept.value_filters = {{"style", &needles}};
  auto prescan = [&](const std::string& page) { return Pruned(page, kept); };
  BOOST_TEST(prescan("<p style=\"margin: 0\" id=a>x</p><p STYLE='display:none'>y</p>") ==
             "<p id=a>x</p><p STYLE='display:none'>y</p>");
  BOOST_TEST(prescan("<p style=\"visibility: hidden\">y</p>") == "<p style=\"visibility: hidden\">y</p>");
  // '&' may hide a needle behind a character reference; NUL and CR are rewritten by the tokenizer.
  BOOST_TEST(prescan("<p style='display&#58;none'>y</p>") == "<p style='display&#58;none'>y</p>");
  // The tokenizer reads the first of two same-named attributes: a second one
  // goes, whether or not the first stayed.
  BOOST_TEST(prescan("<p style=x style='display:none'>y</p>") == "<p>y</p>");
  BOOST_TEST(prescan("<p style='display:none' style=x>y</p>") == "<p style='display:none'>y</p>");
  // Values are compared as written, case and all, as the rules compare them.
  BOOST_TEST(prescan("<p style='DISPLAY:NONE'>y</p>") == "<p>y</p>");
  // <html> and <body> keep theirs: a second such tag lends them to the first.
  BOOST_TEST(prescan("<body style=x><p style=x>t</p><body style=y>") ==
             "<body style=x><p>t</p><body style=y>");
}

namespace {
bool ReadsOgTitle(std::string_view key) { return key == "og:title" || key == "description"; }
}  // namespace

BOOST_AUTO_TEST_CASE(unread_link_and_meta_elements_are_dropped_whole) {
  KeptAttributes kept;
  kept.names = {"content", "href", "http-equiv", "itemprop", "name", "property", "rel"};
  kept.reads_meta_key = &ReadsOgTitle;
  auto prescan = [&](const std::string& page) { return Pruned(page, kept); };
  BOOST_TEST(prescan("<head><meta name=viewport content=x><meta property='OG:Title' content=T>"
                     "<meta name='robots description' content=D><meta charset=utf-8>"
                     "<link rel=stylesheet href=a.css><link rel=Canonical href=/c>"
                     "<link href=/x><title>t</title></head>") ==
             "<head><meta property='OG:Title' content=T><meta name='robots description' content=D>"
             "<link rel=Canonical href=/c><title>t</title></head>");
  // Microdata, a language, and a value with a character reference stay.
  BOOST_TEST(prescan("<meta itemprop=datePublished content=2020><link itemprop=url href=/u>"
                     "<meta http-equiv=Content-Language content=de><meta name='og&#58;title' content=T>") ==
             "<meta itemprop=datePublished content=2020><link itemprop=url href=/u>"
             "<meta http-equiv=Content-Language content=de><meta name='og&#58;title' content=T>");
  // The first of two same-named attributes is the one read.
  BOOST_TEST(prescan("<meta name=robots name=description content=D>x") == "x");
  // A value holding a string a rule tests for ([name*=headline]) stays.
  const std::vector<std::string> rule_keys = {"headline"};
  kept.meta_keys = &rule_keys;
  BOOST_TEST(prescan("<meta name=X-Headline-Short content=H><meta name=x content=y>") ==
             "<meta name=X-Headline-Short content=H>");
  kept.meta_keys = nullptr;
  // One with an attribute that a selector naming no tag tests for may be
  // selected (`.article__body` matches a <link class=article__body>): it
  // stays, whatever its values.
  const std::vector<std::string> untyped = {"class", "role"};
  KeptAttributes with_class = kept;
  with_class.names = {"class", "content", "href", "http-equiv", "itemprop", "name", "property",
                      "rel", "role"};
  with_class.read_if_present = &untyped;
  BOOST_TEST(Pruned("<link class=article__body><meta ROLE=main name=x><link rel=a>x", with_class) ==
             "<link class=article__body><meta ROLE=main name=x>x");
  // Not right after a '<', which would join the next bytes: "<<meta>p"
  // would become the tag "<p".
  BOOST_TEST(prescan("<<meta name=a>p") == "<<meta name=a>p");
  // Not in table text (a tag there splits the text the tree builder moves),
  // not in a select, not in foreign content; without a reader, nothing goes.
  BOOST_TEST(prescan("<table><meta name=a>x</table>") == "<table><meta name=a>x</table>");
  BOOST_TEST(prescan("<table><td><meta name=a>x</table>") == "<table><td><meta name=a>x</table>");
  // Nor in the body, where its neighbours would become siblings: the rules
  // read whether an inline element stands between two runs of text.
  BOOST_TEST(prescan("<p>x<meta name=a><a class=ad>n</a>e") == "<p>x<meta name=a><a>n</a>e");
  BOOST_TEST(prescan("<html><head><meta name=a></head><body>x<link rel=a>") == "<html><head></head><body>x<link rel=a>");
  BOOST_TEST(prescan("<select><link rel=a></select>") == "<select><link rel=a></select>");
  BOOST_TEST(prescan("<svg><link rel=a></link></svg>") == "<svg></svg>");
  BOOST_TEST(prescan("<math><meta name=a></meta></math>x") == "<math><meta name=a></meta></math>x");
  kept.reads_meta_key = nullptr;
  BOOST_TEST(prescan("<meta name=viewport content=x>") == "<meta name=viewport content=x>");
}

BOOST_AUTO_TEST_CASE(scripts_and_styles_whose_content_is_cut_go_whole) {
  KeptAttributes kept;
  kept.names = {"class", "itemprop", "type"};
  const std::vector<std::string> untyped = {"class"};
  kept.read_if_present = &untyped;
  kept.drop_raw_text = true;
  auto prescan = [&](const std::string& page) { return Pruned(page, kept); };
  BOOST_TEST(prescan("<head><script src=a.js></script><style>p { x: y }</style>"
                     "<script type=application/ld+json>{}</script></head>"
                     "<body><p>a <script>f()</script><b>b</b><STYLE></STYLE>c</p></body>") ==
             "<head><script type=application/ld+json>{}</script></head><body><p>a <b>b</b>c</p></body>");
  // Kept, emptied: with an attribute a rule or the metadata may read, in a
  // <select>, in table text, after a '<' or a <pre>, in svg, and where the
  // end tag may not be the first "</script>".
  BOOST_TEST(prescan("<script class=ad>x</script><style itemprop=s>y</style>") ==
             "<script class=ad></script><style itemprop=s></style>");
  BOOST_TEST(prescan("<select><script>x</script></select>") == "<select><script>x</script></select>");
  BOOST_TEST(prescan("<table><tr><td>a</td></tr>b<script>x</script>c</table>") ==
             "<table><tr><td>a</td></tr>b<script></script>c</table>");
  BOOST_TEST(prescan("<<script>x</script>p") == "<<script></script>p");
  BOOST_TEST(prescan("<pre><script>x</script>\ny</pre>") == "<pre><script></script>\ny</pre>");
  BOOST_TEST(prescan("<svg><style>x</style></svg>z") == "<svg></svg>z");
  BOOST_TEST(prescan("<script><!--<script></script>--></script>") ==
             "<script><!--<script></script>--></script>");
  kept.drop_raw_text = false;
  BOOST_TEST(prescan("<p>a <script>f()</script>b") == "<p>a <script></script>b");
}

BOOST_AUTO_TEST_CASE(a_dropped_script_leaves_the_head_to_come_as_it_was) {
  // Before "<head lang=fr>", a script opens a head of its own (and the
  // explicit one is ignored); with the script gone, the explicit head opens.
  KeptAttributes kept;
  kept.drop_raw_text = true;
  kept.names = {"lang"};
  const std::string page = "<script>x</script><head lang=fr><title>t</title></head><p>p</p>";
  GuardResult r = Prescan(page, 512, true, kDefaultMaxAttributes, &kept);
  BOOST_TEST(r.html == "<head lang=fr><title>t</title></head><p>p</p>");
  auto dom = Dom::Parse(r.html);
  BOOST_REQUIRE(dom->head() != kNoNode);
  BOOST_TEST(dom->Attr(dom->head(), "lang") != nullptr);
}

namespace {
// The text of every top-level node of `html` as Dom::Parse gives it back,
// joined by '|', with text stashed (and put back) or not.
std::string ParsedText(const std::string& html, bool stash, GuardResult* out = nullptr) {
  KeptAttributes kept;
  kept.stash_text = stash;
  GuardResult r = Prescan(html, 512, true, kDefaultMaxAttributes, &kept);
  auto dom = Dom::Parse(r.modified ? std::string_view(r.html) : std::string_view(html), &r.stashed);
  std::string text;
  for (uint32_t i = 0; i < dom->size(); i = dom->node(i).end) text += dom->TextOf(i) + "|";
  if (out) *out = std::move(r);
  return text;
}
const std::string kLong = "Long enough to be stashed, this text";  // 36 bytes.
}  // namespace

BOOST_AUTO_TEST_CASE(long_runs_of_text_go_to_gumbo_as_placeholders_and_come_back) {
  GuardResult r;
  const std::string page = "<p>  " + kLong + " \n</p><p>short</p><p>" + kLong + "</p>";
  std::string text = ParsedText(page, true, &r);
  BOOST_TEST(text == ParsedText(page, false));
  BOOST_TEST(pith::test::Contains(text, kLong));
  BOOST_REQUIRE(r.stashed.size() == 2u);
  BOOST_TEST(r.stashed[0] == kLong);
  // The whitespace at both ends stays (collapsed); the core is U+10FFFD and
  // four base-62 digits.
  BOOST_TEST(r.html == "<p> \xF4\x8F\xBF\xBD" "0000 </p><p>short</p><p>\xF4\x8F\xBF\xBD" "0001</p>");
  // Without the runs, Dom::Parse leaves the placeholders.
  auto bare = Dom::Parse(r.html);
  BOOST_TEST(!pith::test::Contains(bare->TextOf(0), kLong));
}

BOOST_AUTO_TEST_CASE(text_is_stashed_only_where_the_tokenizer_passes_it_on_as_it_is) {
  // What follows the long run stays with Gumbo, as it is: the run before
  // it is stashed alone.
  const std::vector<std::string> left_to_gumbo = {
      " &amp; more",      // A character reference.
      " \x01",            // A control character (Gumbo: U+FFFD).
      " \r\n more",       // CR, which the tokenizer rewrites.
      " \xC2\x85",        // U+0085, a C1 control.
      " \xEF\xBF\xBE",    // U+FFFE, a noncharacter.
      " \xEF\xB7\x90",    // U+FDD0, a noncharacter.
      " \xC3",            // Invalid UTF-8.
      " \xED\xA0\x80",    // A surrogate.
      " >",               // '>' and quotes end tags and comments.
      " \"quoted\"",
      " 'quoted'",
  };
  for (const std::string& tail : left_to_gumbo) {
    GuardResult r;
    std::string page = "<div>" + kLong + tail + "</div>";
    BOOST_TEST(ParsedText(page, true, &r) == ParsedText(page, false));
    BOOST_TEST(r.stashed.size() == 1u, tail);
    BOOST_TEST((!r.stashed.empty() && r.stashed[0] == kLong), tail);
    // (Its whitespace collapsed.)
    BOOST_TEST(pith::test::Contains(r.html, tail.substr(tail.find_last_of(" \r\n") + 1)), tail);
  }
  // Runs on both sides of what is left are stashed, but never a part of a
  // character reference, which takes the letters and digits after the '&'
  // (with or without its ';').
  for (const std::string middle :
       {" &amp; ", "&ampx", "&amp", "&#x41;", "&#65", "&notin;", " \"", "'", " > ", "\r"}) {
    GuardResult r;
    std::string page = "<p>" + kLong + middle + kLong + "</p>";
    BOOST_TEST(ParsedText(page, true, &r) == ParsedText(page, false), middle);
    BOOST_TEST(r.stashed.size() >= 1u, middle);
    BOOST_TEST(pith::test::Contains(r.html, middle), middle);
  }
  // Not in a select, svg or math; nowhere on a page holding U+10FFFD, nor
  // after a <frameset>; and only with stash_text.
  for (const std::string& page :
       {"<select><option>" + kLong + "</select>", "<svg><text>" + kLong + "</text></svg>",
        "<math><mi>" + kLong + "</mi></math>", "<p>" + kLong + "</p><p>\xF4\x8F\xBF\xBD</p>",
        "<frameset>" + kLong + "</frameset>" + kLong}) {
    GuardResult r;
    BOOST_TEST(ParsedText(page, true, &r) == ParsedText(page, false));
    BOOST_TEST(r.stashed.empty(), page);
  }
  GuardResult r;
  ParsedText("<p>" + kLong + "</p>", false, &r);
  BOOST_TEST(r.stashed.empty());
  // Non-ASCII text that Gumbo passes on is stashed.
  ParsedText("<p>Größere Änderungen — 変更 " + kLong + "</p>", true, &r);
  BOOST_TEST(r.stashed.size() == 1u);
}

BOOST_AUTO_TEST_CASE(attribute_values_are_stashed_and_put_back_whole) {
  KeptAttributes kept;
  kept.stash_text = true;
  kept.names = {"class", "content", "href", "name", "type"};
  const std::string page =
      "<meta name=\"description\" content=\"A description long enough to be stashed\">"
      "<div class='first-class second-class third'><a href=\"/a/long/enough/link\">x</a>"
      "<input type=\"hidden-but-long-value\" name=\"long enough, and kept\">"
      "<p content=\"holds a character &amp; reference\">y</p>"
      "<p content=\"short\">z</p></div>";
  GuardResult r = Prescan(page, 512, true, kDefaultMaxAttributes, &kept);
  // Placeholders: the meta's content, the class value; not a formatting
  // element's (<a>), not an <input>'s, not one with a character reference,
  // not a short one.
  BOOST_TEST(r.stashed.size() == 2u);
  BOOST_TEST(!pith::test::Contains(r.html, "A description"));
  BOOST_TEST(!pith::test::Contains(r.html, "second-class"));
  for (const std::string kept_as_is : {"/a/long/enough/link", "hidden-but-long-value",
                                       "long enough, and kept", "&amp;", "\"short\""})
    BOOST_TEST(pith::test::Contains(r.html, kept_as_is), kept_as_is);
  // Dom::Parse gives every value back as Gumbo would have read it.
  auto stashed = Dom::Parse(r.html, &r.stashed);
  auto whole = Dom::Parse(page);
  BOOST_REQUIRE(stashed->size() == whole->size());
  for (uint32_t i = 0; i < whole->size(); ++i) {
    if (!whole->node(i).is_element()) continue;
    for (const char* name : {"content", "class", "href", "type", "name"}) {
      const std::string_view* a = whole->Attr(i, name);
      const std::string_view* b = stashed->Attr(i, name);
      BOOST_TEST((a == nullptr) == (b == nullptr));
      if (a && b) BOOST_TEST(*a == *b);
    }
  }
}

BOOST_AUTO_TEST_CASE(json_ld_is_stashed_and_put_back_whole) {
  // A JSON-LD script's raw text, quotes and '&' included, goes to Gumbo as
  // placeholders around each '<' (which may start its end tag) and the
  // characters the tokenizer rewrites; Dom::Parse gives back the same text.
  const std::string json = "{\"@type\": \"NewsArticle\", \"headline\": \"Q&A: it's <b>bold</b>\",\r\n"
                           " \"articleBody\": \"" + kLong + "\"}";
  const std::string page = "<script type=application/ld+json>" + json + "</script><p>x</p>";
  KeptAttributes kept;
  kept.stash_text = true;
  GuardResult r = Prescan(page, 512, true, kDefaultMaxAttributes, &kept);
  BOOST_TEST(r.stashed.size() == 2u);
  BOOST_TEST(!pith::test::Contains(r.html, "NewsArticle"));
  BOOST_TEST(pith::test::Contains(r.html, "<b"));
  BOOST_TEST(pith::test::Contains(r.html, "\r\n"));
  for (const auto& [html, stashed] :
       {std::pair<std::string_view, const std::vector<std::string_view>*>{r.html, &r.stashed},
        {page, nullptr}}) {
    auto dom = Dom::Parse(html, stashed);
    std::string text;
    for (uint32_t i = 0; i < dom->size(); ++i)
      if (dom->node(i).is_text() && dom->node(i).parent != kNoNode &&
          dom->node(dom->node(i).parent).tag == GUMBO_TAG_SCRIPT)
        text += dom->node(i).text;
    std::string expected = json;
    expected.replace(expected.find("\r\n"), 2, "\n");  // The tokenizer's newline.
    BOOST_TEST(text == expected);
  }
}

BOOST_AUTO_TEST_CASE(a_stashed_run_lands_where_the_tree_builder_puts_the_text) {
  // Text the tree builder moves (foster parenting out of a table), text
  // that ends the head, text after a <pre>'s newline and after </body>, and
  // text in a template: the same text with and without stashing.
  for (const std::string& page :
       {"<table><tr><td>a</td></tr> " + kLong + " <tr><td>b</td></tr></table>",
        "<table><colgroup> " + kLong + "</table>",
        "<html><head><title>t</title> " + kLong + " </head><body><p>x</p></body></html>",
        "<pre>\n" + kLong + "\n  indented   text</pre>",
        "<body><p>x</p></body> " + kLong + " </html> " + kLong,
        "<template><p>" + kLong + "</p></template>",
        "<b><p>" + kLong + "</b> " + kLong + "</p>"}) {
    GuardResult r;
    BOOST_TEST(ParsedText(page, true, &r) == ParsedText(page, false), page);
    BOOST_TEST(!r.stashed.empty(), page);
  }
}

BOOST_AUTO_TEST_CASE(a_script_that_may_run_past_its_end_tag_stops_pruning_in_a_select_too) {
  // "<!--<script>" puts the tokenizer in the script's double-escaped state:
  // the first </script> does not end the script, and what the scan would
  // read as tags after it ("<d</script>", whose "attribute" would be cut)
  // is script.
  const std::string page = "<select><script><!--<script></script></select><d</script>i";
  auto dom = Dom::Parse(page);
  std::string whole;
  for (uint32_t i = 0; i < dom->size(); i = dom->node(i).end) whole += dom->TextOf(i) + "|";
  BOOST_TEST(ParsedText(page, false) == whole);
  BOOST_TEST(ParsedText(page, true) == whole);
}

BOOST_AUTO_TEST_CASE(a_tag_dropped_by_the_depth_cap_loses_its_attribute_cuts_too) {
  KeptAttributes kept;
  kept.names = {"class"};
  GuardResult r = Prescan("<div x=1><div y=2 class=k z=3>t</div></div>", 1, true,
                          kDefaultMaxAttributes, &kept);
  BOOST_TEST(r.html == "<div>t</div>");
  BOOST_TEST(r.dropped_tags == 2u);
}

namespace {
// A ClassTokenFilter keeping the tokens listed, counting its calls.
struct ListedTokens : ClassTokenFilter {
  std::vector<std::string> keep;
  mutable std::vector<std::string> asked;
  bool Matters(std::string_view token) const override {
    asked.emplace_back(token);
    return std::find(keep.begin(), keep.end(), token) != keep.end();
  }
};
}  // namespace

BOOST_AUTO_TEST_CASE(pruning_keeps_only_the_class_tokens_that_matter) {
  ListedTokens tokens;
  tokens.keep = {"article", "Body"};
  KeptAttributes kept;
  kept.names = {"class", "id"};
  kept.class_tokens = &tokens;
  auto prescan = [&](const std::string& page, bool prune = true) { return Pruned(page, kept, prune); };
  // The tokens that matter, in order, each after the whitespace character
  // that preceded it; ids stay.
  BOOST_TEST(prescan("<div class=\" ds-grid  article u-only Body \" id=\"ds-grid\">x</div>") ==
             "<div class=\"article Body\" id=\"ds-grid\">x</div>");
  BOOST_TEST(tokens.asked == (std::vector<std::string>{"ds-grid", "article", "u-only", "Body"}));
  BOOST_TEST(prescan("<p class=\"article\trow\nBody\">x</p>") == "<p class=\"article\nBody\">x</p>");
  BOOST_TEST(prescan("<p class = 'col-md-8 article'>x</p>") == "<p class = 'article'>x</p>");
  // None left: the attribute goes, quoted, unquoted, empty or bare.
  BOOST_TEST(prescan("<p class='col-md-8 row'>x</p>") == "<p>x</p>");
  BOOST_TEST(prescan("<p id=a class=row>x</p><p class=article>y</p>") ==
             "<p id=a>x</p><p class=article>y</p>");
  BOOST_TEST(prescan("<p class=\"\">x</p><p class>y</p><p class=>z</p>") == "<p>x</p><p>y</p><p>z</p>");
  // A value already made of tokens that matter is not copied.
  BOOST_TEST(!Prescan("<div class=\"article Body\">x</div>", 512, true, kDefaultMaxAttributes, &kept)
                  .modified);
  // A token with '&' may hold a character reference: kept without asking.
  tokens.asked.clear();
  BOOST_TEST(prescan("<i class=\"x&amp;y row a&#32;b\">t</i>") == "<i class=\"x&amp;y a&#32;b\">t</i>");
  BOOST_TEST(tokens.asked == std::vector<std::string>{"row"});
  // A second class attribute, which Gumbo ignores, goes: it must not take
  // the place of a first one that lost all its tokens.
  BOOST_TEST(prescan("<b class=\"row\" CLASS=\"article\">t</b>") == "<b>t</b>");
  BOOST_TEST(prescan("<b class=\"article row\" class=\"Body\">t</b>") == "<b class=\"article\">t</b>");
  // <html> and <body> keep theirs (a second <body> lends its attributes to
  // the first where it lacks them), and so does foreign content.
  BOOST_TEST(prescan("<html class=row><body class=\"row x\"><p class=row>t</p><body class=article>") ==
             "<html class=row><body class=\"row x\"><p>t</p><body class=article>");
  BOOST_TEST(prescan("<svg class=row><g class=row></g></svg><math class=row><mi class=row>x</mi></math>") ==
             "<svg class=row></svg><math class=row><mi class=row>x</mi></math>");
  // A tag dropped by the depth cap loses its class cuts with it.
  GuardResult deep = Prescan("<div class=\"row article\"><div class=\"row article\">t</div></div>", 1,
                             true, kDefaultMaxAttributes, &kept);
  BOOST_TEST(deep.html == "<div class=\"article\">t</div>");
  // Pruning off, or no filter: class values stay whole.
  const std::string page = "<div class=\"row article\">x</div>";
  BOOST_TEST(prescan(page, false) == page);
  kept.class_tokens = nullptr;
  BOOST_TEST(prescan(page) == page);
}

BOOST_AUTO_TEST_CASE(class_tokens_kept_read_as_before) {
  // The class value Gumbo sees holds the tokens kept, decoded as before.
  ListedTokens tokens;
  tokens.keep = {"a", "c"};
  KeptAttributes kept;
  kept.names = {"class"};
  kept.class_tokens = &tokens;
  GuardResult r = Prescan("<p class=\"a b&#x20;c\tc d\">t</p>", 512, true, kDefaultMaxAttributes, &kept);
  auto dom = Dom::Parse(r.html);
  uint32_t p = kNoNode;
  for (uint32_t i = 0; i < dom->size(); ++i)
    if (dom->node(i).is_element() && dom->node(i).name == "p") p = i;
  BOOST_REQUIRE(p != kNoNode);
  BOOST_REQUIRE(dom->Attr(p, "class"));
  BOOST_TEST(*dom->Attr(p, "class") == "a b c\tc");
}

BOOST_AUTO_TEST_CASE(pruning_collapses_whitespace_runs_outside_pre) {
  GuardResult r = Prescan("<p>a \n\t b</p>\n\n  <pre>x   \n  y</pre>\r\n <p>c  d", 512, true);
  BOOST_TEST(r.html == "<p>a b</p>\n<pre>x   \n  y</pre>\r<p>c d");
  auto on = Dom::Parse(r.html);
  auto off = Dom::Parse("<p>a \n\t b</p>\n\n  <pre>x   \n  y</pre>\r\n <p>c  d");
  BOOST_TEST(on->TextOf(on->body()) == off->TextOf(off->body()));
  BOOST_TEST(!Prescan("<p>a \n\t b</p>", 512, false).modified);
}

BOOST_AUTO_TEST_CASE(many_comments_full_of_dashes_scan_in_linear_time) {
  // Each comment's end is looked for once, up to its own "-->": searching
  // the rest of the page for "--!>" per comment was quadratic.
  std::string page = "<p>" + Repeat("<!-- a - b - c - d -->x", 100000) + "</p>";
  auto start = std::chrono::steady_clock::now();
  GuardResult r = Prescan(page, 512, true);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(secs < pith::test::TimeLimit(0.5));
  BOOST_TEST(r.html == "<p>" + std::string(100000, 'x') + "</p>");
  // "--!>" before the first "-->" still ends the comment.
  BOOST_TEST(Prescan("<p><!-- a --!>b-->c</p>", 512, true).html == "<p>b-->c</p>");
}

BOOST_AUTO_TEST_CASE(unknown_end_tags_close_as_gumbo_closes_them) {
  // Gumbo 0.10.1 tells unknown elements apart by tag number only: </x>
  // closes the nearest unknown HTML element, here the <y> around the svg,
  // so the <script> after it is an HTML script and "<!--</script>" its
  // content. The scan follows, and prunes that script.
  auto text = [](const std::string& page) {
    auto dom = Dom::Parse(page);
    return dom->TextOf(dom->body());
  };
  const std::string page = "<y><svg><font></x><script><!--</script>--><b>t</b>";
  GuardResult r = Prescan(page, 512, true);
  BOOST_TEST(r.html == "<y><svg><font></x><script></script>--><b>t</b>");
  BOOST_TEST(text(r.html) == text(page));
  BOOST_TEST(text(page) == "-->t");
  // A <body> after the body has opened (here with <c>) opens nothing, so
  // </g> still reaches the <c> below the svg, and the "." is body text.
  for (const std::string& p : {std::string("<c><body><svg></g>.</svg"),
                               std::string("<head><c><head><body><svg></g>.</svg>")}) {
    BOOST_TEST(text(p) == ".", p);
    GuardResult g = Prescan(p, 512, true);
    BOOST_TEST(text(g.modified ? g.html : p) == ".", p);
  }
  // Deep in svg, each unknown end tag costs one walk down the stack.
  std::string deep = "<svg>" + Repeat("<g>", 500) + Repeat("</x>", 200000) + "</svg>";
  auto start = std::chrono::steady_clock::now();
  Prescan(deep, 512, true);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(secs < pith::test::TimeLimit(1.0));
}

BOOST_AUTO_TEST_CASE(a_button_closes_an_open_one_only_in_scope) {
  // The <table> bounds the scope: the second <button> nests, the <pre>
  // stays open, and its spaces with it.
  GuardResult r = Prescan("<button><pre><table><button>  x", 512, true);
  BOOST_TEST((r.modified ? r.html : std::string("<button><pre><table><button>  x")) ==
             "<button><pre><table><button>  x");
  // Without a table, the first one closes, the <pre> inside it with it:
  // the spaces collapse.
  BOOST_TEST(Prescan("<button><pre>a<button>  x", 512, true).html == "<button><pre>a<button> x");
}

BOOST_AUTO_TEST_CASE(noscript_content_is_raw_text_as_with_scripting_on) {
  // A <noscript> left with an open <div> inside would take the whole page
  // in with it for Gumbo; browsers read its content as raw text.
  const std::string page =
      "<html><head><title>T</title></head><body><noscript><div id=nojs></noscript>"
      "<div><p>The article text.</p></div></body></html>";
  for (bool prune : {true, false}) {
    GuardResult r = Prescan(page, 512, prune);
    BOOST_TEST(r.html.find("<noscript></noscript><div><p>") != std::string::npos);
    auto dom = Dom::Parse(r.html);
    uint32_t noscript = kNoNode;
    for (uint32_t i = 0; i < dom->size(); ++i)
      if (dom->node(i).is_element() && dom->node(i).name == "noscript") noscript = i;
    BOOST_REQUIRE(noscript != kNoNode);
    BOOST_TEST(dom->node(noscript).end == noscript + 1);  // Empty: the article is outside.
  }
  // Unclosed: left to the parser.
  BOOST_TEST(!Prescan("<p>a<noscript><p>b", 512, true).modified);
}

namespace {
// Elision with made-up rules: <nav> is removed; class "share" is removed,
// "ad" only when small; "keep-me" is what a keep: rule selects; <h1> text
// and <time> are read; an itemprop holding "author" is read, text too.
struct ElisionTokens : ClassTokenFilter {
  bool Matters(std::string_view token) const override { return Classify(token) != 0; }
  uint8_t Classify(std::string_view token) const override {
    if (token == "share") return kMatters | kStrips;
    if (token == "ad") return kMatters | kStripsSmall;
    if (token == "keep-me") return kMatters | kSubject;
    return 0;
  }
};

struct Elision {
  ElisionTokens tokens;
  ElisionRules rules;
  KeptAttributes kept;
  Elision() {
    rules.tags.assign(GUMBO_TAG_LAST + 1, 0);
    rules.tags[GUMBO_TAG_NAV] = ElisionRules::kRemoves;
    rules.tags[GUMBO_TAG_H1] = ElisionRules::kReadInside | ElisionRules::kReadText;
    rules.tags[GUMBO_TAG_TIME] = ElisionRules::kReadInside;
    rules.tags[GUMBO_TAG_SPAN] = ElisionRules::kInline;
    rules.attributes.push_back(
        {"itemprop", "author", ElisionRules::kReadInside | ElisionRules::kReadText});
    rules.attributes.push_back({"role", "navigation", ElisionRules::kRemoves,
                                ElisionRules::AttributeTest::kEquals});
    rules.small_plain = 50;
    kept.names = {"class", "datetime", "href", "id", "itemprop", "role"};
    kept.class_tokens = &tokens;
    kept.stash_text = true;
    kept.elision = &rules;
  }
  GuardResult Scan(const std::string& page) const {
    return Prescan(page, 512, true, kDefaultMaxAttributes, &kept);
  }
  // The content of the first element named `open` (its start tag as in the
  // output) up to its end tag, as the output holds it.
  static std::string Content(const GuardResult& r, const std::string& open, const std::string& close) {
    size_t b = r.html.find(open);
    if (b == std::string::npos) return "(none)";
    b += open.size();
    return r.html.substr(b, r.html.find(close, b) - b);
  }
};

const std::string kLinks =
    "<ul><li><a href=/a>Home page</a></li><li><a href=/b>Archive of posts</a></li></ul>";
}  // namespace

BOOST_AUTO_TEST_CASE(elision_cuts_what_the_rules_remove_keeping_its_plain_text_count) {
  Elision e;
  // Link text does not count; the rest does, character references decoded
  // ("&amp;" is one byte, "&nbsp;" two, "&#8217;" three), spaces not.
  const std::string page = "<body><p>before</p><nav>" + kLinks +
                           "<p>Tom &amp; Jerry&nbsp;&#8217;s</p></nav><p>after</p></body>";
  GuardResult r = e.Scan(page);
  BOOST_REQUIRE(r.elided.size() == 1u);
  BOOST_TEST(r.stashed[r.elided[0]] == std::string(3 + 1 + 5 + 2 + 3 + 1, 'x'));
  const std::string marker = std::string(kStashMarker);
  BOOST_TEST(e.Content(r, "<nav>", "</nav>").rfind(marker, 0) == 0u);
  BOOST_TEST(e.Content(r, "<nav>", "</nav>").size() == marker.size() + kStashDigits);
  BOOST_TEST(r.html.find("<p>before</p>") != std::string::npos);
  BOOST_TEST(r.html.find("<p>after</p>") != std::string::npos);
  // Dom::Parse puts the count back as text inside the <nav>, and lists it.
  auto dom = Dom::Parse(r.html, &r.stashed, &r.elided);
  BOOST_REQUIRE(dom->elided().size() == 1u);
  const Node& t = dom->node(dom->elided()[0]);
  BOOST_TEST(t.text == std::string(15, 'x'));
  BOOST_TEST(dom->node(t.parent).name == "nav");
  // A class the rules strip, an attribute they strip on, likewise; a
  // small-only class, when its text is small.
  for (const std::string& open :
       {std::string("<div class=share>"), std::string("<div role=navigation>"),
        std::string("<div class=ad>")}) {
    GuardResult c = e.Scan("<p>x</p>" + open + kLinks + "</div><p>y</p>");
    BOOST_TEST(c.elided.size() == 1u, open);
  }
  BOOST_TEST(e.Scan("<div class=ad>" + kLinks + "<p>" + std::string(60, 'w') + "</p></div>")
                 .elided.empty());
  // Without elision rules, or pruning, nothing is elided.
  KeptAttributes plain = e.kept;
  plain.elision = nullptr;
  BOOST_TEST(Prescan(page, 512, true, kDefaultMaxAttributes, &plain).elided.empty());
  BOOST_TEST(Prescan(page, 512, false, kDefaultMaxAttributes, &e.kept).elided.empty());
}

BOOST_AUTO_TEST_CASE(elision_gives_up_where_the_cut_would_show_outside) {
  Elision e;
  auto elided = [&](const std::string& page) { return !e.Scan(page).elided.empty(); };
  BOOST_TEST(elided("<nav>" + kLinks + "</nav>"));
  // Too short to be worth it.
  BOOST_TEST(!elided("<nav><a href=/>Home</a></nav>"));
  // What a stage or rule reads: an <h1>, a <time>, an author's name, what a
  // keep: rule selects.
  BOOST_TEST(!elided("<nav>" + kLinks + "<h1>Title</h1></nav>"));
  BOOST_TEST(!elided("<nav>" + kLinks + "<time datetime=2020-01-01>Jan</time></nav>"));
  BOOST_TEST(!elided("<nav>" + kLinks + "<span itemprop=author>Ann</span></nav>"));
  BOOST_TEST(!elided("<nav>" + kLinks + "<div class=keep-me>x</div></nav>"));
  // Nor inside an element whose text is read.
  BOOST_TEST(!elided("<h1>Title <nav>" + kLinks + "</nav></h1>"));
  // Closed by something else than its end tag: an outer <p> closed inside.
  BOOST_TEST(!elided("<p><label class=share>" + kLinks + "</p></label>"));
  // Formatting elements acting outside: opened inside and left open, or
  // closed inside when opened outside; an <a> while one is open.
  BOOST_TEST(!elided("<nav>" + kLinks + "<b>bold</nav>after"));
  BOOST_TEST(!elided("<b><nav>" + kLinks + "</b></nav>after"));
  BOOST_TEST(!elided("<a href=/x><div class=share>" + kLinks + "</div></a>"));
  // Text it cannot count exactly: an unknown reference, a control character.
  BOOST_TEST(!elided("<nav>" + kLinks + "&foo; x</nav>"));
  BOOST_TEST(!elided("<nav>" + kLinks + "a\x01 x</nav>"));
  // A <form> opened and closed inside is fine; one left open, or the end of
  // a form opened outside, is not.
  BOOST_TEST(elided("<nav><form><input name=q></form>" + kLinks + "</nav>"));
  BOOST_TEST(!elided("<nav><form><input name=q>" + kLinks + "</nav>"));
  BOOST_TEST(!elided("<form><nav>" + kLinks + "</form></nav>"));
  // A <form> is never a candidate: Gumbo 0.10.1 puts the text right
  // before </form> after the form ("<form>a</form>").
  BOOST_TEST(!elided("<form class=share>" + kLinks + "</form>"));
  BOOST_TEST(elided("<div class=share>" + kLinks + "</div>"));
  // A <select> with its options only.
  BOOST_TEST(elided("<nav><select><option>One<option>Two</select>" + kLinks + "</nav>"));
  BOOST_TEST(!elided("<nav><select><option>One<div>x</div></select>" + kLinks + "</nav>"));
  // Running-text tags are never candidates by class; table text neither.
  BOOST_TEST(!elided("<p>a <span class=share>" + kLinks + "</span> b</p>"));
  BOOST_TEST(!elided("<table><nav>" + kLinks + "</nav><tr><td>x</td></tr></table>"));
  // A page holding a <frameset> after elided content must be scanned again.
  GuardResult f = e.Scan("<nav>" + kLinks + "</nav><frameset></frameset>");
  BOOST_TEST(f.elision_doubtful);
}

BOOST_AUTO_TEST_CASE(an_empty_end_tag_keeps_an_svg_whole) {
  // After "</>", Gumbo 0.10.1 loses the names of the svg tags that follow
  // until the next character: "</svg>" does not close the svg, and "i"
  // stays inside it. Cutting the svg's content would take the "</>" away.
  const std::string page = "<svg></></svg>i";
  GuardResult r = Prescan(page, 512, true);
  BOOST_TEST((r.modified ? r.html : page) == page);
  // Nor is a "</>" elided with the content of a removed element.
  Elision e;
  BOOST_TEST(e.Scan("<nav>" + kLinks + "</></nav>").elided.empty());
}

BOOST_AUTO_TEST_CASE(an_html_end_tag_in_foreign_content_needs_its_element_in_scope) {
  // No MathML element is a header: the end tag is read as HTML, and the
  // table bounds its scope. The <pre> stays open, and its spaces with it.
  const std::string page = "<header><table><pre><math></header><h1>  x";
  GuardResult r = Prescan(page, 512, true);
  BOOST_TEST((r.modified ? r.html : page) == page);
  // Without the table, the header closes, the <pre> with it.
  BOOST_TEST(Prescan("<header><pre><math></header><h1>  x", 512, true).html ==
             "<header><pre><math></header><h1> x");
}

BOOST_AUTO_TEST_CASE(the_adoption_agency_takes_the_formatting_element_off_the_stack) {
  // The second <a> runs the adoption agency on the first: the <h2> opened
  // inside it stays open and the <a> leaves the stack. After </h2>, the
  // <h3> is the current node, and the next <h2> closes it; so the last
  // </h2> finds no heading in scope and leaves the <pre> open, and its
  // spaces with it.
  const std::string page = "<h3><a><h2><a></h2><h2></h2><pre></h2>  l";
  GuardResult r = Prescan(page, 512, true);
  BOOST_TEST((r.modified ? r.html : page) == page);
  // The same with a formatting end tag: "</b>" leaves the <p> current, and
  // the <b> and <i> off the stack; the <h4> then closes only the <h5>.
  const std::string end_tag = "<h4><b><p><i>x</b><h5></h5><pre></h4>  l";
  r = Prescan(end_tag, 512, true);
  BOOST_TEST((r.modified ? r.html : end_tag) == end_tag);
  // Still, the </h3> after "</b>" closes the <pre> with the <h3>: the
  // spaces after it collapse.
  BOOST_TEST(Prescan("<h3><b><pre>x</b></h3>  l", 512, true).html == "<h3><b><pre>x</b></h3> l");
}

BOOST_AUTO_TEST_CASE(a_tag_dropped_after_its_values_were_stashed_takes_them_back) {
  // The depth cap drops the inner <div> after its class value was stashed:
  // the placeholder goes with the tag, and so does its run; the text's
  // placeholder after it is the next one.
  KeptAttributes kept;
  kept.stash_text = true;
  kept.names = {"class"};
  const std::string page =
      "<div><div class='a class value long enough'>A run of text long enough to stash</div></div>";
  GuardResult r = Prescan(page, 1, true, kDefaultMaxAttributes, &kept);
  BOOST_TEST(r.dropped_tags > 0u);
  BOOST_REQUIRE(r.stashed.size() == 1u);
  BOOST_TEST(r.stashed[0] == "A run of text long enough to stash");
  BOOST_TEST(r.html == "<div>\xF4\x8F\xBF\xBD" "0000</div>");
}

BOOST_AUTO_TEST_CASE(an_html_end_tag_never_closes_the_svg_integration_point_of_its_name) {
  // The svg <title> is no HTML <title>: "</title>" from the HTML <m> inside
  // it stops there, and so does "</svg>". The "l" stays in the svg, where
  // no text is read; the scan must not cut the svg's content as closed.
  const std::string page = "<svg><title><m></title></svg>l";
  GuardResult r = Prescan(page, 512, true);
  auto pruned = Dom::Parse(r.modified ? std::string_view(r.html) : std::string_view(page));
  auto whole = Dom::Parse(page);
  BOOST_TEST(pruned->TextOf(pruned->body()) == whole->TextOf(whole->body()));
  BOOST_TEST(whole->TextOf(whole->body()).empty());
  // From the svg <title> itself, "</title>" closes it (the rules of foreign
  // content): the svg closes and its content is cut.
  BOOST_TEST(Prescan("<svg><title>x</title></svg>y", 512, true).html == "<svg></svg>y");
}

BOOST_AUTO_TEST_CASE(an_attribute_right_after_a_slash_is_never_cut) {
  // "<a/3>" is not self-closing, "<a/>" is (in svg content, that closes
  // the element): the attribute stays, whatever the scan thinks of where
  // it stands. One after a space and a '/' too; "/>" at the end stays as it
  // was.
  KeptAttributes kept;
  kept.names = {"class"};
  BOOST_TEST(Pruned("<a/3>x</a><b/ data-x=1>y</b>", kept) == "<a/3>x</a><b/ data-x=1>y</b>");
  BOOST_TEST(Pruned("<p data-x=1 />z", kept) == "<p />z");
}

BOOST_AUTO_TEST_CASE(a_numeric_reference_gumbo_decodes_badly_comes_out_as_u_fffd) {
  // Gumbo 0.10.1 turns "&#8560582644;" (past 2^31) into a stray byte; the
  // Dom repairs it, in text and in attribute values.
  auto dom = Dom::Parse("<p title='a&#8560582644;b'>c&#8560582644;d</p>");
  uint32_t p = dom->body() + 1;
  BOOST_REQUIRE(dom->node(p).is_element());
  BOOST_TEST(dom->TextOf(p) == "c\xEF\xBF\xBD" "d");
  BOOST_REQUIRE(dom->Attr(p, "title") != nullptr);
  BOOST_TEST(*dom->Attr(p, "title") == "a\xEF\xBF\xBD" "b");
}
