// The library entry point: options, robustness and concurrency.
#define BOOST_TEST_MODULE clean
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include <unistd.h>

#include "parse/guard.h"
#include "pipeline/prescan.h"
#include "support.h"

using namespace pith;
using test::Contains;
namespace fs = std::filesystem;

namespace {

const std::string kSputnikDir = "fixtures/sputnik-fr-lavrov-tillerson";

std::string Sputnik() { return test::ReadFile(test::SourcePath(kSputnikDir + "/page.html")); }

// A rule book of one generic file holding `rules`, loaded from a temp folder
// (named after `tag`) that is gone when it returns.
std::unique_ptr<const RuleBook> BookOf(const std::string& tag, const std::string& rules) {
  fs::path dir = fs::temp_directory_path() / ("pith-clean-" + tag + "-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "generic.rules") << rules;
  std::vector<RuleError> errors;
  auto book = RuleBook::Load({dir.string()}, &errors);
  fs::remove_all(dir);
  return book;
}

}  // namespace

BOOST_AUTO_TEST_CASE(generic_rules_alone_clean_the_sputnik_page) {
  Options options;
  options.site_rules = false;
  std::string out = test::CleanText(Sputnik(), options);
  BOOST_TEST(Contains(out, "Le ministre russe des Affaires étrangères, Sergueï Lavrov, a téléphoné"));
  BOOST_TEST(Contains(out, "Le 8 juin, la coalition dirigée par les États-Unis"));
  BOOST_TEST(!Contains(out, "© AFP 2022 Mandel Ngan"));
  BOOST_TEST(!Contains(out, "Tous droits réservés"));
  BOOST_TEST(!Contains(out, "Pour participer aux discussions"));
  BOOST_TEST(!Contains(out, "loader"));
  BOOST_TEST(!Contains(out, "\nChat\n"));
  BOOST_TEST(!Contains(out, "Заголовок открываемого материала"));
}

BOOST_AUTO_TEST_CASE(site_rules_are_picked_from_the_page_url) {
  // No Options::url: the canonical link names fr.sputniknews.com.
  Document doc;
  BOOST_REQUIRE(Clean(Sputnik(), test::Bundled(), Options(), &doc).ok());
  BOOST_TEST(doc.url.find("https://fr.sputniknews.com/") == 0u);
  BOOST_REQUIRE(doc.site_rules.size() == 1u);
  BOOST_TEST(doc.site_rules[0] == "rules/sites/sputnik.rules");
  BOOST_TEST(RenderText(doc) ==
             test::ReadFile(test::SourcePath(kSputnikDir + "/expected.txt")));
}

BOOST_AUTO_TEST_CASE(url_fallbacks_og_url_then_base_href) {
  auto url_of = [](const std::string& html) {
    Document doc;
    Clean(html, test::Bundled(), Options(), &doc);
    return doc.url;
  };
  BOOST_TEST(url_of("<meta property='og:url' content='https://a.example/x'><base href='https://b.example/'>") ==
             "https://a.example/x");
  BOOST_TEST(url_of("<base href='https://b.example/'><p>x") == "https://b.example/");
  BOOST_TEST(url_of("<link rel='Canonical' href=' https://c.example/y '><meta property='og:url' content='https://a.example/x'>") ==
             "https://c.example/y");
  BOOST_TEST(url_of("<link rel=canonical href='/relative'>") == "");
}

BOOST_AUTO_TEST_CASE(layers_can_be_switched_off) {
  Options none;
  none.site_rules = false;
  none.generic_rules = false;
  std::string out = test::CleanText(Sputnik(), none);
  // Without any rule the copyright line and credits survive.
  BOOST_TEST(Contains(out, "Le ministre russe des Affaires étrangères, Sergueï Lavrov"));
}

BOOST_AUTO_TEST_CASE(explain_names_rules_and_heuristics) {
  Options options;
  options.explain = true;
  Document doc;
  BOOST_REQUIRE(Clean(Sputnik(), test::Bundled(), options, &doc).ok());
  bool site = false, text_rule = false;
  for (const Removal& r : doc.removals) {
    BOOST_TEST(r.text.size() <= 60u * 4);
    if (r.rule.rfind("rules/sites/sputnik.rules:", 0) == 0) site = true;
    if (Contains(r.text, "Fil d’actu")) text_rule = true;
  }
  BOOST_TEST(site);
  BOOST_TEST(text_rule);
  // Without explain, nothing is recorded.
  BOOST_REQUIRE(Clean(Sputnik(), test::Bundled(), Options(), &doc).ok());
  BOOST_TEST(doc.removals.empty());
}

BOOST_AUTO_TEST_CASE(hostile_bytes_never_crash) {
  std::mt19937 rng(42);
  std::string garbage(1 << 16, '\0');
  for (char& c : garbage) c = static_cast<char>(rng());
  for (const std::string& input :
       {std::string(), garbage, std::string("<p>a\0b\xFF\xFE c</p>", 14), std::string(10000, '<'),
        std::string("<!--"), std::string("<script>"), std::string("<table><tr><td>x</table></td>")}) {
    Document doc;
    BOOST_TEST(Clean(input, test::Bundled(), Options(), &doc).ok());
  }
  Document doc;
  BOOST_REQUIRE(Clean(std::string("<meta charset=utf-8><p>before\0after \xC3 done</p>", 46), test::Bundled(), Options(), &doc).ok());
  BOOST_TEST(Contains(RenderText(doc), "before\uFFFDafter \uFFFD done"));
}

BOOST_AUTO_TEST_CASE(size_limit_gives_a_clear_error) {
  Options options;
  options.max_bytes = 100;
  Document doc;
  Status s = Clean(std::string(200, 'x'), test::Bundled(), options, &doc);
  BOOST_TEST(!s.ok());
  BOOST_TEST(s.message() == "document is 200 bytes, over the limit of 100");
}

BOOST_AUTO_TEST_CASE(twenty_megabyte_page_is_cleaned) {
  std::string html = "<html><body><nav>";
  for (int i = 0; i < 2000; ++i) html += "<a href=/n" + std::to_string(i) + ">nav link</a> ";
  html += "</nav><article><h1>Big</h1>";
  while (html.size() < (20u << 20))
    html += "<p>A long article paragraph with enough words, commas, and sentences to score.</p>\n";
  html += "</article></body></html>";
  Document doc;
  // Over the default limit of 16 MiB: refused, with the reason.
  Status refused = Clean(html, test::Bundled(), Options(), &doc);
  BOOST_TEST(!refused.ok());
  BOOST_TEST(Contains(refused.message(), "over the limit of 16777216"));
  Options options;
  options.max_bytes = 32u << 20;
  auto start = std::chrono::steady_clock::now();
  BOOST_REQUIRE(Clean(html, test::Bundled(), options, &doc).ok());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  BOOST_TEST(doc.title == "Big");
  BOOST_TEST(doc.blocks.size() > 100000u);
  BOOST_TEST(!Contains(RenderText(doc), "nav link"));
  BOOST_TEST(secs < test::TimeLimit(20.0));
}

BOOST_AUTO_TEST_CASE(the_prescan_cuts_the_class_tokens_no_rule_reads_unless_pruning_is_off) {
  const RuleBook& book = test::Bundled();
  const std::string page =
      "<div class=\"ds-grid-float article-body u-desktop-only\" id=\"x-y\">"
      "<p class=\"col-md-8\" id=\"comments-area\">x</p><p id=\"why-we-share-this\">y</p></div>";
  Options options;
  parse::KeptAttributes kept = pipeline::KeptAttributesFor(book.impl(), options);
  BOOST_REQUIRE(kept.class_tokens != nullptr);
  parse::GuardResult on =
      parse::Prescan(page, options.max_depth, options.prune, options.max_attributes, &kept);
  // "body" is a good-class: pattern; nothing reads the other tokens. Ids
  // go the same way, but that the class patterns read none of more than
  // three words.
  BOOST_TEST(on.html == "<div class=\"article-body\"><p id=\"comments-area\">x</p><p>y</p></div>");
  options.prune = false;
  kept = pipeline::KeptAttributesFor(book.impl(), options);
  BOOST_TEST(kept.class_tokens == nullptr);
  BOOST_TEST(!parse::Prescan(page, options.max_depth, options.prune, options.max_attributes, &kept)
                  .modified);
}

BOOST_AUTO_TEST_CASE(the_prescan_keeps_a_style_only_when_a_rule_can_read_it_as_hidden) {
  const RuleBook& book = test::Bundled();
  const std::string page =
      "<div style=\"margin: 0 auto\"><p style=\"display: none\">ad</p><p>text</p></div>";
  Options options;
  parse::KeptAttributes kept = pipeline::KeptAttributesFor(book.impl(), options);
  parse::GuardResult on =
      parse::Prescan(page, options.max_depth, options.prune, options.max_attributes, &kept);
  BOOST_TEST(on.html == "<div><p style=\"display: none\">ad</p><p>text</p></div>");
  // The hidden paragraph is still dropped; with pruning off, the same text.
  const std::string text =
      "<html><body><article><h1>T</h1>" + page + "<p>" + std::string(300, 'w') +
      " end.</p></article></body></html>";
  std::string pruned = test::CleanText(text, options);
  BOOST_TEST(!Contains(pruned, "ad"));
  options.prune = false;
  BOOST_TEST(test::CleanText(text, options) == pruned);
}

BOOST_AUTO_TEST_CASE(the_prescan_drops_scripts_and_styles_unless_a_rule_selects_them) {
  Options options;
  BOOST_TEST(pipeline::KeptAttributesFor(test::Bundled().impl(), options).drop_raw_text);
  options.prune = false;
  BOOST_TEST(!pipeline::KeptAttributesFor(test::Bundled().impl(), options).drop_raw_text);
  // A rule that selects a script to keep it: the scripts stay.
  auto book = BookOf("scripts", "strip: script\nkeep: script.keep\n");
  BOOST_REQUIRE(book);
  options.prune = true;
  BOOST_TEST(!pipeline::KeptAttributesFor(book->impl(), options).drop_raw_text);
}

BOOST_AUTO_TEST_CASE(rules_still_see_the_class_tokens_they_read_after_the_prescan) {
  auto book = BookOf("classes", "strip: .junk-box\nstrip-class: gossip\n");
  BOOST_REQUIRE(book);
  const std::string page =
      "<html><body><article><h1>Title</h1>"
      "<p class=\"grid-cell text\">The article's own paragraph, long enough to count as text.</p>"
      "<div class=\"u-only junk-box wide\">Selector junk</div>"
      "<div class=\"cell Side_Gossip-bar\">Pattern junk</div>"
      "<p class=\"junk-box-2 gossiping\">Kept text: a second paragraph, long enough too.</p>"
      "</article></body></html>";
  for (bool prune : {true, false}) {
    Options options;
    options.prune = prune;
    Document doc;
    BOOST_REQUIRE(Clean(page, *book, options, &doc).ok());
    const std::string text = RenderText(doc);
    BOOST_TEST_CONTEXT("prune " << prune) {
      BOOST_TEST(Contains(text, "own paragraph"));
      BOOST_TEST(!Contains(text, "Selector junk"));
      BOOST_TEST(!Contains(text, "Pattern junk"));
      BOOST_TEST(Contains(text, "Kept text"));
    }
  }
}

BOOST_AUTO_TEST_CASE(one_rule_book_is_shared_by_concurrent_threads) {
  std::vector<std::string> pages;
  for (const auto& entry : fs::directory_iterator(test::SourcePath("fixtures")))
    pages.push_back(test::ReadFile((entry.path() / "page.html").string()));
  std::vector<std::string> serial;
  for (const auto& p : pages) serial.push_back(test::CleanText(p));
  const RuleBook& book = test::Bundled();
  constexpr int kThreads = 8, kRounds = 20;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < kRounds; ++r) {
        for (size_t k = 0; k < pages.size(); ++k) {
          size_t idx = (k + t) % pages.size();
          Document doc;
          Clean(pages[idx], book, Options(), &doc);
          if (RenderText(doc) != serial[idx]) ++mismatches[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) BOOST_TEST(mismatches[t] == 0);
}

BOOST_AUTO_TEST_CASE(title_is_not_repeated_in_the_body) {
  std::string html =
      "<html><head><title>Site</title></head><body><article><h1>The Title</h1><p>"
      "Body text, long enough to be the article, with several commas, clauses, and words.</p>"
      "</article></body></html>";
  std::string out = test::CleanText(html);
  BOOST_TEST(out.rfind("The Title\n\nBody text", 0) == 0u);
  BOOST_TEST(test::CleanText(html, Options(), false).rfind("Body text", 0) == 0u);
}

BOOST_AUTO_TEST_CASE(transport_charset_overrides_meta) {
  // KOI8-R bytes for "Привет", labelled windows-1251 in the page, with the
  // right charset given from outside (as an HTTP header would).
  std::string html = "<meta charset=windows-1251><h1>x</h1><p>\xF0\xD2\xC9\xD7\xC5\xD4, "
                     "mir, and a sentence long enough to count as article text.</p>";
  Options options;
  options.charset = "koi8-r";
  BOOST_TEST(Contains(test::CleanText(html, options), "Привет, mir"));
  BOOST_TEST(!Contains(test::CleanText(html), "Привет"));
}

namespace {

// A page whose markup holds `body_html` and whose JSON-LD declares
// `declared` as the article's text.
std::string DeclaredBodyPage(const std::string& body_html, const std::string& declared) {
  return "<html><head><title>T</title><script type=\"application/ld+json\">"
         "{\"@type\": \"NewsArticle\", \"headline\": \"T\", \"articleBody\": \"" +
         declared + "\"}</script></head><body>" + body_html + "</body></html>";
}

std::string Sentences(const std::string& topic, int n) {
  std::string out;
  for (int k = 0; k < n; ++k)
    out += "The report on " + topic + " says that part " + std::to_string(k) +
           " of the plan was finished on time, and that the rest will follow next year. ";
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(declared_article_body_replaces_what_the_markup_lacks) {
  // A page rendered by scripts: the markup holds a menu and a teaser only.
  std::string declared = Sentences("roads", 4) + "\\n" + Sentences("bridges", 4);
  std::string page = DeclaredBodyPage(
      "<nav><a href=/a>Home</a> <a href=/b>World</a></nav><div id=app><p>Loading the "
      "article, please wait.</p></div>",
      declared);
  Options options;
  options.explain = true;
  Document doc;
  BOOST_REQUIRE(Clean(page, test::Bundled(), options, &doc).ok());
  std::string out = RenderText(doc, false);
  BOOST_TEST(Contains(out, "The report on roads says that part 0"));
  BOOST_TEST(Contains(out, "The report on bridges says that part 3"));
  BOOST_TEST(Contains(out, "next year.\n\nThe report on bridges"));  // Its line break ends a paragraph.
  BOOST_TEST(!Contains(out, "please wait"));
  bool explained = false;
  for (const Removal& r : doc.removals) explained |= r.rule == "generic:declared-body";
  BOOST_TEST(explained);
}

BOOST_AUTO_TEST_CASE(declared_article_body_is_ignored_when_the_markup_holds_the_article) {
  // The markup's article is longer than a quarter of the declared text: the
  // markup wins, with its own paragraph the declared text lacks.
  std::string page = DeclaredBodyPage(
      "<article><p>" + Sentences("roads", 4) + "</p><p>Only in the markup: " +
          Sentences("parks", 1) + "</p></article>",
      Sentences("roads", 4) + Sentences("bridges", 4));
  std::string out = test::CleanText(page, Options());
  BOOST_TEST(Contains(out, "Only in the markup"));
  BOOST_TEST(!Contains(out, "bridges"));
  // A site rule's body: line is trusted as it is.
  // (The Sputnik site rules name the article container; with a declared
  // body added, the page keeps the container's text.)
  std::string sputnik = Sputnik();
  size_t head = sputnik.find("</head>");
  BOOST_REQUIRE(head != std::string::npos);
  sputnik.insert(head, "<script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", "
                       "\"articleBody\": \"" + Sentences("ports", 60) + "\"}</script>");
  std::string kept = test::CleanText(sputnik, Options());
  BOOST_TEST(Contains(kept, "Sergueï Lavrov, a téléphoné"));
  BOOST_TEST(!Contains(kept, "The report on ports"));
}

BOOST_AUTO_TEST_CASE(the_prescan_elides_what_the_generic_rules_remove_and_cleans_the_same) {
  const RuleBook& book = test::Bundled();
  const std::string menu =
      "<ul><li><a href=/a>Home page</a></li><li><a href=/b>Archive of posts</a></li>"
      "<li>Contact us</li></ul>";
  const std::string page = "<html><body><nav>" + menu + "</nav><article><h1>Title</h1><p>" +
                           std::string(300, 'w') + " end.</p></article>" +
                           "<div class=\"sidebar\">" + menu + "</div></body></html>";
  Options options;
  parse::KeptAttributes kept = pipeline::KeptAttributesFor(book.impl(), options);
  BOOST_REQUIRE(kept.elision != nullptr);
  parse::GuardResult on =
      parse::Prescan(page, options.max_depth, options.prune, options.max_attributes, &kept);
  BOOST_TEST(on.elided.size() == 2u);
  BOOST_TEST(!Contains(on.html, "Archive"));
  const std::string text = test::CleanText(page, options);
  BOOST_TEST(Contains(text, " end."));
  BOOST_TEST(!Contains(text, "Contact"));
  // No elision with --explain (removals show the text), without the
  // generic rules (nothing is sure to be removed) or without pruning.
  for (int k = 0; k < 3; ++k) {
    Options other;
    if (k == 0) other.explain = true;
    if (k == 1) other.generic_rules = false;
    if (k == 2) other.prune = false;
    BOOST_TEST(pipeline::KeptAttributesFor(book.impl(), other).elision == nullptr, k);
  }
  options.prune = false;
  BOOST_TEST(test::CleanText(page, options) == text);
}

BOOST_AUTO_TEST_CASE(elided_content_the_rules_keep_is_cleaned_again_without_elision) {
  // A "share" wrapper holding most of the page's text is a layout wrapper,
  // which the rules keep: the prescan elided its content on a guess, and
  // the page is cleaned again without elision, as with pruning off.
  const std::string page = "<html><body><div class=\"share\"><p>" + std::string(900, 'w') +
                           " one.</p><p>" + std::string(900, 'v') +
                           " two.</p></div><p>Short note.</p></body></html>";
  Options options;
  const RuleBook& book = test::Bundled();
  parse::KeptAttributes kept = pipeline::KeptAttributesFor(book.impl(), options);
  BOOST_TEST(!parse::Prescan(page, options.max_depth, options.prune, options.max_attributes, &kept)
                  .elided.empty());
  const std::string text = test::CleanText(page, options);
  BOOST_TEST(Contains(text, " one."));
  BOOST_TEST(Contains(text, " two."));
  options.prune = false;
  BOOST_TEST(test::CleanText(page, options) == text);
}
