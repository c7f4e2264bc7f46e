#define BOOST_TEST_MODULE blocks
#include <boost/test/unit_test.hpp>

#include "blocks/blocks.h"
#include "parse/dom.h"

using namespace pith;

namespace {

// Blocks of the whole <body>, rendered as "kind:text" joined by " || ".
std::string Blocks(const std::string& html) {
  auto dom = parse::Dom::Parse(html);
  std::vector<uint8_t> removed(dom->size(), 0);
  auto blocks = blocks::Build(*dom, removed, {dom->body()});
  std::string out;
  for (const Block& b : blocks) {
    if (!out.empty()) out += " || ";
    switch (b.kind) {
      case Block::Kind::kHeading: out += "h" + std::to_string(b.level); break;
      case Block::Kind::kParagraph: out += "p"; break;
      case Block::Kind::kList: out += "list"; break;
      case Block::Kind::kTable: out += "table"; break;
      case Block::Kind::kQuote: out += "quote"; break;
      case Block::Kind::kPre: out += "pre"; break;
      case Block::Kind::kCaption: out += "caption"; break;
    }
    out += ":" + b.text;
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(inline_elements_join_without_losing_or_doubling_spaces) {
  BOOST_TEST(Blocks("<p>a <b>bold</b> <i>it</i>al<a href=x>link</a>.  \n  end </p>") ==
             "p:a bold itallink. end");
  BOOST_TEST(Blocks("<p><span>no</span><span>space</span> <em> padded </em> x</p>") ==
             "p:nospace padded x");
}

BOOST_AUTO_TEST_CASE(no_break_spaces_at_block_ends_are_trimmed_and_blank_blocks_dropped) {
  BOOST_TEST(Blocks("<p>&nbsp;</p><p>&nbsp; text&nbsp;a&nbsp;</p><p> &nbsp; </p>") ==
             "p:text\u00A0a");
}

BOOST_AUTO_TEST_CASE(block_elements_split_paragraphs_and_headings_keep_level) {
  BOOST_TEST(Blocks("<h2>Title  two</h2><div>first<div>nested</div>tail</div><p>p</p>") ==
             "h2:Title two || p:first || p:nested || p:tail || p:p");
}

BOOST_AUTO_TEST_CASE(br_breaks_lines_and_double_br_breaks_paragraphs) {
  BOOST_TEST(Blocks("<td>one<br>two<br> <br>three<br><br><br>four</td>") ==
             "p:one\ntwo || p:three || p:four");
  BOOST_TEST(Blocks("<p>roses are red,<br>\n  violets blue<br></p>") ==
             "p:roses are red,\nviolets blue");
}

BOOST_AUTO_TEST_CASE(lists_are_one_block_with_prefixed_and_indented_lines) {
  BOOST_TEST(Blocks("<p>Steps:</p><ol><li>one<li>two <b>bold</b><ul><li>sub a<li>sub b</ul>"
                    "<li><p>three</p></ol>") ==
             "p:Steps: || list:1. one\n2. two bold\n  - sub a\n  - sub b\n3. three");
}

BOOST_AUTO_TEST_CASE(soft_hyphens_and_zero_width_spaces_are_dropped) {
  BOOST_TEST(Blocks("<p>Mit&shy;tel&shy;al&shy;ter und Zero\u200Bwidth\uFEFF.</p>") ==
             "p:Mittelalter und Zerowidth.");
  // <pre> keeps its text as it is.
  BOOST_TEST(Blocks("<pre>a&shy;b</pre>") == "pre:a\u00ADb");
}

BOOST_AUTO_TEST_CASE(plain_text_blocks_drop_invisible_characters_too) {
  // A JSON-LD articleBody, read as plain text, reads like the same words in
  // the markup.
  auto blocks = blocks::FromPlainText("Mit\u00ADtel\u00ADal\u00ADter\u200B ist\n\uFEFF\n lang ");
  BOOST_TEST_REQUIRE(blocks.size() == 2u);
  BOOST_TEST(blocks[0].text == "Mittelalter ist");
  BOOST_TEST(blocks[1].text == "lang");
}

BOOST_AUTO_TEST_CASE(data_tables_are_rows_of_cells) {
  BOOST_TEST(Blocks("<table><caption>Prices</caption><tr><th>Item<th>Price"
                    "<tr><td>Tea<td>2 €<tr><td>Coffee<td>3 €</table>") ==
             "caption:Prices || table:Item | Price\nTea | 2 €\nCoffee | 3 €");
  // A paragraph in one cell does not make a captioned table layout: the
  // rows stay rows (and a bare year stays in its row).
  BOOST_TEST(Blocks("<table><caption>Films</caption><thead><tr><th>Film<th>Year</thead>"
                    "<tr><td>Repeat<td>1947<tr><td><p>Groundhog Day</p><td>1993</table>") ==
             "caption:Films || table:Film | Year\nRepeat | 1947\nGroundhog Day | 1993");
}

BOOST_AUTO_TEST_CASE(layout_tables_are_read_as_containers) {
  std::string long_text(500, 'x');
  BOOST_TEST(Blocks("<table><tr><td><p>para one</p><p>para two</p></td><td>menu</td></tr></table>") ==
             "p:para one || p:para two || p:menu");
  BOOST_TEST(Blocks("<table role=presentation><tr><td>a<td>b<tr><td>c<td>d</table>") ==
             "p:a || p:b || p:c || p:d");
  BOOST_TEST(Blocks("<table><tr><td>" + long_text + "<td>b</table>") ==
             "p:" + long_text + " || p:b");
}

BOOST_AUTO_TEST_CASE(quotes_pre_and_captions_keep_their_kind) {
  BOOST_TEST(Blocks("<blockquote><p>quoted</p></blockquote><pre>  code\n    indented\n</pre>"
                    "<figure><img src=x><figcaption>cap</figcaption></figure>") ==
             "quote:quoted || pre:  code\n    indented || caption:cap");
}

BOOST_AUTO_TEST_CASE(removed_subtrees_and_scripts_are_skipped) {
  auto dom = parse::Dom::Parse("<div><p>keep</p><p id=x>drop</p><script>var a;</script></div>");
  std::vector<uint8_t> removed(dom->size(), 0);
  for (uint32_t i = 0; i < dom->size(); ++i)
    if (dom->node(i).is_element() && dom->Attr(i, "id")) {
      for (uint32_t k = i; k < dom->node(i).end; ++k) removed[k] = 1;
    }
  auto blocks = blocks::Build(*dom, removed, {dom->body()});
  BOOST_REQUIRE(blocks.size() == 1u);
  BOOST_TEST(blocks[0].text == "keep");
}
