// Extraction signals on small hand-written pages, through the whole pipeline
// with the bundled generic rules (no site rule matches these pages).
#define BOOST_TEST_MODULE extract
#include <boost/test/unit_test.hpp>

#include "support.h"

using namespace pith;
using test::Contains;

namespace {

std::string Para(const std::string& words, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += words + ", and so the story goes on. ";
  return out;
}

std::string Page(const std::string& body) {
  return "<html><head><title>T</title></head><body>" + body + "</body></html>";
}

std::string LinkList(const std::string& word, int n) {
  std::string out = "<div class=box><ul>";
  for (int i = 0; i < n; ++i)
    out += "<li><a href=/x" + std::to_string(i) + ">" + word + " headline number " +
           std::to_string(i) + "</a></li>";
  return out + "</ul></div>";
}

}  // namespace

BOOST_AUTO_TEST_CASE(article_split_over_sibling_sections_comes_out_whole) {
  std::string html = Page(
      "<div id=wrap><div class=top>" + LinkList("Top", 8) + "</div>"
      "<div class=part><p>" + Para("First section alpha", 4) + "</p><p>" + Para("alpha two", 3) + "</p></div>"
      "<div class=part><p>" + Para("Second section beta", 4) + "</p><p>" + Para("beta two", 3) + "</p></div>"
      "<div class=part><p>" + Para("Third section gamma", 4) + "</p><p>" + Para("gamma two", 3) + "</p></div>"
      "</div>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "First section alpha"));
  BOOST_TEST(Contains(out, "Second section beta"));
  BOOST_TEST(Contains(out, "Third section gamma"));
  BOOST_TEST(!Contains(out, "Top headline"));
}

BOOST_AUTO_TEST_CASE(comment_section_is_left_out) {
  std::string html = Page(
      "<article><h1>Story</h1><p>" + Para("The article body", 5) + "</p><p>" +
      Para("More body text", 4) + "</p></article>"
      "<section id=comments><h3>3 Comments</h3>"
      "<div class=comment><p>" + Para("Reader one thinks", 3) + "</p></div>"
      "<div class=comment><p>" + Para("Reader two disagrees", 3) + "</p></div></section>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "The article body"));
  BOOST_TEST(!Contains(out, "Reader one"));
  BOOST_TEST(!Contains(out, "3 Comments"));
}

BOOST_AUTO_TEST_CASE(link_heavy_sidebar_is_left_out) {
  // No semantic markup and no telling class names: only density tells.
  std::string html = Page(
      "<div id=a>" + LinkList("Sidebar", 30) + "</div>"
      "<div id=b><p>" + Para("Real content here", 5) + "</p><p>" + Para("and more of it", 4) +
      "</p>" + LinkList("Inline related", 4) + "</div>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "Real content here"));
  BOOST_TEST(!Contains(out, "Sidebar headline"));
  BOOST_TEST(!Contains(out, "Inline related headline"));
}

BOOST_AUTO_TEST_CASE(text_in_br_separated_lines_is_found_and_split) {
  std::string html = Page(
      "<table><tr><td>" + LinkList("Menu", 10) + "</td><td><font>" + Para("Old page first", 3) +
      "<br><br>" + Para("Old page second", 3) + "<br><br>Short line one<br>Short line two"
      "</font></td></tr></table>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "Old page first"));
  BOOST_TEST(Contains(out, "\n\nOld page second"));
  BOOST_TEST(Contains(out, "Short line one\nShort line two"));
  BOOST_TEST(!Contains(out, "Menu headline"));
}

BOOST_AUTO_TEST_CASE(table_heavy_article_keeps_its_tables) {
  std::string rows;
  for (int i = 0; i < 12; ++i)
    rows += "<tr><td>Row " + std::to_string(i) + "</td><td>" + std::to_string(i * 7) +
            "</td><td>note " + std::to_string(i) + "</td></tr>";
  std::string html = Page(
      "<nav>" + LinkList("Nav", 6) + "</nav><div class=content><h1>Results</h1><p>" +
      Para("The table below lists results", 2) + "</p><table><tr><th>Name</th><th>Score</th>"
      "<th>Note</th></tr>" + rows + "</table><p>" + Para("After the table", 2) + "</p></div>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "Name | Score | Note\nRow 0 | 0 | note 0"));
  BOOST_TEST(Contains(out, "Row 11 | 77 | note 11"));
  BOOST_TEST(Contains(out, "After the table"));
  BOOST_TEST(!Contains(out, "Nav headline"));
}

BOOST_AUTO_TEST_CASE(article_that_is_a_table_keeps_its_caption_and_header_row) {
  std::string rows;
  for (int i = 0; i < 8; ++i)
    rows += "<tr><td>Film " + std::to_string(i) + "</td><td>19" + std::to_string(50 + i) +
            "</td><td>" + Para("A man lives the same day again", 1) + "</td></tr>";
  std::string html = Page("<nav>" + LinkList("Nav", 6) +
                          "</nav><table><caption>Films with time loops</caption><thead><tr>"
                          "<th>Film</th><th>Year</th><th>Description</th></tr></thead><tbody>" +
                          rows + "</tbody></table>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "Films with time loops"));
  BOOST_TEST(Contains(out, "Film | Year | Description\nFilm 0 | 1950 | A man lives"));
  BOOST_TEST(Contains(out, "Film 7 | 1957"));
  BOOST_TEST(!Contains(out, "Nav headline"));
}

BOOST_AUTO_TEST_CASE(boilerplate_class_on_a_link_inside_a_sentence_keeps_its_words) {
  std::string html = Page(
      "<article><p>" + Para("The story begins", 2) +
      "</p><p>I am a <a class=popup href=#>rather elderly</a> man, and the <span "
      "class=tooltip-share>nature</span> of my work is quiet.</p><p>" +
      Para("The story ends", 2) + "</p><div class=popup>Sign in to continue</div><p>Tags: "
      "<span class=share>Share</span></p></article>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "I am a rather elderly man, and the nature of my work is quiet."));
  // A script, a style or a comment beside it does not separate it from the
  // sentence, nor the text on both sides of one from each other (with
  // pruning, the prescan cuts them and Gumbo joins that text).
  for (const auto& [before, after] :
       {std::pair<std::string, std::string>{" <script>track()</script>", "<style>.a{}</style> "},
        {"<!-- c -->\n", "\n<script></script>"}}) {
    std::string scripted = html;
    scripted.replace(scripted.find(" <a class=popup"), 1, before);
    scripted.replace(scripted.find(" man, and"), 1, after);
    for (bool prune : {true, false}) {
      Options options;
      options.prune = prune;
      BOOST_TEST(Contains(test::CleanText(scripted, options),
                          "I am a rather elderly man, and the nature of my work is quiet."),
                 before);
    }
  }
  // Chrome in its own block, or next to no running text, still goes.
  BOOST_TEST(!Contains(out, "Sign in to continue"));
  BOOST_TEST(!Contains(out, "Share"));
}

BOOST_AUTO_TEST_CASE(permalink_anchors_beside_headings_are_left_out) {
  std::string html = Page("<div class=body><h2>Setting up<a class=headerlink href=#s>¶</a></h2><p>" +
                          Para("First you install it", 3) + "</p><h2>Using it<a class=headerlink "
                          "href=#u>¶</a></h2><p>" + Para("Then you run it", 3) + "</p></div>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "Using it\n\nThen you run it"));
  BOOST_TEST(!Contains(out, "¶"));
}

BOOST_AUTO_TEST_CASE(layout_wrapper_with_boilerplate_class_is_not_stripped) {
  // The whole page sits in an element whose class says "sidebar": generic
  // class rules must not remove the article with it.
  std::string html = Page("<div class='layout has-sidebar'><h1>Head</h1><p>" +
                          Para("The only article", 6) + "</p></div>");
  BOOST_TEST(Contains(test::CleanText(html), "The only article"));
  // Nor may an ASP.NET-style <form> wrapping the page.
  std::string form = Page("<form id=aspnetForm><h1>Head</h1><p>" + Para("Inside the form", 6) +
                          "</p></form>");
  BOOST_TEST(Contains(test::CleanText(form), "Inside the form"));
}

BOOST_AUTO_TEST_CASE(teaser_cards_inside_the_container_are_left_out) {
  // "More stories" cards (a linked headline and a short summary each) share
  // the article's wrapper: their summaries are prose, but not the article.
  std::string cards;
  for (int i = 0; i < 3; ++i)
    cards += "<div class=card><h2><a href=/s" + std::to_string(i) + ">Other story " +
             std::to_string(i) + "</a></h2><p>" + Para("Teaser summary text", 6) + "</p></div>";
  std::string html = Page("<div id=wrap><div class=body><p>" + Para("The article body", 20) +
                          "</p><p>" + Para("More body text", 20) + "</p></div><div class=more>" +
                          cards + "</div></div>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "The article body"));
  BOOST_TEST(!Contains(out, "Teaser summary text"));
  BOOST_TEST(!Contains(out, "Other story"));
}

BOOST_AUTO_TEST_CASE(lead_between_headline_and_body_joins_the_article) {
  // The standfirst sits in the article header, apart from the body, with
  // link-heavy chrome in between.
  std::string html = Page(
      "<div class=head><h1>The headline</h1><p class=standfirst>The standfirst sums the story "
      "up in one sentence, before the body starts.</p>" + LinkList("Share", 6) + "</div>"
      "<div class=main>" + LinkList("Section", 8) + "<div class=body><p>" +
      Para("The article body", 6) + "</p><p>" + Para("More body text", 5) + "</p></div></div>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "The standfirst sums the story up"));
  BOOST_TEST(Contains(out, "The article body"));
  BOOST_TEST(!Contains(out, "Section headline"));
  // A "lead" longer than the article is a list of teasers, not a lead.
  std::string teasers;
  for (int i = 0; i < 6; ++i)
    teasers += "<div class=t><p>Teaser " + std::to_string(i) +
               " sums up another story in one sentence.</p>" + LinkList("Tag", 3) + "</div>";
  std::string index = Page("<h1>News index</h1>" + teasers + "<div class=x><p>" +
                           Para("Short box", 2) + "</p></div>");
  BOOST_TEST(!Contains(test::CleanText(index), "Teaser 0"));
}

BOOST_AUTO_TEST_CASE(prose_appended_after_the_article_in_its_wrapper_is_left_out) {
  // The wrapper holds the body and, after it, a short bio and a disclaimer
  // (over 250 bytes, under a tenth of the prose): the body alone is taken.
  std::string html = Page(
      "<div id=wrap><div class=body><p>" + Para("The article body", 30) + "</p><p>" +
      Para("More body text", 30) + "</p><p>" + Para("Final body part", 30) + "</p></div>"
      "<p>" + Para("The author writes about things", 3) + "</p><p>" +
      Para("Opinions are the author's own", 3) + "</p></div>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "Final body part"));
  BOOST_TEST(!Contains(out, "The author writes"));
  BOOST_TEST(!Contains(out, "Opinions are"));
  // The same prose before the body is its opening, and stays.
  std::string opening = Page(
      "<div id=wrap><p>" + Para("The opening lines", 3) + "</p><p>" + Para("Second opening", 3) +
      "</p><div class=body><p>" + Para("The article body", 30) + "</p><p>" +
      Para("More body text", 30) + "</p><p>" + Para("Final body part", 30) + "</p></div></div>");
  std::string out2 = test::CleanText(opening);
  BOOST_TEST(Contains(out2, "The opening lines"));
  BOOST_TEST(Contains(out2, "Second opening"));
}

BOOST_AUTO_TEST_CASE(class_vocabulary_for_components_credits_and_glued_names) {
  // "cmp-" prefixes every component of some CMSs: long prose under it stays.
  std::string cmp = Page("<div class=cmp-container><div class=cmp-text><p>" +
                         Para("Component prose", 10) + "</p></div><div class=cmp-text><p>" +
                         Para("Second component", 10) + "</p></div><div class=cmp-text><p>" +
                         Para("Third component", 10) + "</p></div></div>");
  std::string cmp_out = test::CleanText(cmp);
  BOOST_TEST(Contains(cmp_out, "Component prose"));
  BOOST_TEST(Contains(cmp_out, "Third component"));
  // A photo credit and glued chrome names ("footerWrap", "relatedPosts") go.
  std::string html = Page(
      "<article><p>" + Para("The article body", 6) + "</p><div class=photo-credit>Picture "
      "Agency / Jane Doe</div><div class=relatedPosts><p>" + Para("Related teaser", 1) +
      "</p></div></article><div class=b_footerWrap><p>" + Para("Footer address", 1) +
      "</p></div>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "The article body"));
  BOOST_TEST(!Contains(out, "Jane Doe"));
  BOOST_TEST(!Contains(out, "Related teaser"));
  BOOST_TEST(!Contains(out, "Footer address"));
}

BOOST_AUTO_TEST_CASE(ruby_annotations_are_left_out) {
  std::string html = Page("<p><ruby>漢<rp>(</rp><rt>かん</rt><rp>)</rp>字<rt>じ</rt></ruby>の" +
                          std::string("読み方を説明する文章です。") + Para("Text", 3) + "</p>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "漢字の読み方"));
  BOOST_TEST(!Contains(out, "かん"));
}

BOOST_AUTO_TEST_CASE(class_vocabulary_for_boxes_appended_to_an_article) {
  // Boxes that pages append to an article, named by their classes: comments
  // in other languages, a contact box, an <address>, an author box, a
  // rating widget, a licence line, post metadata, and a sidebar long
  // enough to pass for prose.
  std::string html = Page(
      "<article><p>" + Para("The article body", 6) + "</p><p>" + Para("More body text", 6) +
      "</p><div class=kommentare><p>" + Para("Leserin meint", 2) + "</p></div>"
      "<div class=press-contact><p>Press office: Jane Roe, phone 555 0100</p></div>"
      "<address>Written by Jane Roe, jane@example.com</address>"
      "<div class=authorbox><p>" + Para("Jane Roe writes about towns", 1) + "</p></div>"
      "<div class=post-ratings>Rated 4.5 of 5 by 12 readers</div>"
      "<div class=licenceInfo><p>Reprint only with the publisher's consent.</p></div>"
      "<p class=postmetadata>This entry was filed under Towns by Jane Roe.</p>"
      "</article>");
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "The article body"));
  BOOST_TEST(Contains(out, "More body text"));
  BOOST_TEST(!Contains(out, "Leserin meint"));
  BOOST_TEST(!Contains(out, "Press office"));
  BOOST_TEST(!Contains(out, "jane@example.com"));
  BOOST_TEST(!Contains(out, "writes about towns"));
  BOOST_TEST(!Contains(out, "Rated 4.5"));
  BOOST_TEST(!Contains(out, "Reprint only"));
  BOOST_TEST(!Contains(out, "This entry was filed"));
  // A sidebar between two parts of the article, long enough to pass for
  // prose, is still a sidebar.
  std::string side = Page("<article><p>" + Para("The article body", 6) +
                          "</p><div class=sidebar><p>" + Para("Sidebar prose about other things", 8) +
                          "</p></div><p>" + Para("More body text", 6) + "</p></article>");
  std::string side_out = test::CleanText(side);
  BOOST_TEST(Contains(side_out, "More body text"));
  BOOST_TEST(!Contains(side_out, "Sidebar prose"));
}

BOOST_AUTO_TEST_CASE(long_linked_paragraph_of_sentences_is_prose) {
  // A paragraph in the article that is mostly link text but reads as
  // sentences (a reply naming people through links) stays; a short linked
  // "read also" line in the same article goes.
  std::string html = Page(
      "<article><p>" + Para("The article body opens here", 6) + "</p>"
      "<p>The reply, from <a href=/a>all the people who had written about the case in the last "
      "weeks</a>, came fast, <a href=/b>and it was not kind to the author of the first post</a>.</p>"
      "<p><a href=/c>Read also the other story about the same case</a></p>"
      "<p>" + Para("The article body closes here", 6) + "</p></article>" + LinkList("Nav", 8));
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "The reply, from all the people"));
  BOOST_TEST(!Contains(out, "Read also the other story"));
  BOOST_TEST(Contains(out, "The article body closes here"));
}

BOOST_AUTO_TEST_CASE(sentence_trailing_off_in_an_ellipsis_is_prose) {
  // A short post whose one sentence ends in "…" (U+2026) and no other mark
  // outweighs the date line above it.
  std::string html = Page(
      "<div id=post><h2><a href=/p>A title</a></h2>"
      "<p>Posted on 14 June 2013 at 20:51 in (<a href=/c>Misc</a>)</p>"
      "<p>I know that I am tired and should not say this at all\xE2\x80\xA6</p></div>" +
      LinkList("Nav", 3));
  std::string out = test::CleanText(html);
  BOOST_TEST(Contains(out, "I know that I am tired"));
  BOOST_TEST(!Contains(out, "Posted on 14 June"));
}
