// The metadata stage on small hand-written pages: each source alone, the
// order of trust between them, JSON-LD shapes (@graph, arrays, references),
// malformed and hostile JSON-LD, date normalization and site-name stripping.
#define BOOST_TEST_MODULE metadata
#include "metadata/metadata.h"

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <chrono>
#include <memory>
#include <string>

#include "parse/dom.h"
#include "parse/guard.h"
#include "support.h"

using namespace pith;
using metadata::Metadata;
using metadata::NormalizeDate;
using metadata::StripSiteName;

namespace {


// Parses `html` as pith::Clean does (prescan with pruning, dropping the
// <meta> and <link> elements this stage does not read, then Gumbo) and
// extracts its metadata; `article_id` names the article root's id, if any.
Metadata Read(const std::string& html, const std::string& article_id = "") {
  parse::KeptAttributes kept;
  kept.names = {"charset", "class",    "content",   "datetime", "href", "http-equiv",
                "id",      "itemprop", "itemscope", "itemtype", "lang", "name",
                "property", "rel",     "type"};
  kept.reads_meta_key = &metadata::ReadsMetaKey;
  parse::GuardResult guarded = parse::Prescan(html, 512, true, parse::kDefaultMaxAttributes, &kept);
  std::unique_ptr<parse::Dom> dom =
      parse::Dom::Parse(guarded.modified ? std::string_view(guarded.html) : html);
  uint32_t root = parse::kNoNode;
  for (uint32_t i = 0; i < dom->size() && !article_id.empty(); ++i) {
    const std::string_view* id = dom->node(i).is_element() ? dom->Attr(i, "id") : nullptr;
    if (id && *id == article_id) {
      root = i;
      break;
    }
  }
  return metadata::Extract(*dom, root);
}

std::string Page(const std::string& head, const std::string& body = "<p>Text.</p>") {
  return "<!doctype html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

std::string LdJson(const std::string& json) {
  return "<script type=\"application/ld+json\">" + json + "</script>";
}

std::string Meta(const std::string& attr, const std::string& key, const std::string& content) {
  return "<meta " + attr + "=\"" + key + "\" content=\"" + content + "\">";
}

}  // namespace

// ---------------------------------------------------------------------------
// JSON-LD.

BOOST_AUTO_TEST_CASE(json_ld_article_gives_every_field) {
  Metadata m = Read(Page(LdJson(R"({
    "@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "Rivers rise in the north",
    "author": {"@type": "Person", "name": "Ada Lovelace"},
    "publisher": {"@type": "Organization", "name": "The Daily Example"},
    "datePublished": "2017-03-09T23:16:02+00:00", "dateModified": "2017-03-10",
    "description": "Floods  expected.", "inLanguage": "en-GB",
    "url": "https://example.com/rivers"})")));
  BOOST_TEST(m.title == "Rivers rise in the north");
  BOOST_TEST(m.author == "Ada Lovelace");
  BOOST_TEST(m.sitename == "The Daily Example");
  BOOST_TEST(m.date_published == "2017-03-09T23:16:02+00:00");
  BOOST_TEST(m.date_modified == "2017-03-10");
  BOOST_TEST(m.description == "Floods expected.");
  BOOST_TEST(m.lang == "en-GB");
  BOOST_TEST(m.url == "https://example.com/rivers");
}

BOOST_AUTO_TEST_CASE(json_ld_graph_with_references) {
  // Yoast-style: the Article refers to its author and publisher by @id.
  Metadata m = Read(Page(LdJson(R"({"@context": "https://schema.org", "@graph": [
    {"@type": "WebSite", "@id": "https://ex.org/#website", "name": "Example Blog"},
    {"@type": "WebPage", "@id": "https://ex.org/p/#webpage", "name": "Graph post - Example Blog"},
    {"@type": ["Article"], "headline": "Graph post",
     "author": {"@id": "https://ex.org/#/person/1"},
     "publisher": {"@id": "https://ex.org/#org"},
     "datePublished": "2020-01-02T03:04:05Z"},
    {"@type": "Person", "@id": "https://ex.org/#/person/1", "name": "Grace Hopper"},
    {"@type": "Organization", "@id": "https://ex.org/#org", "name": "Example Org"}]})")));
  BOOST_TEST(m.title == "Graph post");
  BOOST_TEST(m.author == "Grace Hopper");
  BOOST_TEST(m.sitename == "Example Org");
  BOOST_TEST(m.date_published == "2020-01-02T03:04:05+00:00");
}

BOOST_AUTO_TEST_CASE(json_ld_top_level_array_and_author_forms) {
  Metadata m = Read(Page(LdJson(R"([
    {"@type": "BreadcrumbList", "name": "Home"},
    {"@type": "http://schema.org/BlogPosting", "name": "Named post",
     "author": ["Alan Turing", {"name": "Kurt Gödel"}, {"@type": "Person"}, "Alan Turing"]}])")));
  BOOST_TEST(m.title == "Named post");
  BOOST_TEST(m.author == "Alan Turing, Kurt Gödel");

  m = Read(Page(LdJson(R"({"@type": "Report", "headline": "R", "author": "Emmy Noether"})")));
  BOOST_TEST(m.author == "Emmy Noether");
}

BOOST_AUTO_TEST_CASE(json_ld_article_preferred_over_webpage) {
  std::string webpage = R"({"@type": "WebPage", "name": "Page name"})";
  std::string article = R"({"@type": "ScholarlyArticle", "headline": "Paper title"})";
  BOOST_TEST(Read(Page(LdJson(webpage) + LdJson(article))).title == "Paper title");
  // WebPage as the last resort.
  BOOST_TEST(Read(Page(LdJson(webpage))).title == "Page name");
  // Other types are not articles.
  BOOST_TEST(
      Read(Page(LdJson(R"({"@type": "Recipe", "name": "Soup"})") + "<title>Real title</title>"))
          .title == "Real title");
}

BOOST_AUTO_TEST_CASE(json_ld_headline_or_name_closest_to_title_tag) {
  // Wikipedia's JSON-LD headline describes the subject; its name is the title.
  Metadata m = Read(Page("<title>Hermitian matrix - Wikipedia</title>" + LdJson(R"({
    "@type": "Article", "name": "Hermitian matrix",
    "headline": "matrix equal to its conjugate-transpose"})")));
  BOOST_TEST(m.title == "Hermitian matrix");
  // A site that names its articles after itself.
  m = Read(Page("<title>West Ham threaten the giants - Aktualne.cz</title>" + LdJson(R"({
    "@type": "NewsArticle", "name": "Aktualne.cz", "headline": "West Ham threaten the giants",
    "publisher": {"name": "Aktualne.cz"}})")));
  BOOST_TEST(m.title == "West Ham threaten the giants");
  // Without a <title>, the headline.
  m = Read(Page(LdJson(R"({"@type": "Article", "name": "Name", "headline": "Headline"})")));
  BOOST_TEST(m.title == "Headline");
}

BOOST_AUTO_TEST_CASE(json_ld_entities_cdata_and_spaces) {
  Metadata m =
      Read(Page("<script type=\"application/ld+json\">\n<![CDATA[\n"
                R"({"@type": "Article", "headline": "Fish &amp; chips&#8230;\u00a0now\n ready"})"
                "\n]]>\n</script>"));
  BOOST_TEST(m.title == "Fish & chips\xE2\x80\xA6 now ready");
}

BOOST_AUTO_TEST_CASE(json_ld_survives_pruning) {
  // Prescan empties every other <script>, but keeps JSON-LD.
  std::string html = Page("<script>var headline = 'no';</script>" +
                          LdJson(R"({"@type": "Article", "headline": "Kept"})"));
  BOOST_TEST(parse::Prescan(html, 512, true).modified);
  BOOST_TEST(Read(html).title == "Kept");
}

BOOST_AUTO_TEST_CASE(malformed_json_ld_is_ignored) {
  std::string og = Meta("property", "og:title", "From Open Graph");
  for (const char* bad : {R"({"@type": "Article", "headline": "Broken",})",
                          R"({"@type": "Article", "headline": "Unclosed)", "", "null",
                          R"("just a string")", "[1, 2, 3]", "{]"}) {
    Metadata m = Read(Page(LdJson(bad) + og));
    BOOST_TEST(m.title == "From Open Graph", "JSON-LD: " << bad);
  }
}

BOOST_AUTO_TEST_CASE(json_ld_with_unexpected_types_does_not_throw) {
  Metadata m = Read(Page(LdJson(R"([
    {"@type": 5, "headline": "No type"},
    {"@type": ["Thing", 7, {"x": 1}, "NewsArticle"], "headline": ["a", "b"], "name": 3,
     "author": 7, "publisher": [], "datePublished": {"x": 1}, "inLanguage": null,
     "@graph": "not an array", "mainEntity": 1}])") +
                         "<title>Fallback title</title>"));
  BOOST_TEST(m.title == "Fallback title");
  BOOST_TEST(m.author == "");
  BOOST_TEST(m.date_published == "");
}

BOOST_AUTO_TEST_CASE(json_ld_over_one_megabyte_is_ignored) {
  std::string big = R"({"@type": "Article", "headline": "Too big", "description": ")" +
                    std::string(metadata::kMaxJsonLdBytes, 'x') + "\"}";
  Metadata m = Read(Page(LdJson(big) + "<title>Small page title</title>"));
  BOOST_TEST(m.title == "Small page title");
}

BOOST_AUTO_TEST_CASE(hostile_deep_json_ld_returns_quickly) {
  const int kDepth = 100000;
  std::string arrays = std::string(kDepth, '[') + R"({"@type": "Article", "headline": "Deep"})" +
                       std::string(kDepth, ']');
  std::string objects;
  for (int i = 0; i < kDepth; ++i) objects += R"({"a":)";
  objects += "1" + std::string(kDepth, '}');
  std::string unclosed = std::string(kDepth, '[');
  std::string graph = R"({"@graph": )" + std::string(kDepth, '[') + std::string(kDepth, ']') + "}";
  for (const std::string* json : {&arrays, &objects, &unclosed, &graph}) {
    auto start = std::chrono::steady_clock::now();
    Metadata m = Read(Page(LdJson(*json) + Meta("property", "og:title", "Still read")));
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    BOOST_TEST(m.title == "Still read");  // The article 100,000 levels down is not reached.
    BOOST_TEST(seconds < test::TimeLimit(5.0));
  }
  // Shallow nesting inside arrays still works.
  std::string shallow =
      "[[[" + std::string(R"({"@type": "Article", "headline": "Shallow"})") + "]]]";
  BOOST_TEST(Read(Page(LdJson(shallow))).title == "Shallow");
}

// ---------------------------------------------------------------------------
// The other sources, each alone.

BOOST_AUTO_TEST_CASE(the_meta_keys_read_are_the_ones_reads_meta_key_names) {
  for (const char* key : {"og:title", "og:site_name", "og:description", "og:locale", "og:url",
                          "article:published_time", "og:article:author", "dc.title",
                          "dcterms:creator", "dc.date.issued", "description",
                          "twitter:description", "author", "parsely-pub-date", "lastmod",
                          "content-language", "application-name"})
    BOOST_TEST(metadata::ReadsMetaKey(key), key);
  for (const char* key : {"viewport", "robots", "twitter:card", "theme-color", "og:image",
                          "dc.rights", "keywords", "OG:TITLE"})
    BOOST_TEST(!metadata::ReadsMetaKey(key), key);
  // A page whose unread <meta> and <link> elements the prescan drops reads
  // as it did: the same title, description and canonical address.
  Metadata m = Read(Page("<meta name=viewport content=w><meta name=robots content=r>"
                         "<link rel=stylesheet href=s.css><link rel=canonical href=https://e.x/c>"
                         "<meta name=twitter:card content=c><meta name=Description content=D>"
                         "<meta property=og:title content=T>"));
  BOOST_TEST(m.title == "T");
  BOOST_TEST(m.description == "D");
  BOOST_TEST(m.url == "https://e.x/c");
}

BOOST_AUTO_TEST_CASE(open_graph) {
  Metadata m = Read(Page(
      Meta("property", "og:title", "OG title") + Meta("property", "og:site_name", "OG Site") +
      Meta("property", "og:description", "OG description") +
      Meta("property", "og:locale", "fr_FR") + Meta("property", "og:url", "https://og.example/a") +
      Meta("property", "article:published_time", "2016-05-04T10:00:00+02:00") +
      Meta("property", "article:modified_time", "2016-05-05") +
      Meta("property", "article:author", "https://facebook.com/someone") +
      Meta("name", "author", "Meta Author")));
  BOOST_TEST(m.title == "OG title");
  BOOST_TEST(m.sitename == "OG Site");
  BOOST_TEST(m.description == "OG description");
  BOOST_TEST(m.lang == "fr-FR");
  BOOST_TEST(m.url == "https://og.example/a");
  BOOST_TEST(m.date_published == "2016-05-04T10:00:00+02:00");
  BOOST_TEST(m.date_modified == "2016-05-05");
  BOOST_TEST(m.author == "Meta Author");  // article:author was a URL.

  m = Read(Page(Meta("property", "article:author", "Named Person")));
  BOOST_TEST(m.author == "Named Person");
}

BOOST_AUTO_TEST_CASE(dublin_core) {
  Metadata m = Read(
      Page(Meta("name", "DC.title", "DC title") + Meta("name", "DC.creator", "DC Creator") +
           Meta("name", "DC.date", "2011-02-03") + Meta("name", "dcterms.modified", "2012-03-04") +
           Meta("name", "DC.description", "DC description") + Meta("name", "DC.language", "de") +
           Meta("property", "dc:publisher", "DC Publisher")));
  BOOST_TEST(m.title == "DC title");
  BOOST_TEST(m.author == "DC Creator");
  BOOST_TEST(m.date_published == "2011-02-03");
  BOOST_TEST(m.date_modified == "2012-03-04");
  BOOST_TEST(m.description == "DC description");
  BOOST_TEST(m.lang == "de");
  BOOST_TEST(m.sitename == "DC Publisher");
}

BOOST_AUTO_TEST_CASE(meta_names) {
  Metadata m = Read(Page("<title>Tag title</title>" + Meta("name", "Author", "By Jane Doe") +
                         Meta("name", "description", "Meta description") +
                         Meta("name", "date", "March 9, 2017") +
                         Meta("http-equiv", "Content-Language", "nl")));
  BOOST_TEST(m.title == "Tag title");
  BOOST_TEST(m.author == "Jane Doe");
  BOOST_TEST(m.description == "Meta description");
  BOOST_TEST(m.date_published == "2017-03-09");
  BOOST_TEST(m.lang == "nl");

  m = Read(Page(Meta("name", "twitter:title", "Twitter title") + "<title>Tag title</title>"));
  BOOST_TEST(m.title == "Twitter title");
}

BOOST_AUTO_TEST_CASE(space_separated_properties_and_missing_content) {
  Metadata m =
      Read(Page("<meta property=\"x:title og:title\" content=\"Listed\">"
                "<meta property=\"og:description\">"
                "<meta name=\"description\" content=\"Has content\">"));
  BOOST_TEST(m.title == "Listed");
  BOOST_TEST(m.description == "Has content");
}

BOOST_AUTO_TEST_CASE(microdata) {
  Metadata m = Read(Page("<title>Tag title</title>",
                         "<div itemscope itemtype=\"https://schema.org/Article\">"
                         "<h2 itemprop=\"headline\">Micro headline</h2>"
                         "<span itemprop=\"author\" itemscope><a href=/u>"
                         "<span itemprop=\"name\">Micro Author</span></a> (staff)</span>"
                         "<meta itemprop=\"datePublished\" content=\"2019-07-08T09:10:11-05:00\">"
                         "<time itemprop=\"dateModified\" datetime=\"2019-07-09\">July 9</time>"
                         "<p>Body.</p></div>"));
  BOOST_TEST(m.title == "Micro headline");
  BOOST_TEST(m.author == "Micro Author");
  BOOST_TEST(m.date_published == "2019-07-08T09:10:11-05:00");
  BOOST_TEST(m.date_modified == "2019-07-09");
}

BOOST_AUTO_TEST_CASE(time_element_in_the_article) {
  std::string body =
      "<header><time datetime=\"2001-01-01\">Today</time></header>"
      "<div id=story><h1>Story</h1><time datetime=\"2018-06-07T08:09:10Z\">June 7</time>"
      "<time datetime=\"2018-06-08\">later</time></div>";
  BOOST_TEST(Read(Page("", body), "story").date_published == "2018-06-07T08:09:10+00:00");
  // Without an article, the first <time datetime> of the body.
  BOOST_TEST(Read(Page("", body)).date_published == "2001-01-01");
  // One that cannot be read gives way to the next.
  BOOST_TEST(
      Read(Page("", "<time datetime=\"soon\">x</time><time datetime=\"2002-02-02\">y</time>"))
          .date_published == "2002-02-02");
}

BOOST_AUTO_TEST_CASE(html_lang_and_canonical) {
  Metadata m =
      Read("<html lang=\"pt-BR\"><head><link rel=\"canonical\" href=\"https://c.example/x\">" +
           Meta("property", "og:url", "https://og.example/x") + "</head><body></body></html>");
  BOOST_TEST(m.lang == "pt-BR");
  BOOST_TEST(m.url == "https://c.example/x");
  // Relative addresses are not used.
  m = Read(Page("<link rel=canonical href=\"/relative\">"));
  BOOST_TEST(m.url == "");
}

// ---------------------------------------------------------------------------
// Order of trust.

BOOST_AUTO_TEST_CASE(trust_order_per_field) {
  std::string ld = LdJson(R"({"@type": "Article", "headline": "LD title", "author": "LD Author"})");
  std::string og =
      Meta("property", "og:title", "OG title") + Meta("property", "article:author", "OG Author");
  std::string dc = Meta("name", "DC.title", "DC title") + Meta("name", "DC.creator", "DC Author");
  std::string meta = Meta("name", "title", "Meta title") + Meta("name", "author", "Meta Author");
  std::string tag = "<title>Tag title</title>";
  std::string micro =
      "<div itemscope><h2 itemprop=headline>Micro title</h2>"
      "<span itemprop=author>Micro Author</span></div>";
  BOOST_TEST(Read(Page(tag + meta + dc + og + ld, micro)).title == "LD title");
  BOOST_TEST(Read(Page(tag + meta + dc + og + ld, micro)).author == "LD Author");
  BOOST_TEST(Read(Page(tag + meta + dc + og, micro)).title == "OG title");
  BOOST_TEST(Read(Page(tag + meta + dc + og, micro)).author == "OG Author");
  BOOST_TEST(Read(Page(tag + meta + dc, micro)).title == "DC title");
  BOOST_TEST(Read(Page(tag + meta + dc, micro)).author == "DC Author");
  BOOST_TEST(Read(Page(tag + meta, micro)).title == "Meta title");
  BOOST_TEST(Read(Page(tag + meta, micro)).author == "Meta Author");
  BOOST_TEST(Read(Page(tag, micro)).title == "Micro title");
  BOOST_TEST(Read(Page(tag, micro)).author == "Micro Author");
  BOOST_TEST(Read(Page(tag)).title == "Tag title");
  // Fields are independent: JSON-LD without a description leaves it to OG.
  Metadata m = Read(Page(ld + Meta("property", "og:description", "OG description")));
  BOOST_TEST(m.title == "LD title");
  BOOST_TEST(m.description == "OG description");
}

BOOST_AUTO_TEST_CASE(title_h1_in_the_article) {
  std::string head = "<title>Page title that differs</title>";
  std::string body = "<h1>Site logo</h1><div id=main><h1>Article heading</h1><p>Text.</p></div>";
  // <title> comes before the article's <h1>...
  BOOST_TEST(Read(Page(head, body), "main").title == "Page title that differs");
  // ...unless it is that heading with decorations, or a bare site name.
  BOOST_TEST(Read(Page("<title>Article heading - A Local History Society</title>", body), "main")
                 .title == "Article heading");
  BOOST_TEST(Read(Page("<title>Site</title>", body), "main").title == "Article heading");
  // Without an article, <title> comes before any <h1>.
  BOOST_TEST(Read(Page(head, body)).title == "Page title that differs");
  // No <title>: the page's only <h1>, or the first <article>'s.
  BOOST_TEST(Read(Page("", "<h1>Only heading</h1>")).title == "Only heading");
  BOOST_TEST(Read(Page("", "<h1>Logo</h1><article><h1>In article</h1></article>")).title ==
             "In article");
  BOOST_TEST(Read(Page("", "<h1>One</h1><h1>Two</h1>")).title == "");
  // An <svg><title> is not the page's title.
  BOOST_TEST(Read(Page("", "<svg><title>Icon</title></svg><h1>Heading</h1>")).title == "Heading");
}

BOOST_AUTO_TEST_CASE(title_stripped_of_the_site_name_found) {
  Metadata m = Read(Page("<title>Rivers rise again | The Daily Example</title>" +
                         Meta("property", "og:site_name", "The Daily Example")));
  BOOST_TEST(m.title == "Rivers rise again");
  BOOST_TEST(m.sitename == "The Daily Example");
  // The site name from JSON-LD strips <title>; og:title is kept as its
  // publisher wrote it.
  m = Read(Page(LdJson(R"({"@type": "WebSite", "name": "Breitbart"})") +
                "<title>Fact-checker story - Breitbart</title>"));
  BOOST_TEST(m.title == "Fact-checker story");
  m = Read(Page(LdJson(R"({"@type": "WebSite", "name": "Breitbart"})") +
                Meta("property", "og:title", "Fact-checker story - Breitbart")));
  BOOST_TEST(m.title == "Fact-checker story - Breitbart");
  // A candidate that is only the site name gives way to the next one.
  m = Read(Page(Meta("property", "og:title", "Quanta Magazine") +
                    Meta("property", "og:site_name", "Quanta Magazine"),
                "<h1>The Hidden Heroines of Chaos</h1>"));
  BOOST_TEST(m.title == "The Hidden Heroines of Chaos");
  // ... but is kept when nothing else is found.
  m = Read(Page(Meta("property", "og:title", "Quanta Magazine") +
                Meta("property", "og:site_name", "Quanta Magazine")));
  BOOST_TEST(m.title == "Quanta Magazine");
}

BOOST_AUTO_TEST_CASE(whitespace_is_normalized_everywhere) {
  Metadata m = Read(Page("<title>\n  Spaced \t title&nbsp;&nbsp;here  </title>" +
                         Meta("name", "author", "  Ann\n  Author ") +
                         Meta("name", "description",
                              "a&#x2003;b\xE3\x80\x80"
                              "c")));
  BOOST_TEST(m.title == "Spaced title here");
  BOOST_TEST(m.author == "Ann Author");
  BOOST_TEST(m.description == "a b c");
  BOOST_TEST(metadata::CollapseSpaces("\xC2\xA0 x \xE2\x80\xAF y\n") == "x y");
}

BOOST_AUTO_TEST_CASE(empty_page) {
  Metadata m = Read("");
  BOOST_TEST(m.title == "");
  BOOST_TEST(m.author == "");
  BOOST_TEST(m.lang == "");
}

// ---------------------------------------------------------------------------
// Dates.

BOOST_AUTO_TEST_CASE(date_normalization) {
  // ISO 8601 and its variants.
  BOOST_TEST(NormalizeDate("2017-03-09T23:16:02+00:00") == "2017-03-09T23:16:02+00:00");
  BOOST_TEST(NormalizeDate("2017-03-09") == "2017-03-09");
  BOOST_TEST(NormalizeDate(" 2017-03-09T23:16:02Z ") == "2017-03-09T23:16:02+00:00");
  BOOST_TEST(NormalizeDate("2017-03-09T23:16:02.123-0500") == "2017-03-09T23:16:02-05:00");
  BOOST_TEST(NormalizeDate("2017-03-09 23:16") == "2017-03-09T23:16:00");
  BOOST_TEST(NormalizeDate("2017-3-9T7:05:00+01") == "2017-03-09T07:05:00+01:00");
  BOOST_TEST(NormalizeDate("2017/03/09") == "2017-03-09");
  BOOST_TEST(NormalizeDate("2016-02-29") == "2016-02-29");
  // Month names.
  BOOST_TEST(NormalizeDate("March 9, 2017") == "2017-03-09");
  BOOST_TEST(NormalizeDate("9 March 2017") == "2017-03-09");
  BOOST_TEST(NormalizeDate("Mar. 9th, 2017") == "2017-03-09");
  BOOST_TEST(NormalizeDate("Published on Sept 30 2019 at 10:00 am") == "2019-09-30");
  BOOST_TEST(NormalizeDate("Thu, 09 Mar 2017 23:16:02 GMT") == "2017-03-09T23:16:02+00:00");
  BOOST_TEST(NormalizeDate("Thu, 09 Mar 2017 11:16:02 PM +0100") == "2017-03-09T23:16:02+01:00");
  // Nothing to normalize, ambiguous, or impossible.
  BOOST_TEST(NormalizeDate("") == "");
  BOOST_TEST(NormalizeDate("yesterday") == "");
  BOOST_TEST(NormalizeDate("03/09/2017") == "");
  BOOST_TEST(NormalizeDate("2017-02-30") == "");
  BOOST_TEST(NormalizeDate("2017-13-01") == "");
  BOOST_TEST(NormalizeDate("2017-03") == "");
  BOOST_TEST(NormalizeDate("February 30, 2017") == "");
  BOOST_TEST(NormalizeDate("March 2017") == "");
  BOOST_TEST(NormalizeDate("March 9 - April 2, 2017") == "");
  BOOST_TEST(NormalizeDate("1489101362") == "");
}

// ---------------------------------------------------------------------------
// StripSiteName.

BOOST_AUTO_TEST_CASE(strip_site_name_with_a_site_name) {
  BOOST_TEST(StripSiteName("Rivers rise - Example News", "Example News") == "Rivers rise");
  BOOST_TEST(StripSiteName("Rivers rise | Example News", "Example News") == "Rivers rise");
  BOOST_TEST(StripSiteName("Rivers rise \xE2\x80\x94 Example News", "Example News") ==
             "Rivers rise");
  BOOST_TEST(StripSiteName("Rivers rise \xE2\x80\x93 Example News", "Example News") ==
             "Rivers rise");
  BOOST_TEST(StripSiteName("Rivers rise \xC2\xB7 V8", "V8") == "Rivers rise");
  BOOST_TEST(StripSiteName("Example News: Rivers rise", "Example News") == "Rivers rise");
  BOOST_TEST(StripSiteName("Example News | Rivers rise", "Example News") == "Rivers rise");
  // Case, spaces and punctuation do not matter; nor does a site name that
  // contains the part or is contained in it.
  BOOST_TEST(StripSiteName("Angry media | Herald Sun", "HeraldSun") == "Angry media");
  BOOST_TEST(StripSiteName("Attack stokes fears - The Washington Post", "Washington Post") ==
             "Attack stokes fears");
  BOOST_TEST(StripSiteName("Un troisième mort - Libération", "Libération.fr") ==
             "Un troisième mort");
  BOOST_TEST(StripSiteName("EXAMPLE: Rivers rise", "example") == "Rivers rise");
  // Only the site's part goes; other parts stay.
  BOOST_TEST(StripSiteName("Whale strandings | Eleanor Roy | Environment | The Guardian",
                           "The Guardian") == "Whale strandings | Eleanor Roy | Environment");
  BOOST_TEST(StripSiteName("Whale strandings | Eleanor Roy", "The Guardian") ==
             "Whale strandings | Eleanor Roy");
  // A colon inside the title is not a prefix, nor is "::".
  BOOST_TEST(StripSiteName("Zimbabwe coup: Mugabe insists - Telegraph", "Telegraph") ==
             "Zimbabwe coup: Mugabe insists");
  BOOST_TEST(StripSiteName("Maple leaves @ Steven's home :: PIXNET ::", "Steven's home") ==
             "Maple leaves @ Steven's home :: PIXNET ::");
}

BOOST_AUTO_TEST_CASE(strip_site_name_without_a_site_name) {
  BOOST_TEST(StripSiteName("Lorem ipsum dolor sit amet \xE2\x80\x93 My website", "") ==
             "Lorem ipsum dolor sit amet");
  BOOST_TEST(StripSiteName("Get your Frontend JavaScript Code Covered | Code | Nicolas Perriault",
                           "") == "Get your Frontend JavaScript Code Covered | Code");
  // The rest is too short, the part too long, or it does not read like a name.
  BOOST_TEST(StripSiteName("Google - Site Reliability Engineering", "") ==
             "Google - Site Reliability Engineering");
  BOOST_TEST(StripSiteName("Mozilla - Wikipedia", "") == "Mozilla - Wikipedia");
  BOOST_TEST(
      StripSiteName("On Recent Controversial Events - Bradley M. Kuhn ( Brad ) ( bkuhn )", "") ==
      "On Recent Controversial Events - Bradley M. Kuhn ( Brad ) ( bkuhn )");
  BOOST_TEST(StripSiteName("How we designed Dropbox's ATF - an async task framework", "") ==
             "How we designed Dropbox's ATF - an async task framework");
  // No prefix, no colon without a site name.
  BOOST_TEST(StripSiteName("Zimbabwe coup: Robert Mugabe and wife insist on the term", "") ==
             "Zimbabwe coup: Robert Mugabe and wife insist on the term");
  BOOST_TEST(StripSiteName("Daring Fireball | Colophon of this small but fine site", "") ==
             "Daring Fireball | Colophon of this small but fine site");
  // Hyphens inside words are not separators.
  BOOST_TEST(StripSiteName("Fact-checker asks a question about the un-angry voters", "") ==
             "Fact-checker asks a question about the un-angry voters");
}

BOOST_AUTO_TEST_CASE(strip_site_name_never_empties_the_title) {
  // A title that is the site name is kept.
  BOOST_TEST(StripSiteName("Example News", "Example News") == "Example News");
  BOOST_TEST(StripSiteName("Yahoo News - Latest News & Headlines",
                           "Yahoo News - Latest News & Headlines") ==
             "Yahoo News - Latest News & Headlines");
  BOOST_TEST(StripSiteName("- Example News", "Example News") == "- Example News");
  BOOST_TEST(StripSiteName("Example News |", "Example News") == "Example News |");
  BOOST_TEST(StripSiteName("", "Example News") == "");
  BOOST_TEST(StripSiteName("  Spaced   title  ", "") == "Spaced title");
  BOOST_TEST(StripSiteName("Story - Other Site", "Example News") == "Story - Other Site");
}

BOOST_AUTO_TEST_CASE(strip_site_name_holding_a_separator) {
  BOOST_TEST(StripSiteName("Face care: Plaisir - INCURVY Plus-Size Fashion - BLOG",
                           "INCURVY Plus-Size Fashion - BLOG") == "Face care: Plaisir");
  BOOST_TEST(StripSiteName("Fashion - BLOG | Face care: Plaisir", "Fashion - BLOG") ==
             "Face care: Plaisir");
  // Only the part that is the site name goes.
  BOOST_TEST(StripSiteName("Chapter 1 - Story - Example Site", "Example Site") ==
             "Chapter 1 - Story");
}

BOOST_AUTO_TEST_CASE(hostile_dom_is_read_in_linear_time) {
  // Many empty candidates: each kind of subtree read is bounded per page.
  std::string body = "<div id=main>";
  for (int i = 0; i < 20000; ++i)
    body +=
        "<h1></h1><span itemprop=\"author headline datePublished\"><b></b></span>"
        "<a rel=author></a><time datetime=x></time>";
  body += "</div>";
  auto start = std::chrono::steady_clock::now();
  Metadata m = Read(Page("<title>Still here</title>", body), "main");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(m.title == "Still here");
  BOOST_TEST(seconds < test::TimeLimit(5.0));
}

BOOST_AUTO_TEST_CASE(article_root_out_of_range_is_unknown) {
  std::unique_ptr<parse::Dom> dom = parse::Dom::Parse(Page("<title>T</title>"));
  BOOST_TEST(metadata::Extract(*dom, 999999).title == "T");
}

BOOST_AUTO_TEST_CASE(json_ld_article_body_is_read_as_plain_text) {
  Metadata m = Read(R"(<html><head><script type="application/ld+json">
      {"@type": "NewsArticle", "headline": "H",
       "articleBody": "First paragraph &amp; more.\nSecond paragraph."}
      </script></head><body><p>x</p></body></html>)");
  BOOST_TEST(m.article_body == "First paragraph & more.\nSecond paragraph.");
  // Markup in the body would need a parse of its own: it is not used.
  Metadata html = Read(R"(<html><head><script type="application/ld+json">
      {"@type": "Article", "articleBody": "<p>First paragraph.</p>"}
      </script></head><body></body></html>)");
  BOOST_TEST(html.article_body.empty());
  // A comparison is not a tag.
  Metadata lt = Read(R"(<html><head><script type="application/ld+json">
      {"@type": "Article", "articleBody": "If a < 3 then b."}
      </script></head><body></body></html>)");
  BOOST_TEST(lt.article_body == "If a < 3 then b.");
}
