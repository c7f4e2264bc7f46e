#define BOOST_TEST_MODULE rulefile
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>

#include <gumbo.h>
#include <re2/re2.h>
#include <unistd.h>

#include "parse/guard.h"
#include "rules/apply.h"
#include "rules/book.h"
#include "rules/class_tokens.h"
#include "rules/rulefile.h"
#include "support.h"

#include <algorithm>

using namespace pith;
namespace fs = std::filesystem;

namespace {

// Parses `content` and returns all error lines joined by '\n'.
std::string Errors(const std::string& content) {
  rules::RuleFile f;
  std::vector<RuleError> errors;
  rules::ParseRuleFile("t.rules", content, &f, &errors);
  std::string out;
  for (const auto& e : errors) out += (out.empty() ? "" : "\n") + e.ToString();
  return out;
}

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("pith-rulefile-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  void Write(const std::string& name, const std::string& text) {
    fs::create_directories((path / name).parent_path());
    std::ofstream(path / name) << text;
  }
  static inline int counter = 0;
};

}  // namespace

BOOST_AUTO_TEST_CASE(a_valid_file_parses_every_directive) {
  rules::RuleFile f;
  std::vector<RuleError> errors;
  bool ok = rules::ParseRuleFile("site.rules",
                                 "# comment\n\n"
                                 "host: example.com\n"
                                 "host: *.example.org\n"
                                 "generic: off\n"
                                 "body: .story, .lead\n"
                                 "title: meta[property=\"og:title\"] @content\n"
                                 "strip: .promo\n"
                                 "strip-outside: header\n"
                                 "keep: .keep\n"
                                 "article: article\n"
                                 "strip-class: share|social\n"
                                 "good-class: content\n"
                                 "bad-class: sidebar\n"
                                 "drop-text: (?i)loading\n"
                                 "foreign-script: on max-letters=40 min-share=0.7\n"
                                 "test-file: some-fixture\n"
                                 "expect-present: kept text\n"
                                 "expect-absent: dropped text\n",
                                 &f, &errors);
  BOOST_TEST(ok);
  BOOST_TEST(errors.empty());
  BOOST_TEST(f.hosts.size() == 2u);
  BOOST_TEST(f.generic_off);
  BOOST_TEST(f.body.size() == 1u);
  BOOST_TEST(f.title[0].attr == "content");
  BOOST_TEST(f.title[0].origin.ToString() == "site.rules:7");
  BOOST_TEST(f.script.enabled);
  BOOST_TEST(f.script.max_letters == 40);
  BOOST_TEST(f.script.min_share == 0.7);
  BOOST_TEST(f.tests.size() == 1u);
  BOOST_TEST(f.tests[0].present[0] == "kept text");
  BOOST_TEST(f.tests[0].absent[0] == "dropped text");
}

BOOST_AUTO_TEST_CASE(every_error_message_names_file_and_line) {
  BOOST_TEST(Errors("frobnicate: x") == "t.rules:1: unknown directive 'frobnicate'");
  BOOST_TEST(Errors("\nstrip .x") == "t.rules:2: expected 'directive: value'");
  BOOST_TEST(Errors("strip:") == "t.rules:1: 'strip:' needs a value");
  BOOST_TEST(Errors("strip: div[") == "t.rules:1: bad selector: expected an attribute name at column 5");
  BOOST_TEST(Errors("title: h1 @") == "t.rules:1: expected an attribute name after '@'");
  BOOST_TEST(Errors("drop-text: (unclosed") ==
             "t.rules:1: bad pattern: missing ): (unclosed");
  // Patterns are parsed line by line but compiled per list at the end of the
  // file; one too large for RE2 is still reported at its own line.
  std::string huge;
  for (int k = 0; k < 30; ++k) huge += "(?:\\pL{1000})";
  BOOST_TEST(Errors("drop-text: abc\ndrop-text: " + huge + "\ndrop-text: x") ==
             "t.rules:2: bad pattern: pattern too large - compile failed");
  BOOST_TEST(Errors("host: exa mple.com") ==
             "t.rules:1: bad host pattern 'exa mple.com' (expected example.com or *.example.com)");
  BOOST_TEST(Errors("host: x.com\ngeneric: maybe") == "t.rules:2: 'generic:' takes 'on' or 'off'");
  BOOST_TEST(Errors("generic: off") ==
             "t.rules:1: 'generic: off' is only allowed in a site file (one with 'host:' lines)");
  BOOST_TEST(Errors("foreign-script: sometimes") ==
             "t.rules:1: 'foreign-script:' starts with 'on' or 'off'");
  BOOST_TEST(Errors("foreign-script: on max-letters=abc") ==
             "t.rules:1: bad foreign-script option 'max-letters=abc' (expected max-letters=N or min-share=0..1)");
  BOOST_TEST(Errors("foreign-script: on\nforeign-script: off") ==
             "t.rules:2: 'foreign-script:' given twice (first at line 1)");
  BOOST_TEST(Errors("expect-present: x") ==
             "t.rules:1: 'expect-present:' must follow a 'test-file:' line");
  BOOST_TEST(Errors("test-file: ../etc") == "t.rules:1: 'test-file:' takes a fixture name, not a path");
  BOOST_TEST(Errors(std::string("strip: a\0b", 10)) == "t.rules:1: NUL byte in line");
  // Several errors are all reported, in line order.
  BOOST_TEST(Errors("# c\nstrip: div[\nfrobnicate: x") ==
             "t.rules:2: bad selector: expected an attribute name at column 5\n"
             "t.rules:3: unknown directive 'frobnicate'");
}

BOOST_AUTO_TEST_CASE(pathological_patterns_stay_linear) {
  // RE2 has no backtracking: a classic catastrophic pattern compiles and
  // matches in linear time.
  rules::RuleFile f;
  std::vector<RuleError> errors;
  BOOST_REQUIRE(rules::ParseRuleFile("t.rules", "drop-text: (a+)+$", &f, &errors));
  std::string input(100000, 'a');
  input += "!";
  BOOST_TEST(!RE2::FullMatch(input, f.drop_text[0].pattern->re()));
}

BOOST_AUTO_TEST_CASE(host_patterns) {
  BOOST_TEST(rules::HostPatternMatches("example.com", "example.com"));
  BOOST_TEST(rules::HostPatternMatches("example.com", "WWW.Example.com"));
  BOOST_TEST(!rules::HostPatternMatches("example.com", "news.example.com"));
  BOOST_TEST(!rules::HostPatternMatches("example.com", "badexample.com"));
  BOOST_TEST(rules::HostPatternMatches("*.example.com", "fr.example.com"));
  BOOST_TEST(rules::HostPatternMatches("*.example.com", "a.b.example.com"));
  BOOST_TEST(!rules::HostPatternMatches("*.example.com", "example.com"));
  BOOST_TEST(rules::HostOfUrl("https://User@Fr.Example.com:8080/a?b#c") == "fr.example.com");
  BOOST_TEST(rules::HostOfUrl("//example.org/x") == "example.org");
  BOOST_TEST(rules::HostOfUrl("/relative/path") == "");
}

BOOST_AUTO_TEST_CASE(rulebook_lookup_tries_exact_host_then_parents) {
  TempDir dir;
  dir.Write("generic.rules", "strip: nav\n");
  dir.Write("sites/plain.rules", "host: example.com\nstrip: .a\n");
  dir.Write("sites/wild.rules", "host: *.example.com\nstrip: .b\n");
  dir.Write("sites/exact.rules", "host: news.example.com\nstrip: .c\n");
  std::vector<RuleError> errors;
  auto book = RuleBook::Load({dir.path.string()}, &errors);
  BOOST_REQUIRE(book);
  BOOST_TEST(book->generic_file_count() == 1u);
  BOOST_TEST(book->site_file_count() == 3u);
  auto name = [&](const std::string& host) {
    auto files = book->impl().SiteFilesFor(host);
    return files.empty() ? std::string("none") : fs::path(files[0]->path).filename().string();
  };
  BOOST_TEST(name("example.com") == "plain.rules");
  BOOST_TEST(name("www.example.com") == "plain.rules");
  BOOST_TEST(name("news.example.com") == "exact.rules");
  BOOST_TEST(name("fr.example.com") == "wild.rules");
  BOOST_TEST(name("a.fr.example.com") == "wild.rules");
  BOOST_TEST(name("example.org") == "none");
}

BOOST_AUTO_TEST_CASE(rulebook_reports_all_errors_and_returns_nothing) {
  TempDir dir;
  dir.Write("a.rules", "strip: nav\nbogus: 1\n");
  dir.Write("b.rules", "body: [\n");
  std::vector<RuleError> errors;
  auto book = RuleBook::Load({dir.path.string(), (dir.path / "missing").string()}, &errors);
  BOOST_TEST(!book);
  BOOST_REQUIRE(errors.size() == 3u);
  BOOST_TEST(errors[0].ToString() == (dir.path / "a.rules").string() + ":2: unknown directive 'bogus'");
  BOOST_TEST(errors[1].line == 1);
  BOOST_TEST(errors[2].message == "not a readable folder");
}

BOOST_AUTO_TEST_CASE(bundled_rules_load) {
  std::vector<RuleError> errors;
  auto book = RuleBook::Load({std::string(PITH_SOURCE_DIR) + "/rules"}, &errors);
  BOOST_TEST(errors.empty());
  BOOST_REQUIRE(book);
  BOOST_TEST(book->generic_file_count() >= 3u);
  auto files = book->impl().SiteFilesFor("fr.sputniknews.com");
  BOOST_REQUIRE(files.size() == 1u);
  BOOST_TEST(files[0]->path == "rules/sites/sputnik.rules");
  BOOST_TEST(book->impl().SiteFilesFor("fr.sputniknews.africa").size() == 1u);
  BOOST_TEST(book->impl().SiteFilesFor("sputnikglobe.com").size() == 1u);
}

BOOST_AUTO_TEST_CASE(pattern_sets_give_the_first_full_match_whichever_way_a_pattern_goes) {
  // Patterns with long counted repeats go behind a prefilter, the others
  // into one automaton; FirstFullMatch must answer as one-by-one matching.
  const std::string content =
      "drop-text: (?i).{0,200}(?:all rights reserved|все права защищены).{0,200}\n"
      "drop-text: (?i)\\s*(?:advertisement|anzeige)\\s*\n"
      "drop-text: .{0,100}(?:©|\\(c\\)).{0,100}\n"
      "drop-text: \\s*\\d{1,7}\\s*\n"
      "drop-text: (?i).{0,80}please enable javascript.{0,400}\n"
      "drop-text: (?i)\\s*(?:share this[^.]{0,40})\\s*\n";
  rules::RuleFile f;
  std::vector<RuleError> errors;
  BOOST_REQUIRE(rules::ParseRuleFile("t.rules", content, &f, &errors));
  BOOST_REQUIRE(f.drop_text_set);
  const std::vector<std::string> texts = {
      "© 2024 Example Media. All Rights Reserved.",  // 0 and 2: 0 comes first.
      "ВСЕ ПРАВА ЗАЩИЩЕНЫ © 2024",                   // Upper-case Cyrillic, pattern 0.
      "Advertisement",
      "  1234 ",
      "© Example",
      "Please enable JavaScript to view the comments.",
      "Share this on your favourite network",
      "A paragraph of an article that says nothing about rights, and is long enough.",
      std::string(300, 'x') + " all rights reserved",  // Over 200 before the phrase.
      ""};
  for (const std::string& t : texts) {
    int expected = -1;
    for (size_t k = 0; k < f.drop_text.size() && expected < 0; ++k)
      if (f.drop_text[k].pattern->FullMatch(t)) expected = static_cast<int>(k);
    BOOST_TEST_CONTEXT(t) { BOOST_TEST(f.drop_text_set->FirstFullMatch(t) == expected); }
  }
  BOOST_TEST(f.drop_text_set->FirstFullMatch(texts[0]) == 0);
  BOOST_TEST(f.drop_text_set->FirstFullMatch(texts[1]) == 0);
  BOOST_TEST(f.drop_text_set->FirstFullMatch(texts[5]) == 4);
  BOOST_TEST(f.drop_text_set->FirstFullMatch(texts[7]) == -1);
}

BOOST_AUTO_TEST_CASE(stopwords_lines_make_one_list_per_language) {
  rules::RuleFile f;
  std::vector<RuleError> errors;
  BOOST_TEST(rules::ParseRuleFile("sw.rules",
                                  "stopwords: en the of and\n"
                                  "stopwords: de der die über\n"
                                  "stopwords:   en  a\tto the\n"
                                  "stopwords: pt-br não você\n",
                                  &f, &errors));
  BOOST_TEST(errors.empty());
  BOOST_REQUIRE(f.stopwords.size() == 3u);
  BOOST_TEST(f.stopwords[0].lang == "en");
  BOOST_TEST(f.stopwords[0].words == 5u);
  BOOST_TEST(f.stopword_table.Find("to") == 1u);   // en
  BOOST_TEST(f.stopwords[0].origin.line == 1);
  BOOST_TEST(f.stopword_table.Find("über") == 2u);  // de
  BOOST_TEST(f.stopword_table.Find("the") == 1u);
  BOOST_TEST(f.stopword_table.Find("The") == 0u);
  BOOST_TEST(f.stopword_table.Find("th") == 0u);
  BOOST_TEST(f.stopwords[2].lang == "pt-br");
  BOOST_TEST(f.stopword_table.Find("você") == 4u);  // pt-br

  // A word in two languages' lists is found for both.
  rules::RuleFile g;
  BOOST_TEST(rules::ParseRuleFile("sw.rules", "stopwords: fr de la\nstopwords: es de el\n", &g, &errors));
  BOOST_TEST(g.stopword_table.Find("de") == 3u);
  BOOST_TEST(g.stopword_table.Find("la") == 1u);

  // Many words: the table grows and still finds every one.
  std::string many = "stopwords: en";
  for (int k = 0; k < 1000; ++k) {
    many += ' ';
    for (int n = k; n >= 0; n = n / 26 - 1) many += char('a' + n % 26);
  }
  rules::RuleFile h;
  BOOST_TEST(rules::ParseRuleFile("sw.rules", many, &h, &errors));
  BOOST_TEST(h.stopwords[0].words == 1000u);
  BOOST_TEST(h.stopword_table.Find("a") == 1u);
  BOOST_TEST(h.stopword_table.Find("zz") == 1u);
}

BOOST_AUTO_TEST_CASE(bad_stopwords_lines_are_errors) {
  BOOST_TEST(Errors("stopwords: en") == "t.rules:1: 'stopwords:' needs a language and at least one word");
  BOOST_TEST(Errors("stopwords: English the") ==
             "t.rules:1: bad language 'English' (expected a lower-case code such as en or pt-br)");
  BOOST_TEST(Errors("\nstopwords: en the The") == "t.rules:2: stop word 'The' is not one lower-case word");
  BOOST_TEST(Errors("stopwords: de Über") == "t.rules:1: stop word 'Über' is not one lower-case word");
  BOOST_TEST(Errors("stopwords: en don't") == "t.rules:1: stop word 'don't' is not one lower-case word");
  BOOST_TEST(Errors("stopwords: en a1") == "t.rules:1: stop word 'a1' is not one lower-case word");
  std::string langs;
  for (int k = 0; k < 65; ++k) langs += "stopwords: l" + std::string(1, char('a' + k / 26)) + char('a' + k % 26) + " w\n";
  BOOST_TEST(Errors(langs) == "t.rules:65: too many stop-word languages in one file (at most 64)");
}

BOOST_AUTO_TEST_CASE(words_are_letter_runs_in_lower_case) {
  std::vector<std::string> words;
  rules::ForEachWord("Don't ÜBER-Straße, 12 ÉTÉ «Привет» ĄŁ ΑΘΗΝΑ x", [&](std::string_view w) {
    words.emplace_back(w);
  });
  std::vector<std::string> want = {"don", "t", "über", "straße", "été", "привет", "ął", "αθηνα", "x"};
  BOOST_TEST(words == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_bundled_stopwords_cover_nine_languages) {
  const auto& generic = test::Bundled().impl().generic;
  std::vector<std::string> langs;
  for (const rules::RuleFile* f : generic)
    for (const auto& l : f->stopwords) {
      langs.push_back(l.lang);
      BOOST_TEST(l.words >= 100u, l.lang);
    }
  std::sort(langs.begin(), langs.end());
  std::vector<std::string> want = {"de", "en", "es", "fr", "it", "nl", "pl", "pt", "ru"};
  BOOST_TEST(langs == want, boost::test_tools::per_element());
}

namespace {
std::unique_ptr<const RuleBook> LoadDir(const TempDir& dir) {
  std::vector<RuleError> errors;
  auto book = RuleBook::Load({dir.path.string()}, &errors);
  for (const auto& e : errors) BOOST_TEST_MESSAGE(e.ToString());
  return book;
}
}  // namespace

BOOST_AUTO_TEST_CASE(class_tokens_that_matter_are_read_by_a_selector_or_a_class_pattern) {
  TempDir dir;
  dir.Write("generic.rules",
            "strip: div.Share-Box, p:not(.keep-me)\n"
            "good-class: body|content\n"
            "bad-class: x{64}\n");
  dir.Write("sites/x.rules", "host: x.com\nstrip: .site_only\nstrip-class-small: promo\n");
  auto book = LoadDir(dir);
  BOOST_REQUIRE(book);
  const parse::ClassTokenFilter* tokens = book->impl().class_tokens.get();
  BOOST_REQUIRE(tokens);
  for (int round = 0; round < 2; ++round) {  // The second round reads the cache.
    // Selector class names, :not() and site files included, compared whole
    // and case-sensitively.
    BOOST_TEST(tokens->Matters("Share-Box"));
    BOOST_TEST(tokens->Matters("keep-me"));
    BOOST_TEST(tokens->Matters("site_only"));
    BOOST_TEST(!tokens->Matters("share-box"));
    BOOST_TEST(!tokens->Matters("Share-Box-2"));
    BOOST_TEST(!tokens->Matters("site-only"));
    // A piece at '-' and '_', lower-cased, full-matched by a class pattern
    // of any file.
    BOOST_TEST(tokens->Matters("article-body"));
    BOOST_TEST(tokens->Matters("Article__CONTENT"));
    BOOST_TEST(tokens->Matters("promo_1"));
    BOOST_TEST(!tokens->Matters("bodywork"));
    BOOST_TEST(!tokens->Matters("ds-grid-float"));
    BOOST_TEST(!tokens->Matters("col-md-8"));
    // Pieces are cut to 64 bytes, as the readers cut them.
    BOOST_TEST(tokens->Matters(std::string(70, 'x')));
    BOOST_TEST(tokens->Matters("a-" + std::string(64, 'X') + "-b"));
    BOOST_TEST(!tokens->Matters(std::string(63, 'x')));
    BOOST_TEST(!tokens->Matters(std::string(64, 'y') + "body"));
    BOOST_TEST(tokens->Matters(std::string(300, 'y') + "-body"));  // Past the cached length.
  }
}

BOOST_AUTO_TEST_CASE(class_token_answers_stay_right_when_the_caches_fill_and_clear) {
  TempDir dir;
  dir.Write("generic.rules", "strip: .keep-me\nstrip-class: nav\n");
  auto book = LoadDir(dir);
  BOOST_REQUIRE(book);
  const parse::ClassTokenFilter* tokens = book->impl().class_tokens.get();
  BOOST_REQUIRE(tokens);
  // Three times as many distinct tokens as a cache holds, and prefixes of
  // one another ("t1", "t12", "t123"), so that the tables are cleared
  // between rounds and every probe meets keys of the same length.
  const int n = 3 * static_cast<int>(rules::ClassTokens::kMaxCached);
  int wrong = 0;
  for (int round = 0; round < 2; ++round) {
    for (int k = 0; k < n; ++k) {
      const std::string t = "t" + std::to_string(k);
      wrong += tokens->Matters(t);
      wrong += tokens->Matters(t + "-nav") != true;
      if (k % 1000 == 0) {
        wrong += tokens->Matters("keep-me") != true;
        wrong += tokens->Matters("keep-me-") != false;
        wrong += tokens->Matters("NAV_x") != true;
        wrong += tokens->Matters("navs") != false;
      }
    }
  }
  BOOST_TEST(wrong == 0);
}

BOOST_AUTO_TEST_CASE(selectors_naming_no_tag_make_meta_and_link_with_their_attributes_read) {
  TempDir dir;
  dir.Write("generic.rules", "strip: nav .menu, div#x, [role=navigation]\narticle: main > .a#b\n");
  dir.Write("sites/x.rules", "host: x.com\nbody: div .article__body[data-k=v]\n");
  auto book = LoadDir(dir);
  BOOST_REQUIRE(book);
  // Only the last compound counts (a <meta> is no one's ancestor), and only
  // when it names no tag: div#x adds nothing.
  BOOST_TEST(book->impl().untyped_attributes ==
                 (std::vector<std::string>{"class", "data-k", "id", "role"}),
             boost::test_tools::per_element());
  BOOST_TEST(!book->impl().reads_meta_or_link);
  // A last compound that tests for nothing may match any element.
  for (const char* rule : {"keep: *", "strip: div :not(.x)"}) {
    TempDir any;
    any.Write("generic.rules", std::string(rule) + "\n");
    auto b = LoadDir(any);
    BOOST_REQUIRE(b);
    BOOST_TEST(b->impl().reads_meta_or_link, rule);
  }
}

BOOST_AUTO_TEST_CASE(a_rule_reading_the_class_value_whole_turns_class_cutting_off) {
  for (const char* rule :
       {"strip: [class]", "keep: div:not([class^=x])", "article: p, [CLASS~=a]",
        "title: h1.t@class", "strip: .a [class*=\"b c\"]"}) {
    TempDir dir;
    dir.Write("generic.rules", "strip: .a\ngood-class: body\n");
    dir.Write("sites/x.rules", std::string("host: x.com\n") + rule + "\n");
    auto book = LoadDir(dir);
    BOOST_REQUIRE(book);
    BOOST_TEST((book->impl().class_tokens == nullptr), rule);
  }
  TempDir dir;
  dir.Write("generic.rules", "strip: [id], [data-class], .a:not(#b)\ntitle: h1@title\n");
  auto book = LoadDir(dir);
  BOOST_REQUIRE(book);
  BOOST_TEST((book->impl().class_tokens != nullptr));
}

BOOST_AUTO_TEST_CASE(two_books_never_share_answers_about_class_tokens) {
  TempDir a, b;
  a.Write("a.rules", "strip: .alpha\n");
  b.Write("b.rules", "strip: .beta\n");
  auto book_a = LoadDir(a);
  auto book_b = LoadDir(b);
  BOOST_REQUIRE(book_a);
  BOOST_REQUIRE(book_b);
  const parse::ClassTokenFilter& ta = *book_a->impl().class_tokens;
  const parse::ClassTokenFilter& tb = *book_b->impl().class_tokens;
  for (int round = 0; round < 2; ++round) {
    BOOST_TEST(ta.Matters("alpha"));
    BOOST_TEST(!tb.Matters("alpha"));
    BOOST_TEST(!ta.Matters("beta"));
    BOOST_TEST(tb.Matters("beta"));
  }
  // A book loaded where a freed one was gets answers of its own.
  book_a.reset();
  TempDir c;
  c.Write("c.rules", "strip: .beta\n");
  auto book_c = LoadDir(c);
  BOOST_REQUIRE(book_c);
  BOOST_TEST(!book_c->impl().class_tokens->Matters("alpha"));
}

BOOST_AUTO_TEST_CASE(drop_text_short_searches_blocks_up_to_a_length) {
  rules::RuleFile f;
  std::vector<RuleError> errors;
  BOOST_REQUIRE(rules::ParseRuleFile("t.rules",
                                     "drop-text-short: 20 (?i)subscribe\n"
                                     "drop-text-short: 40  \\bnewsletter\\b\n",
                                     &f, &errors));
  BOOST_REQUIRE(f.drop_text_short.size() == 2u);
  BOOST_TEST(f.drop_text_short[0].max_chars == 20u);
  BOOST_TEST(f.drop_text_short[1].pattern->source() == "\\bnewsletter\\b");
  BOOST_TEST(f.drop_text_short_max == 40u);
  BOOST_REQUIRE(f.drop_text_short_set);
  const rules::PatternSet& set = *f.drop_text_short_set;
  // Found anywhere in the block, case as the pattern says.
  BOOST_TEST(set.FirstMatchWithin("Please SUBSCRIBE now", 20) == 0);
  // Over the first rule's length, the second still applies.
  BOOST_TEST(set.FirstMatchWithin("Subscribe to the newsletter today", 33) == 1);
  BOOST_TEST(set.FirstMatchWithin("Subscribe to our service today, it is free", 42) == -1);
  BOOST_TEST(set.FirstMatchWithin("newsletters", 11) == -1);  // \b: a whole word.

  for (const char* line : {"drop-text-short: (?i)subscribe", "drop-text-short: 0 x",
                           "drop-text-short: 300", "drop-text-short: 1234567 x"})
    BOOST_TEST(Errors(line) ==
               "t.rules:1: 'drop-text-short:' needs a length (1 to 999999) and a pattern");
  BOOST_TEST(Errors("drop-text-short: 300 (x") == "t.rules:1: bad pattern: missing ): (x");
}

BOOST_AUTO_TEST_CASE(a_book_tells_the_prescan_what_it_removes_and_reads_for_elision) {
  TempDir dir;
  dir.Write("generic.rules",
            "strip: nav, aside.x, [role=navigation], [hidden], [style*=\"display:none\"]\n"
            "strip-outside: header\n"
            "strip-class: share|sidebar\n"
            "strip-class-small: ad\n"
            "good-class: content\n"
            "article: article, [itemprop=articleBody]\n");
  dir.Write("sites/x.rules",
            "host: x.com\nbody: .story__body\ntitle: h2.headline\ntitle: meta[name=t]@content\n"
            "keep: #box\n");
  auto book = LoadDir(dir);
  BOOST_REQUIRE(book);
  const parse::ElisionRules* e = book->impl().elision.get();
  BOOST_REQUIRE(e);
  using R = parse::ElisionRules;
  BOOST_TEST(e->TagFlags(GUMBO_TAG_NAV) == R::kRemoves);  // Bare tags only: not aside.x.
  BOOST_TEST(e->TagFlags(GUMBO_TAG_ASIDE) == 0);
  BOOST_TEST(e->TagFlags(GUMBO_TAG_HEADER) == R::kRemovesOutside);
  BOOST_TEST(e->TagFlags(GUMBO_TAG_ARTICLE) == R::kReadInside);
  BOOST_TEST(e->TagFlags(GUMBO_TAG_H2) == (R::kReadInside | R::kReadText));  // A title's.
  BOOST_TEST(e->TagFlags(GUMBO_TAG_META) == R::kReadInside);  // An @attr title reads no text.
  BOOST_TEST(e->TagFlags(GUMBO_TAG_SPAN) == R::kInline);
  BOOST_TEST(e->small_plain == rules::kSmallPlainBytes);
  auto has = [&](const std::string& name, const std::string& needle, uint8_t flags) {
    for (const auto& t : e->attributes)
      if (t.name == name && t.needle == needle && t.flags == flags) return true;
    return false;
  };
  BOOST_TEST(has("role", "navigation", R::kRemoves));
  BOOST_TEST(has("hidden", "", R::kRemoves));
  BOOST_TEST(has("style", "display:none", R::kRemoves));
  BOOST_TEST(has("itemprop", "articlebody", R::kReadInside));
  BOOST_TEST(has("id", "box", R::kReadInside));
  // Class tokens: what strips, what a keep:, body:, article: or title:
  // rule selects.
  const parse::ClassTokenFilter* tokens = book->impl().class_tokens.get();
  using F = parse::ClassTokenFilter;
  BOOST_TEST(tokens->Classify("share-tools") == (F::kMatters | F::kStrips));
  BOOST_TEST(tokens->Classify("top_ad") == (F::kMatters | F::kStripsSmall));
  BOOST_TEST(tokens->Classify("main-content") == F::kMatters);
  BOOST_TEST(tokens->Classify("story__body") == (F::kMatters | F::kSubject));
  BOOST_TEST(tokens->Classify("headline") == (F::kMatters | F::kSubject | F::kTitleSubject));
  BOOST_TEST(tokens->Classify("col-md-8") == 0);
  // Ids: an #id selector's, or one whose pieces a pattern reads, of three
  // words at most.
  BOOST_TEST(tokens->IdMatters("box"));
  BOOST_TEST(tokens->IdMatters("share-bar"));
  BOOST_TEST(!tokens->IdMatters("x-y"));
  BOOST_TEST(!tokens->IdMatters("please-share-this-post"));
  BOOST_TEST(!tokens->IdMatters(""));
  // A selector reading ids whole keeps them all.
  dir.Write("sites/z.rules", "host: z.com\nstrip: [id^=ad-]\n");
  auto whole = LoadDir(dir);
  BOOST_REQUIRE(whole);
  BOOST_TEST(whole->impl().class_tokens->IdMatters("x-y"));
  BOOST_TEST(whole->impl().class_tokens->IdMatters(""));
  // A rule that may select any element leaves nothing to elide.
  dir.Write("sites/y.rules", "host: y.com\nkeep: *\n");
  auto any = LoadDir(dir);
  BOOST_REQUIRE(any);
  BOOST_TEST(any->impl().elision == nullptr);
}
