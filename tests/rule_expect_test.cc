// Runs the tests written inside the bundled rule files: each `test-file:`
// fixture is cleaned (with its `url` file, if any, so that site rules
// apply), and every `expect-present:` / `expect-absent:` line is checked.
#define BOOST_TEST_MODULE rule_expect
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "rules/book.h"
#include "support.h"

namespace fs = std::filesystem;
using namespace pith;

BOOST_AUTO_TEST_CASE(every_rule_file_test_passes) {
  size_t checks = 0;
  for (const auto& file : test::Bundled().impl().files) {
    for (const rules::RuleTest& t : file->tests) {
      fs::path dir = test::SourcePath("fixtures/" + t.fixture);
      BOOST_REQUIRE_MESSAGE(fs::exists(dir / "page.html"),
                            t.origin.ToString() + ": no fixture " + dir.string());
      Options options;
      options.url = test::FixtureUrl(dir.string());
      std::string out = test::CleanText(test::ReadFile((dir / "page.html").string()), options);
      for (const std::string& s : t.present) {
        BOOST_CHECK_MESSAGE(test::Contains(out, s), t.origin.ToString() + ": missing: " + s);
        ++checks;
      }
      for (const std::string& s : t.absent) {
        BOOST_CHECK_MESSAGE(!test::Contains(out, s), t.origin.ToString() + ": present: " + s);
        ++checks;
      }
    }
  }
  BOOST_TEST(checks > 0u);  // The bundled rules carry tests.
}
