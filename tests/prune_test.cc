// Pruning before parsing must not change what pith extracts: every page of
// ../shared/datasets is cleaned with pruning on and off, and the outputs
// must be identical. Skipped, with a message, where the datasets are absent.
#define BOOST_TEST_MODULE prune
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "parse/guard.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace pith;

BOOST_AUTO_TEST_CASE(pruned_parts_are_cut_and_the_rest_kept) {
  std::string page =
      "<html><head><script>var a = '<p>not text</p>';</script>"
      "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
      "<script type=\"application/json\" id=__NEXT_DATA__>{\"props\":\"state blob\"}</script>"
      "<script type=application&#x2F;ld&#x2B;json>{\"@type\":\"Spelt\"}</script>"
      "<style>p { color: red }</style></head><body><!-- a comment -->"
      "<p>kept<!----> text</p><svg><svg><text>inner</text></svg><text>outer</text></svg>"
      "<script><!-- document.write('<script>x<\\/script>'); --></script>"
      "<xmp>shown as text</xmp></body></html>";
  parse::GuardResult r = parse::Prescan(page, 512, true);
  BOOST_TEST(r.modified);
  BOOST_TEST(r.html.find("not text") == std::string::npos);
  BOOST_TEST(r.html.find("color: red") == std::string::npos);
  BOOST_TEST(r.html.find("a comment") == std::string::npos);
  BOOST_TEST(r.html.find("inner") == std::string::npos);
  BOOST_TEST(r.html.find("outer") == std::string::npos);
  BOOST_TEST(r.html.find("NewsArticle") != std::string::npos);    // JSON-LD is kept,
  BOOST_TEST(r.html.find("Spelt") != std::string::npos);          // however its type is written;
  BOOST_TEST(r.html.find("state blob") == std::string::npos);     // other JSON is not.
  BOOST_TEST(r.html.find("document.write") != std::string::npos);  // Double-escape risk: kept.
  BOOST_TEST(r.html.find("shown as text") != std::string::npos);
  BOOST_TEST(r.html.find("<p>kept text</p>") != std::string::npos);
  BOOST_TEST(r.pruned_bytes > 0u);
  BOOST_TEST(!parse::Prescan(page, 512, false).modified);
}

BOOST_AUTO_TEST_CASE(fuzzer_findings_give_the_same_text_with_and_without_pruning) {
  // Inputs the fuzzer found (tests/fuzz/regressions; byte 0 is the target's
  // option byte): a "</svg" inside a tag name, an attribute value or a bogus
  // comment must not end the <svg> for the pruner, and a block inside an
  // <svg> takes the parser out of it.
  std::vector<std::string> pages = {
      "<svg><l</svg>n", "<p>a<svg><text title=\"</svg>\">secret</text></svg>b</p>",
      "<svg></</svg><", "<p>a<svg><g><div>x</div></g></svg>b</p>",
      "<svg><![CDATA[ </svg> ]]><text>t</text></svg>after", "<math><style>x</style></math>y",
      // An HTML start tag in svg ends it, and a <style> after it is raw
      // text again, as on an integration point or after <svg/>; </head>,
      // </body> and </html> leave an <svg> open.
      "<svg><i><style><!--</style>-->\n", "<svg><b><style><!--</style><p>b</p>-->x",
      "<svg><font size=2><style><!--</style>f-->x", "<svg/><style><!--</style>x-->y",
      "<math><mi><style><!--</style>m-->x</mi></math>y",
      "<svg><foreignObject><div><style><!--</style>o-->x</div></foreignObject></svg>y",
      "<head><svg></head><script><h2></script>e", "<body><svg></body><script><h2></script>e",
      "<html><h><svg></html><script></s</script>l"};
  fs::path regressions = test::SourcePath("tests/fuzz/regressions");
  BOOST_REQUIRE(fs::is_directory(regressions));
  for (const auto& e : fs::directory_iterator(regressions)) {
    std::string name = e.path().filename().string();
    if (name.rfind("clean-", 0) == 0 || name.rfind("guard-", 0) == 0)
      pages.push_back(test::ReadFile(e.path().string()).substr(1));
  }
  for (const std::string& html : pages) {
    Options off;
    off.prune = false;
    BOOST_TEST_CONTEXT(html.substr(0, 80)) {
      BOOST_TEST(test::CleanText(html) == test::CleanText(html, off));
    }
  }
}

BOOST_AUTO_TEST_CASE(every_shared_page_gives_the_same_text_with_and_without_pruning) {
  fs::path root = test::SourcePath("../shared/datasets");
  if (!fs::is_directory(root)) {
    BOOST_TEST_MESSAGE("skipped: no datasets at " << root.string());
    return;
  }
  std::vector<fs::path> pages;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".html") pages.push_back(e.path());
  std::sort(pages.begin(), pages.end());
  std::atomic<size_t> next{0}, differ{0};
  std::mutex mu;
  std::vector<std::string> differing;
  auto work = [&] {
    for (size_t i = next++; i < pages.size(); i = next++) {
      std::string html = test::ReadFile(pages[i].string());
      Options on, off;
      off.prune = false;
      if (test::CleanText(html, on) != test::CleanText(html, off)) {
        ++differ;
        std::lock_guard<std::mutex> lock(mu);
        differing.push_back(pages[i].string());
      }
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  BOOST_TEST_MESSAGE(pages.size() << " pages, " << differ.load() << " differ");
  for (const auto& p : differing) BOOST_TEST_MESSAGE("differs: " << p);
  BOOST_TEST(pages.size() > 0u);
  BOOST_TEST(differ.load() == 0u);
}
