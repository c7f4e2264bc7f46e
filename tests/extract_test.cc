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
