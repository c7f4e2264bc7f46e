// Shared helpers for the unit tests.
#ifndef PITH_TESTS_SUPPORT_H_
#define PITH_TESTS_SUPPORT_H_

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "pith/clean.h"
#include "pith/render.h"

namespace pith::test {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string SourcePath(const std::string& rel) {
  return std::string(PITH_SOURCE_DIR) + "/" + rel;
}

// The bundled rule book, loaded once per test binary.
inline const RuleBook& Bundled() {
  static std::unique_ptr<const RuleBook> book = [] {
    std::vector<RuleError> errors;
    auto b = RuleBook::Load({SourcePath("rules")}, &errors);
    if (!b) {
      std::string all;
      for (const auto& e : errors) all += e.ToString() + "\n";
      throw std::runtime_error("bundled rules do not load:\n" + all);
    }
    return b;
  }();
  return *book;
}

// Cleans `html` with the bundled rules and returns the rendered text.
inline std::string CleanText(const std::string& html, const Options& options = Options(),
                             bool with_title = true) {
  Document doc;
  Status s = Clean(html, Bundled(), options, &doc);
  if (!s.ok()) return "ERROR: " + s.message();
  return RenderText(doc, with_title);
}

// The fixture's address from its `url` file ("" when it has none).
inline std::string FixtureUrl(const std::string& dir) {
  std::ifstream in(dir + "/url");
  std::string url;
  std::getline(in, url);
  while (!url.empty() && (url.back() == '\r' || url.back() == ' ')) url.pop_back();
  return url;
}

// A time bound in seconds, scaled by $PITH_TIME_SCALE (sanitizer builds run
// several times slower; tests/sanitize sets it).
inline double TimeLimit(double seconds) {
  const char* scale = std::getenv("PITH_TIME_SCALE");
  double k = scale ? std::atof(scale) : 1.0;
  return seconds * (k > 0 ? k : 1.0);
}

inline bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace pith::test

#endif  // PITH_TESTS_SUPPORT_H_
