// Golden test: cleans fixtures/<case>/page.html (with the URL in `url`, if
// any) and compares the text output byte for byte with expected.txt.
// CTest runs it once per fixture folder: `golden_test -- <fixture dir>`.
// A charset fixture also holds original-utf8.html, the same page in UTF-8,
// which must give the same text.
#define BOOST_TEST_MODULE golden
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "support.h"

namespace fs = std::filesystem;
using namespace pith;

BOOST_AUTO_TEST_CASE(fixture_matches_expected) {
  auto& suite = boost::unit_test::framework::master_test_suite();
  BOOST_REQUIRE_MESSAGE(suite.argc >= 2, "usage: golden_test -- <fixture dir>");
  fs::path dir = suite.argv[suite.argc - 1];
  BOOST_REQUIRE_MESSAGE(fs::exists(dir / "page.html"), dir.string() + " has no page.html");
  BOOST_REQUIRE_MESSAGE(fs::exists(dir / "expected.txt"), dir.string() + " has no expected.txt");
  Options options;
  options.url = test::FixtureUrl(dir.string());
  std::string got = test::CleanText(test::ReadFile((dir / "page.html").string()), options);
  std::string want = test::ReadFile((dir / "expected.txt").string());
  BOOST_TEST(got == want);
  // Charset fixtures carry the same page saved as UTF-8: same text.
  if (fs::exists(dir / "original-utf8.html")) {
    std::string utf8 = test::CleanText(test::ReadFile((dir / "original-utf8.html").string()), options);
    BOOST_TEST(utf8 == want);
  }
}
