// Command-line tests: they run the built `pith` binary as a user would and
// check what the user sees — stdout, stderr, files written, exit status.
//
// Environment (set by CTest):
//   PITH_BIN         the pith binary to test (required)
//   PITH_SOURCE_DIR  the repository root, for fixtures/ (required)
//
// Every test case gets its own temporary folder (removed afterwards); the
// binary is run with std::system through `exec`, so that the status seen is
// pith's own (a crash shows as WIFSIGNALED, not as a shell exit code).
//
// Tests marked `// Regression:` cover bugs these tests found, now fixed.
#define BOOST_TEST_MODULE cli
#ifndef BOOST_TEST_DYN_LINK
#define BOOST_TEST_DYN_LINK
#endif
#include <boost/test/unit_test.hpp>

#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace {

// A time bound, scaled by $PITH_TIME_SCALE for sanitizer builds.
double TimeLimit(double s) {
  const char* k = std::getenv("PITH_TIME_SCALE");
  return s * (k && std::atof(k) > 0 ? std::atof(k) : 1.0);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(f, "cannot open " << path);
  return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

void WriteFile(const fs::path& path, const std::string& data) {
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  BOOST_REQUIRE_MESSAGE(f, "cannot create " << path);
  f << data;
  f.flush();
  BOOST_REQUIRE_MESSAGE(f, "cannot write " << path);
}

// Splits at '\n'; a final newline does not make an empty last line.
std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find('\n', i);
    if (j == std::string::npos) j = s.size();
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Strict UTF-8 check (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(const std::string& s) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (int k = 1; k < len; ++k) {
      unsigned char d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

size_t CodePoints(const std::string& s) {
  size_t count = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  return count;
}

// Single-quotes for /bin/sh.
std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

struct RunResult {
  int status = -1;  // Raw wait status from std::system.
  std::string out, err;
  double seconds = 0;

  bool exited() const { return status != -1 && WIFEXITED(status); }
  bool signaled() const { return status != -1 && WIFSIGNALED(status); }
  // The exit code, or -1 when the process did not exit normally.
  int code() const { return exited() ? WEXITSTATUS(status) : -1; }
  std::string Describe() const {
    std::ostringstream s;
    if (status == -1) s << "std::system failed";
    else if (signaled()) s << "killed by signal " << WTERMSIG(status);
    else s << "exit " << code();
    s << "; stderr: [" << err.substr(0, 2000) << "]";
    return s.str();
  }
};

std::atomic<unsigned> g_serial{0};

class CliFixture {
 public:
  CliFixture() {
    const char* bin = std::getenv("PITH_BIN");
    if (!bin || !*bin)
      BOOST_FAIL("PITH_BIN is not set: it must name the pith binary under test");
    bin_ = bin;
    if (!fs::is_regular_file(bin_))
      BOOST_FAIL("PITH_BIN=" << bin_ << " is not a file; build pith first");
    const char* src = std::getenv("PITH_SOURCE_DIR");
    if (!src || !*src)
      BOOST_FAIL("PITH_SOURCE_DIR is not set: it must name the repository root");
    source_ = src;
    sputnik_ = source_ / "fixtures" / "sputnik-fr-lavrov-tillerson";
    if (!fs::is_regular_file(sputnik_ / "page.html"))
      BOOST_FAIL("fixture missing: " << (sputnik_ / "page.html"));

    std::random_device rd;
    for (int attempt = 0;; ++attempt) {
      fs::path candidate = fs::temp_directory_path() /
                           ("pith-cli-test-" + std::to_string(::getpid()) + "-" +
                            std::to_string(g_serial++) + "-" + std::to_string(rd()));
      std::error_code ec;
      if (fs::create_directory(candidate, ec)) {
        tmp_ = candidate;
        break;
      }
      if (attempt > 100) BOOST_FAIL("cannot create a temporary folder: " << ec.message());
    }
    work_ = tmp_ / "work";
    cap_ = tmp_ / "capture";
    fs::create_directories(work_);
    fs::create_directories(cap_);
  }

  ~CliFixture() {
    if (tmp_.empty()) return;
    std::error_code ec;
    // Make anything a test made unreadable removable again.
    for (auto it = fs::recursive_directory_iterator(tmp_, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code pec;
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, pec);
    }
    fs::remove_all(tmp_, ec);
  }

  // Runs pith with `args` in the work folder. Standard input is `stdin_path`
  // (a path), or /dev/null when empty, so that no test waits on a terminal.
  RunResult Run(const std::vector<std::string>& args, const std::string& stdin_path = "") {
    unsigned n = runs_++;
    fs::path out = cap_ / ("run" + std::to_string(n) + ".out");
    fs::path err = cap_ / ("run" + std::to_string(n) + ".err");
    std::string cmd = "cd " + Quote(work_.string()) + " && exec " + Quote(bin_.string());
    for (const std::string& a : args) cmd += " " + Quote(a);
    cmd += " < " + Quote(stdin_path.empty() ? std::string("/dev/null") : stdin_path);
    cmd += " > " + Quote(out.string()) + " 2> " + Quote(err.string());
    RunResult r;
    auto start = std::chrono::steady_clock::now();
    r.status = std::system(cmd.c_str());
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.out = ReadFile(out);
    r.err = ReadFile(err);
    BOOST_TEST_MESSAGE("ran: " << cmd << " -> " << r.Describe());
    return r;
  }

  std::string SputnikPage() const { return (sputnik_ / "page.html").string(); }
  std::string SputnikExpected() const { return ReadFile(sputnik_ / "expected.txt"); }
  // The first paragraph after the title in expected.txt.
  std::string SputnikLead() const {
    std::vector<std::string> lines = Lines(SputnikExpected());
    BOOST_REQUIRE_GE(lines.size(), 3u);
    BOOST_REQUIRE(lines[1].empty());
    return lines[2];
  }

  fs::path bin_, source_, sputnik_, tmp_, work_, cap_;
  unsigned runs_ = 0;
};

// Every regular file under `dir`, as generic paths relative to it.
std::set<std::string> FilesUnder(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (!e.is_directory()) out.insert(e.path().lexically_relative(dir).generic_string());
  return out;
}

// A crash or a usage-level exit is never acceptable for odd input: 0, or 1
// with exactly one `pith: <name>: ...` line on stderr.
void CheckHandledGracefully(const RunResult& r, const std::string& shown) {
  BOOST_TEST_INFO("input " << shown << ": " << r.Describe());
  BOOST_TEST(!r.signaled());
  BOOST_TEST_REQUIRE(r.exited());
  BOOST_TEST((r.code() == 0 || r.code() == 1));
  if (r.code() == 1) {
    std::vector<std::string> lines = Lines(r.err);
    BOOST_TEST(lines.size() == 1u);
    BOOST_TEST(Contains(r.err, "pith: " + shown + ": "));
  }
  BOOST_TEST(IsValidUtf8(r.out));
  BOOST_TEST(!Contains(r.out, std::string(1, '\0')));
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(cli, CliFixture)

// ---------------------------------------------------------------- basics

BOOST_AUTO_TEST_CASE(file_argument_prints_expected_text) {
  RunResult r = Run({SputnikPage()});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.out == SputnikExpected());
  BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(stdin_without_argument_prints_expected_text) {
  RunResult r = Run({"--url", "https://fr.sputniknews.com/x"}, SputnikPage());
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.out == SputnikExpected());
  BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(dash_reads_stdin) {
  RunResult r = Run({"--url", "https://fr.sputniknews.com/x", "-"}, SputnikPage());
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.out == SputnikExpected());
  BOOST_TEST(r.err.empty());
}

BOOST_AUTO_TEST_CASE(help_mentions_options_and_version_prints) {
  RunResult help = Run({"--help"});
  BOOST_TEST_INFO(help.Describe());
  BOOST_TEST(help.code() == 0);
  BOOST_TEST(Contains(help.out, "--explain"));
  BOOST_TEST(Contains(help.out, "Usage: pith"));

  RunResult version = Run({"--version"});
  BOOST_TEST_INFO(version.Describe());
  BOOST_TEST(version.code() == 0);
  BOOST_TEST(Contains(version.out, "pith"));
  BOOST_TEST(std::regex_search(version.out, std::regex("[0-9]+\\.[0-9]+")));
}

BOOST_AUTO_TEST_CASE(several_inputs_get_headers) {
  const std::string page = ReadFile(SputnikPage());
  WriteFile(work_ / "one.html", page);
  WriteFile(work_ / "two.html", page);
  RunResult r = Run({"one.html", "two.html"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  std::vector<std::string> lines = Lines(r.out);
  BOOST_TEST_REQUIRE(!lines.empty());
  BOOST_TEST(lines[0] == "==> one.html <==");
  BOOST_TEST(std::count(lines.begin(), lines.end(), "==> one.html <==") == 1);
  BOOST_TEST(std::count(lines.begin(), lines.end(), "==> two.html <==") == 1);
  const std::string expected = SputnikExpected();
  size_t second = r.out.find("==> two.html <==");
  BOOST_TEST_REQUIRE(second != std::string::npos);
  BOOST_TEST(Contains(r.out.substr(0, second), expected));
  BOOST_TEST(Contains(r.out.substr(second), expected));

  // One input: no header.
  RunResult single = Run({"one.html"});
  BOOST_TEST(!Contains(single.out, "==>"));
}

// ---------------------------------------------------------------- -o DIR

BOOST_AUTO_TEST_CASE(output_dir_with_file_argument) {
  WriteFile(work_ / "x" / "page.html", ReadFile(SputnikPage()));
  RunResult r = Run({"-o", "out", "x/page.html"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.out.empty());
  BOOST_TEST_REQUIRE(fs::is_regular_file(work_ / "out" / "page.txt"));
  BOOST_TEST(ReadFile(work_ / "out" / "page.txt") == SputnikExpected());
  BOOST_TEST(FilesUnder(work_ / "out") == std::set<std::string>{"page.txt"});
}

BOOST_AUTO_TEST_CASE(output_dir_with_folder_argument) {
  const std::string page = ReadFile(SputnikPage());
  WriteFile(work_ / "site" / "a" / "b.html", page);
  WriteFile(work_ / "site" / "c.htm", page);
  WriteFile(work_ / "site" / "x.txt", "not a page\n");
  RunResult r = Run({"-o", "out", "site"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.out.empty());
  BOOST_TEST(r.err.empty());
  const std::string expected = SputnikExpected();
  BOOST_TEST_REQUIRE(fs::is_regular_file(work_ / "out" / "a" / "b.txt"));
  BOOST_TEST_REQUIRE(fs::is_regular_file(work_ / "out" / "c.txt"));
  BOOST_TEST(ReadFile(work_ / "out" / "a" / "b.txt") == expected);
  BOOST_TEST(ReadFile(work_ / "out" / "c.txt") == expected);
  // Exactly these: nothing for x.txt, no temporary file left behind.
  std::set<std::string> files = FilesUnder(work_ / "out");
  BOOST_TEST(files == (std::set<std::string>{"a/b.txt", "c.txt"}));
  for (const std::string& f : files) BOOST_TEST(!Contains(f, "tmp"));
}

BOOST_AUTO_TEST_CASE(output_dir_with_stdin) {
  RunResult r = Run({"--url", "https://fr.sputniknews.com/x", "-o", "out"}, SputnikPage());
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.out.empty());
  BOOST_TEST_REQUIRE(fs::is_regular_file(work_ / "out" / "stdin.txt"));
  BOOST_TEST(ReadFile(work_ / "out" / "stdin.txt") == SputnikExpected());
  BOOST_TEST(FilesUnder(work_ / "out") == std::set<std::string>{"stdin.txt"});
}

// ---------------------------------------------------------------- options

BOOST_AUTO_TEST_CASE(no_title_prints_the_body_alone) {
  RunResult r = Run({"--no-title", SputnikPage()});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  std::vector<std::string> lines = Lines(r.out);
  BOOST_TEST_REQUIRE(!lines.empty());
  BOOST_TEST(lines[0] == SputnikLead());
  const std::string title = SputnikExpected().substr(0, SputnikExpected().find('\n'));
  BOOST_TEST(std::count(lines.begin(), lines.end(), title) == 0);
  // The body is the same as with the title: expected.txt minus its two first lines.
  const std::string expected = SputnikExpected();
  size_t body = expected.find("\n\n");
  BOOST_TEST_REQUIRE(body != std::string::npos);
  BOOST_TEST(r.out == expected.substr(body + 2));
}

BOOST_AUTO_TEST_CASE(explain_names_site_rule_and_keeps_stdout) {
  RunResult plain = Run({SputnikPage()});
  RunResult r = Run({"--explain", SputnikPage()});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.out == plain.out);
  BOOST_TEST(r.out == SputnikExpected());
  std::vector<std::string> lines = Lines(r.err);
  BOOST_TEST_REQUIRE(!lines.empty());
  const std::string prefix = "explain: " + SputnikPage() + ": ";
  bool site_rule_with_text = false;
  for (const std::string& line : lines) {
    BOOST_TEST_INFO("line: " << line);
    BOOST_TEST(line.rfind(prefix, 0) == 0u);
    if (Contains(line, "rules/sites/sputnik.rules:") &&
        (Contains(line, "Fil d’actu") || Contains(line, "Mandel Ngan")))
      site_rule_with_text = true;
  }
  BOOST_TEST(site_rule_with_text);
}

// Documented: `explain: <input>: <rule>: <first 60 chars>` where <rule> is
// `file:line` or `generic:<name>`.
// Regression: removals outside a site `body:` container were reported with
// the rule "outside body rules/sites/sputnik.rules:30", neither form.
BOOST_AUTO_TEST_CASE(explain_lines_follow_documented_format) {
  WriteFile(work_ / "rules" / "example.rules", "host: example.org\nbody: .story\nstrip: .promo\n");
  WriteFile(work_ / "ex.html",
            "<html><head><title>Harbour news</title></head><body>\n"
            "<div class=\"top\">Top bar text that is not the story at all, none of it.</div>\n"
            "<div class=\"story\"><p>The tide came in late over the old harbour wall.</p>\n"
            "<div class=\"promo\">Buy our premium plan today and save money.</div></div>\n"
            "</body></html>\n");
  const std::regex form("explain: (.*): (\\S+:[0-9]+|generic:[a-z-]+): (.*)");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--explain", SputnikPage()},
        std::vector<std::string>{"--explain", "--rules", "rules", "--url",
                                 "https://www.example.org/a", "ex.html"}}) {
    RunResult r = Run(args);
    BOOST_TEST_INFO(r.Describe());
    BOOST_TEST(r.code() == 0);
    BOOST_TEST(IsValidUtf8(r.err));
    std::vector<std::string> lines = Lines(r.err);
    BOOST_TEST(!lines.empty());
    for (const std::string& line : lines) {
      BOOST_TEST_INFO("line: " << line);
      std::smatch m;
      const bool matched = std::regex_match(line, m, form);
      BOOST_TEST(matched);
      if (!matched) continue;
      BOOST_TEST(m[1].str() == args.back());
      BOOST_TEST(CodePoints(m[3].str()) <= 60u);
    }
  }
}

BOOST_AUTO_TEST_CASE(custom_site_rules_apply) {
  WriteFile(work_ / "myrules" / "example.rules",
            "# A site file for the test.\nhost: example.org\nbody: .story\nstrip: .promo\n");
  WriteFile(work_ / "ex.html",
            "<html><head><title>Harbour news</title></head><body>\n"
            "<div class=\"top\"><p>Top bar text that is not the story at all, none of it.</p></div>\n"
            "<div class=\"story\"><h1>Harbour news</h1>\n"
            "<p>First story paragraph about the harbour and the tide that came in late.</p>\n"
            "<div class=\"promo\">Buy our premium plan today and save a lot of money on it.</div>\n"
            "<p>Second story paragraph about the fishermen returning with a good catch.</p></div>\n"
            "<div class=\"other\"><p>Unrelated paragraph outside the story container, long enough "
            "to be content.</p></div>\n"
            "</body></html>\n");
  const std::string story =
      "Harbour news\n\n"
      "First story paragraph about the harbour and the tide that came in late.\n\n"
      "Second story paragraph about the fishermen returning with a good catch.\n";
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{}, std::vector<std::string>{"--no-generic-rules"}}) {
    std::vector<std::string> args = {"--rules", "myrules", "--url", "https://www.example.org/a"};
    args.insert(args.end(), extra.begin(), extra.end());
    args.push_back("ex.html");
    RunResult r = Run(args);
    BOOST_TEST_INFO(r.Describe() << " extra args: " << extra.size());
    BOOST_TEST(r.code() == 0);
    BOOST_TEST(r.out == story);
  }
  // The site file names the rule that removed the promo.
  RunResult explain =
      Run({"--explain", "--rules", "myrules", "--url", "https://www.example.org/a", "ex.html"});
  BOOST_TEST(Contains(explain.err, "myrules/example.rules:4: Buy our premium plan"));
  // Another host: the site file does not apply, so the outside text comes back.
  RunResult other = Run({"--rules", "myrules", "--url", "https://www.example.com/a", "ex.html"});
  BOOST_TEST_INFO(other.Describe());
  BOOST_TEST(other.code() == 0);
  BOOST_TEST(Contains(other.out, "Unrelated paragraph outside the story container"));
}

BOOST_AUTO_TEST_CASE(no_site_rules_falls_back_to_generic_rules) {
  RunResult r = Run({"--no-site-rules", SputnikPage()});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.out != SputnikExpected());
  BOOST_TEST(Contains(r.out, SputnikLead()));
  for (const char* absent : {"Pour participer aux discussions", "Заголовок открываемого материала",
                             "Tous droits réservés", "Mandel Ngan"}) {
    BOOST_TEST_INFO("absent: " << absent);
    BOOST_TEST(!Contains(r.out, absent));
  }
}

// ---------------------------------------------------------------- errors

BOOST_AUTO_TEST_CASE(unknown_option_is_a_usage_error) {
  RunResult r = Run({"--frobnicate", SputnikPage()});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 2);
  BOOST_TEST(Contains(r.err, "frobnicate"));
  BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(bad_option_values_are_usage_errors) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--max-depth", "0", SputnikPage()},
        std::vector<std::string>{"--max-bytes", "lots", SputnikPage()},
        std::vector<std::string>{"--max-depth", "ten", SputnikPage()},
        std::vector<std::string>{SputnikPage(), "--url"}}) {
    RunResult r = Run(args);
    BOOST_TEST_INFO(r.Describe() << " args: " << args[0] << " " << args[1]);
    BOOST_TEST(r.code() == 2);
    BOOST_TEST(!r.err.empty());
    BOOST_TEST(r.out.empty());
  }
}

// Regression: a negative count was accepted (Boost wrapped "-1" to
// SIZE_MAX), silently disabling the depth guard or the size limit.
// Documented: a bad value is a usage error, exit 2.
BOOST_AUTO_TEST_CASE(negative_counts_are_usage_errors) {
  for (const char* option : {"--max-depth", "--max-bytes"}) {
    RunResult r = Run({option, "-1", SputnikPage()});
    BOOST_TEST_INFO(option << " -1: " << r.Describe());
    BOOST_TEST(r.code() == 2);
    BOOST_TEST(r.out.empty());
  }
}

BOOST_AUTO_TEST_CASE(missing_file_among_good_ones) {
  WriteFile(work_ / "good.html", ReadFile(SputnikPage()));
  RunResult r = Run({"good.html", "missing.html"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 1);
  BOOST_TEST(Contains(r.out, SputnikExpected()));
  std::vector<std::string> lines = Lines(r.err);
  BOOST_TEST(lines.size() == 1u);
  BOOST_TEST(Contains(r.err, "pith: missing.html: "));

  // The order does not matter: a missing first input does not stop the next.
  RunResult first = Run({"missing.html", "good.html"});
  BOOST_TEST(first.code() == 1);
  BOOST_TEST(Contains(first.out, SputnikExpected()));
  BOOST_TEST(Contains(first.err, "pith: missing.html: "));
}

BOOST_AUTO_TEST_CASE(folder_without_html_fails) {
  WriteFile(work_ / "notes" / "readme.txt", "nothing here\n");
  RunResult r = Run({"notes"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 1);
  BOOST_TEST(Contains(r.err, "pith: notes: "));
  BOOST_TEST(Lines(r.err).size() == 1u);
  BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_CASE(unreadable_file_fails) {
  if (::geteuid() == 0) {
    BOOST_TEST_MESSAGE("running as root, which can read a mode-000 file: check skipped");
    return;
  }
  WriteFile(work_ / "good.html", ReadFile(SputnikPage()));
  WriteFile(work_ / "locked.html", ReadFile(SputnikPage()));
  BOOST_REQUIRE_EQUAL(::chmod((work_ / "locked.html").c_str(), 0), 0);
  RunResult r = Run({"good.html", "locked.html"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 1);
  BOOST_TEST(Contains(r.out, SputnikExpected()));
  BOOST_TEST(Contains(r.err, "pith: locked.html: "));
  BOOST_TEST(Lines(r.err).size() == 1u);
}

// Regression: a read error after the file was opened (EIO; here from
// /proc/self/mem, whose offset 0 is never mapped) escaped as an uncaught
// exception and aborted the batch. Documented: one `pith: <input>: ...`
// line, the other inputs still processed, exit 1.
BOOST_AUTO_TEST_CASE(read_error_is_reported_not_a_crash) {
  if (!fs::exists("/proc/self/mem")) {
    BOOST_TEST_MESSAGE("no /proc/self/mem: check skipped");
    return;
  }
  WriteFile(work_ / "good.html", ReadFile(SputnikPage()));
  RunResult r = Run({"/proc/self/mem", "good.html"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(!r.signaled());
  BOOST_TEST(r.code() == 1);
  BOOST_TEST(Contains(r.out, SputnikExpected()));
  BOOST_TEST(Contains(r.err, "pith: /proc/self/mem: "));
}

// Regression: when standard input could not be read (here it is a folder:
// read() fails with EISDIR), pith treated it as an empty page. Documented:
// a `pith: <stdin>: ...` error line, exit 1.
BOOST_AUTO_TEST_CASE(stdin_read_error_is_reported) {
  fs::create_directories(work_ / "a-folder");
  RunResult r = Run({"-"}, (work_ / "a-folder").string());
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(!r.signaled());
  BOOST_TEST(r.code() == 1);
  BOOST_TEST(Contains(r.err, "pith: <stdin>: "));
}

BOOST_AUTO_TEST_CASE(bad_rule_file_stops_everything) {
  WriteFile(work_ / "rules" / "bad.rules",
            "# a rule file with two errors\nstrip: div[\nfrobnicate: x\n");
  RunResult r = Run({"--rules", "rules", SputnikPage()});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 2);
  BOOST_TEST(Contains(r.err, "bad.rules:2:"));
  BOOST_TEST(Contains(r.err, "bad.rules:3:"));
  BOOST_TEST(Contains(r.err, "unknown directive"));
  BOOST_TEST(r.out.empty());
  // Nothing is cleaned with -o either: no output folder appears.
  RunResult to_dir = Run({"--rules", "rules", "-o", "out", SputnikPage()});
  BOOST_TEST(to_dir.code() == 2);
  BOOST_TEST(!fs::exists(work_ / "out"));
}

BOOST_AUTO_TEST_CASE(missing_rules_folder_is_a_rule_error) {
  RunResult r = Run({"--rules", "no-such-folder", SputnikPage()});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 2);
  BOOST_TEST(Contains(r.err, "no-such-folder"));
  BOOST_TEST(r.out.empty());
}

// ---------------------------------------------------------------- robustness

BOOST_AUTO_TEST_CASE(empty_file_is_handled) {
  WriteFile(work_ / "empty.html", "");
  RunResult r = Run({"empty.html"});
  CheckHandledGracefully(r, "empty.html");
  // Also on standard input.
  WriteFile(work_ / "empty-in.html", "");
  RunResult s = Run({}, (work_ / "empty-in.html").string());
  CheckHandledGracefully(s, "<stdin>");
}

BOOST_AUTO_TEST_CASE(random_binary_file_is_handled) {
  std::mt19937 rng(20240611);
  std::string bytes(64 * 1024, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  WriteFile(work_ / "noise.html", bytes);
  RunResult r = Run({"noise.html"});
  CheckHandledGracefully(r, "noise.html");
  // The same noise behind a plausible page start.
  WriteFile(work_ / "noisy-page.html", "<html><body><article><p>" + bytes);
  RunResult p = Run({"noisy-page.html"});
  CheckHandledGracefully(p, "noisy-page.html");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_and_nul_bytes_keep_surrounding_text) {
  const std::string bad = std::string("\xff\xfe") + std::string(1, '\0') + " here \xc3\x28 " +
                          std::string(1, '\0') + "\xe2\x82";
  const std::string para =
      "<p>Before the bad bytes " + bad + " and after them the paragraph ends.</p>";
  // Without a declared charset, and declared as UTF-8.
  WriteFile(work_ / "undeclared.html", "<html><body><article>" + para + "</article></body></html>");
  WriteFile(work_ / "declared.html",
            "<html><head><meta charset=\"utf-8\"></head><body><article>" + para +
                "</article></body></html>");
  for (const char* name : {"undeclared.html", "declared.html"}) {
    RunResult r = Run({name});
    CheckHandledGracefully(r, name);
    BOOST_TEST_INFO(name << ": " << r.Describe());
    BOOST_TEST(r.code() == 0);
    BOOST_TEST(Contains(r.out, "Before the bad bytes"));
    BOOST_TEST(Contains(r.out, "and after them the paragraph ends."));
  }
}

BOOST_AUTO_TEST_CASE(deep_nesting_is_flattened_quickly) {
  const size_t depth = 1000000;
  std::string page = "<html><body>";
  page.reserve(depth * 11 + 200);
  for (size_t i = 0; i < depth; ++i) page += "<div>";
  page += "<p>deep text survives</p>";
  for (size_t i = 0; i < depth; ++i) page += "</div>";
  page += "</body></html>\n";
  WriteFile(work_ / "deep.html", page);
  page.clear();
  page.shrink_to_fit();

  RunResult r = Run({"deep.html"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(!r.signaled());
  BOOST_TEST(r.code() == 0);
  BOOST_TEST(r.seconds < TimeLimit(2.0));
  BOOST_TEST(Contains(r.out, "deep text survives"));

  RunResult e = Run({"--explain", "deep.html"});
  BOOST_TEST_INFO(e.Describe());
  BOOST_TEST(e.code() == 0);
  BOOST_TEST(e.seconds < TimeLimit(2.0));
  BOOST_TEST(Contains(e.out, "deep text survives"));
  BOOST_TEST(Contains(e.err, "depth-guard"));
  BOOST_TEST(Contains(e.err, "explain: deep.html: generic:depth-guard: "));
}

BOOST_AUTO_TEST_CASE(large_page_and_max_bytes) {
  const size_t target = 20u << 20;
  std::string page = "<html><head><title>A very long page</title></head><body>\n<nav><ul>\n";
  page.reserve(target + 4096);
  for (int i = 0; page.size() < target / 5; ++i)
    page += "<li><a href=\"/section/" + std::to_string(i) + "\">Navigation entry " +
            std::to_string(i) + "</a></li>\n";
  page += "</ul></nav>\n<article><h1>A very long page</h1>\n";
  int last = 0;
  for (int i = 0; page.size() < target; ++i) {
    page += "<p>Paragraph " + std::to_string(i) +
            " of the long article tells how the river rose through the night and how the "
            "village kept its boats tied to the old stone pier.</p>\n";
    last = i;
  }
  page += "</article></body></html>\n";
  BOOST_REQUIRE_GE(page.size(), target);
  WriteFile(work_ / "big.html", page);
  page.clear();
  page.shrink_to_fit();

  // Over the default limit (16 MiB): one clear error line, exit code 1.
  RunResult refused = Run({"big.html"});
  BOOST_TEST_INFO(refused.Describe());
  BOOST_TEST(refused.code() == 1);
  BOOST_TEST(refused.out.empty());
  BOOST_TEST(Lines(refused.err).size() == 1u);
  BOOST_TEST(Contains(refused.err, "pith: big.html: "));
  BOOST_TEST(Contains(refused.err, "16777216"));

  RunResult r = Run({"--max-bytes", "33554432", "big.html"});
  BOOST_TEST_INFO(r.Describe());
  BOOST_TEST(r.code() == 0);
  std::vector<std::string> lines = Lines(r.out);
  BOOST_TEST_REQUIRE(lines.size() > 2u);
  BOOST_TEST(lines[0] == "A very long page");
  BOOST_TEST(Contains(r.out, "Paragraph 0 of the long article"));
  BOOST_TEST(Contains(r.out, "Paragraph " + std::to_string(last) + " of the long article"));
  BOOST_TEST(!Contains(r.out, "Navigation entry"));

  RunResult limited = Run({"--max-bytes", "1000000", "big.html"});
  BOOST_TEST_INFO(limited.Describe());
  BOOST_TEST(limited.code() == 1);
  BOOST_TEST(limited.out.empty());
  BOOST_TEST(Lines(limited.err).size() == 1u);
  BOOST_TEST(Contains(limited.err, "pith: big.html: "));
  BOOST_TEST(Contains(limited.err, "1000000"));

  // The limit holds on standard input too.
  RunResult piped = Run({"--max-bytes", "1000000"}, (work_ / "big.html").string());
  BOOST_TEST_INFO(piped.Describe());
  BOOST_TEST(piped.code() == 1);
  BOOST_TEST(Contains(piped.err, "pith: <stdin>: "));
  BOOST_TEST(Contains(piped.err, "1000000"));
}

// -j N: the output (stdout, -o files, explain lines and errors) is
// byte-identical for N = 1, 2 and 4, and in input order.
BOOST_AUTO_TEST_CASE(jobs_give_identical_output_in_input_order) {
  // 40 pages: the fixtures, repeated under numbered names, plus a missing one.
  std::vector<fs::path> pages;
  for (const auto& e : fs::directory_iterator(source_ / "fixtures"))
    pages.push_back(e.path() / "page.html");
  std::sort(pages.begin(), pages.end());
  std::vector<std::string> args;
  for (int i = 0; i < 40; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "in/p%02d.html", i);
    WriteFile(work_ / name, ReadFile(pages[i % pages.size()]));
    args.push_back(name);
  }
  args.insert(args.begin() + 7, "in/missing.html");
  std::string out1, err1;
  for (const char* jobs : {"1", "2", "4"}) {
    std::vector<std::string> a = {"-j", jobs, "--explain", "--no-progress"};
    a.insert(a.end(), args.begin(), args.end());
    RunResult r = Run(a);
    BOOST_TEST_INFO(r.Describe());
    BOOST_TEST(r.code() == 1);
    if (std::string(jobs) == "1") {
      out1 = r.out;
      err1 = r.err;
      BOOST_TEST(out1.find("==> in/p00.html <==") < out1.find("==> in/p39.html <=="));
    } else {
      BOOST_TEST(r.out == out1);
      BOOST_TEST(r.err == err1);
    }
    RunResult o = Run({"-j", jobs, "-o", std::string("out") + jobs, "in"});
    BOOST_TEST(o.code() == 0);
  }
  for (int i = 0; i < 40; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "p%02d.txt", i);
    std::string one = ReadFile(work_ / "out1" / name);
    BOOST_TEST(ReadFile(work_ / "out2" / name) == one);
    BOOST_TEST(ReadFile(work_ / "out4" / name) == one);
  }
}

BOOST_AUTO_TEST_CASE(progress_only_when_asked_or_on_a_terminal) {
  WriteFile(work_ / "d" / "a.html", ReadFile(SputnikPage()));
  WriteFile(work_ / "d" / "b.html", ReadFile(SputnikPage()));
  RunResult quiet = Run({"-o", "o1", "d"});  // stderr is a file here: no progress.
  BOOST_TEST(quiet.err.empty());
  RunResult forced = Run({"--progress", "-o", "o2", "d"});
  BOOST_TEST(forced.code() == 0);
  BOOST_TEST(Contains(forced.err, "docs/s"));
  RunResult off = Run({"--no-progress", "-o", "o3", "d"});
  BOOST_TEST(off.err.empty());
}

BOOST_AUTO_TEST_SUITE_END()
