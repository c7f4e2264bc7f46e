#define BOOST_TEST_MODULE filter
#include <boost/test/unit_test.hpp>

#include "filter/filter.h"
#include "filter/script.h"
#include "rules/book.h"
#include "support.h"

using namespace pith;
using filter::CountScripts;
using filter::Script;

namespace {

// Runs the filter stage with the bundled generic rules over paragraphs.
std::vector<std::string> Filter(const std::vector<std::string>& paragraphs,
                                const std::string& title = "") {
  rules::ActiveRules active;
  active.generic = test::Bundled().impl().generic;
  std::vector<Block> blocks;
  for (const auto& p : paragraphs) blocks.push_back({Block::Kind::kParagraph, 0, p, ""});
  std::vector<Removal> removals;
  filter::Apply(active, title, true, &blocks, &removals);
  std::vector<std::string> out;
  for (const auto& b : blocks) out.push_back(b.text);
  return out;
}

bool Kept(const std::string& text, const std::vector<std::string>& context) {
  std::vector<std::string> all = context;
  all.push_back(text);
  auto out = Filter(all);
  return std::find(out.begin(), out.end(), text) != out.end();
}

const std::vector<std::string> kFrench = {
    "Le ministre russe des Affaires étrangères a téléphoné samedi à son homologue américain.",
    "Les deux parties ont procédé à un échange de vues sur la situation en Syrie et au-delà."};
const std::vector<std::string> kRussian = {
    "Министр иностранных дел России провел телефонный разговор с госсекретарем США.",
    "Стороны обменялись мнениями о ситуации в Сирии и подтвердили намерение сотрудничать."};

}  // namespace

BOOST_AUTO_TEST_CASE(script_counts) {
  auto c = CountScripts("Hello, Привет 123 世界 ひらがな 한국 Ελλάδα مرحبا!");
  BOOST_TEST(c.of(Script::kLatin) == 5u);
  BOOST_TEST(c.of(Script::kCyrillic) == 6u);
  BOOST_TEST(c.of(Script::kCjk) == 2u + 4u + 2u);
  BOOST_TEST(c.of(Script::kGreek) == 6u);
  BOOST_TEST(c.of(Script::kArabic) == 5u);
  BOOST_TEST(c.total() == 5u + 6u + 8u + 6u + 5u);  // Digits and punctuation do not count.
  BOOST_TEST((CountScripts("Привет мир, hi").dominant() == Script::kCyrillic));
  BOOST_TEST(CountScripts("123 !?").total() == 0u);
}

BOOST_AUTO_TEST_CASE(script_shortcuts_agree_with_the_pattern_on_every_code_point) {
  // The counter classifies the commonest letters without re2; every code
  // point of the BMP it has a shortcut for must get re2's answer.
  size_t shortcuts = 0;
  for (uint32_t cp = 0x80; cp < 0x10000; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    int known = filter::KnownScript(cp);
    if (known == -2) continue;
    ++shortcuts;
    std::string ch;
    if (cp < 0x800) {
      ch += static_cast<char>(0xC0 | (cp >> 6));
    } else {
      ch += static_cast<char>(0xE0 | (cp >> 12));
      ch += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    ch += static_cast<char>(0x80 | (cp & 0x3F));
    BOOST_TEST_CONTEXT("U+" << std::hex << cp) {
      BOOST_TEST(filter::ClassifyByPattern(ch) == known);
    }
  }
  BOOST_TEST(shortcuts > 30000u);  // Latin-1, Russian, CJK, kana, Hangul, Arabic, punctuation.
}

BOOST_AUTO_TEST_CASE(stray_cyrillic_ui_string_leaves_a_french_page) {
  BOOST_TEST(!Kept("Заголовок открываемого материала", kFrench));
  BOOST_TEST(!Kept("Закрыть", kFrench));
}

BOOST_AUTO_TEST_CASE(russian_page_keeps_its_cyrillic_text) {
  BOOST_TEST(Kept("Заголовок открываемого материала", kRussian));
  auto out = Filter(kRussian);
  BOOST_TEST(out.size() == 2u);
}

BOOST_AUTO_TEST_CASE(french_paragraph_quoting_russian_keeps_it) {
  BOOST_TEST(Kept("Il a cité le proverbe « Тише едешь — дальше будешь » devant la presse.", kFrench));
}

BOOST_AUTO_TEST_CASE(long_foreign_paragraph_is_kept) {
  BOOST_TEST(Kept("Министр иностранных дел России Сергей Лавров провел телефонный разговор с "
                  "госсекретарем США Рексом Тиллерсоном по инициативе американской стороны.",
                  kFrench));
}

BOOST_AUTO_TEST_CASE(evenly_mixed_page_is_left_alone) {
  BOOST_TEST(Kept("Закрыть", {kFrench[0], kRussian[0]}));
}

BOOST_AUTO_TEST_CASE(copyright_lines_and_photo_credits) {
  for (const char* line :
       {"© AFP 2022 Mandel Ngan", "(c) 2023 Example Media", "Copyright 2021 The Paper",
        "© 2022 Sputnik. Tous droits réservés", "Alle Rechte vorbehalten.",
        "Todos los derechos reservados", "Tutti i diritti riservati",
        "Todos os direitos reservados", "Все права защищены", "All rights reserved.",
        "Hélène Marchetti. © AFP", "Foto: dpa", "Frachtschiff bei Kaub. Foto: dpa",
        "Photo : Reuters", "(Foto: Agentur)", "Credit: Jane Doe/Agency",
        "Die Brücke am Abend. (Foto: Agentur)", "Titelbild: Jane Doe",
        "Abbildung 4: Der Aufbau der Schneedecke im Querschnitt.",
        "Figure 2: Sales by region, 2019 to 2023", "Fig. 3b: The test bench",
        "Quelle: Landesregierung", "(Source: AFP)", "Quellenangaben:",
        "(Alle Angaben ohne Gewähr)"}) {
    BOOST_TEST_CONTEXT(line) { BOOST_TEST(!Kept(line, kFrench)); }
  }
  // A sentence about a figure is prose.
  BOOST_TEST(Kept("Figure 2 shows that sales rose in every region.", kFrench));
  BOOST_TEST(Kept("The source of the leak was never found, the police said on Monday.", kFrench));
  // A (c) in a legal reference, or a © in the middle of a sentence, is text.
  BOOST_TEST(Kept("The group plans to register as a 501(c)(4) social welfare organization.",
                  kFrench));
  BOOST_TEST(Kept("This is no manifesto© we just think it is worth sharing what we learned so "
                  "far, and we hope you will do the same.",
                  kFrench));
  BOOST_TEST(!Kept("Logo des Preises | © Springer", kFrench));
  // A long paragraph that mentions copyright law is article text.
  BOOST_TEST(Kept("Copyright law protects authors, and the new directive extends it to press "
                  "publishers, who may now license snippets of their articles to platforms.",
                  kFrench));
}

BOOST_AUTO_TEST_CASE(widget_residue_is_dropped_and_sentences_kept) {
  for (const char* line : {"0", " 12 ", "loader", "Chat", "Loading…", "Advertisement", "Anzeige",
                           "Publicité", "0 comments", "3 Kommentare", "Комментарии 0",
                           "Pour participer aux discussions, identifiez-vous ou créez-vous un compte",
                           "22.08.2023, 06:45 Uhr", "14:25 15.03.2023 2 418",
                           "Posted on October 14, 2023"}) {
    BOOST_TEST_CONTEXT(line) { BOOST_TEST(!Kept(line, kFrench)); }
  }
  BOOST_TEST(Kept("Chat with your doctor before changing the dose.", kFrench));
  BOOST_TEST(Kept("In 2023 there were 12 comments on the draft law.", kFrench));
}

BOOST_AUTO_TEST_CASE(drop_text_matches_the_whole_block_only) {
  rules::RuleFile f;
  std::vector<RuleError> errors;
  BOOST_REQUIRE(rules::ParseRuleFile("t.rules", "drop-text: (?i)read also", &f, &errors));
  rules::ActiveRules active;
  active.site = {&f};
  std::vector<Block> blocks = {{Block::Kind::kParagraph, 0, "Read also", ""},
                               {Block::Kind::kParagraph, 0, "Read also this sentence.", ""}};
  std::vector<Removal> removals;
  filter::Apply(active, "", true, &blocks, &removals);
  BOOST_REQUIRE(blocks.size() == 1u);
  BOOST_TEST(blocks[0].text == "Read also this sentence.");
  BOOST_REQUIRE(removals.size() == 1u);
  BOOST_TEST(removals[0].rule == "t.rules:1");
}

BOOST_AUTO_TEST_CASE(related_content_and_rating_prompts_are_dropped) {
  for (const char* line :
       {"You may also be interested in:", "Further reading", "Ähnliche Beiträge",
        "Das könnte dich auch interessieren", "Schon gelesen?", "Mehr zu Klima und Konsum",
        "Weitere Beiträge aus der Kolumne:", "Vous aimerez aussi", "Pour aller plus loin",
        "También puede interesarte", "Ti potrebbe interessare", "Was this article helpful?",
        "War der Artikel nützlich?", "Fanden Sie diesen Artikel hilfreich?"}) {
    BOOST_TEST_CONTEXT(line) { BOOST_TEST(!Kept(line, kFrench)); }
  }
  BOOST_TEST(Kept("Mehr zu diesem Thema sagte der Minister am Montag nichts. Er verwies auf die "
                  "Pressestelle.",
                  kFrench));
  BOOST_TEST(Kept("Was this article helpful to the court? The judges did not say.", kFrench));
}

namespace {

std::vector<std::string> FilterBlocks(const std::vector<Block>& in) {
  rules::ActiveRules active;
  active.generic = test::Bundled().impl().generic;
  std::vector<Block> blocks = in;
  std::vector<Removal> removals;
  filter::Apply(active, "", true, &blocks, &removals);
  std::vector<std::string> out;
  for (const auto& b : blocks) out.push_back(b.text);
  return out;
}

const std::string kLong =
    "The council met on Monday evening and agreed, after a long debate about the budget, to "
    "rebuild the old bridge over the river before the winter, as the engineers had asked in "
    "their report of last spring.";

}  // namespace

BOOST_AUTO_TEST_CASE(short_section_without_prose_after_the_article_is_dropped) {
  using K = Block::Kind;
  // A heading after the last long paragraph opens a short section of
  // labels: what the page appends (contact, tags, a login prompt).
  auto out = FilterBlocks({{K::kParagraph, 0, kLong, ""},
                           {K::kParagraph, 0, kLong + " Again.", ""},
                           {K::kHeading, 2, "Contact", ""},
                           {K::kParagraph, 0, "Press office, phone 555 0100", ""},
                           {K::kHeading, 3, "Keywords", ""}});
  BOOST_TEST(out.size() == 2u);
  // A closing section with a paragraph of its own is the article's.
  auto kept = FilterBlocks({{K::kParagraph, 0, kLong, ""},
                            {K::kHeading, 2, "What comes next", ""},
                            {K::kParagraph, 0,
                             "The works start in May and should last six months, the mayor told the council, "
                             "and the road along the river stays open to cars and bikes.",
                             ""}});
  BOOST_TEST(kept.size() == 3u);
  // A page of headings and short lines only has no long paragraph: untouched.
  auto list = FilterBlocks({{K::kHeading, 2, "Ingredients", ""},
                            {K::kParagraph, 0, "200 g flour", ""},
                            {K::kHeading, 2, "Steps", ""},
                            {K::kParagraph, 0, "Mix and bake.", ""}});
  BOOST_TEST(list.size() == 4u);
}

BOOST_AUTO_TEST_CASE(short_subscription_prompts_are_dropped) {
  for (const char* line :
       {"Subscribe now to our print edition for the full story.",
        "If you are already a subscriber, log in to read on.",
        "Get the best stories every week: sign up for our newsletter here.",
        "Abonnieren Sie unseren Newsletter und verpassen Sie nichts.",
        "Suscríbete y recibe las noticias del día."}) {
    BOOST_TEST_CONTEXT(line) { BOOST_TEST(!Kept(line, kFrench)); }
  }
  // A paragraph of the article that mentions subscriptions stays.
  BOOST_TEST(Kept("The ministry said the number of people who subscribe to the new service rose "
                  "by a third in March, with most of them in cities.",
                  kFrench));
}

BOOST_AUTO_TEST_CASE(calls_to_action_disclosures_and_notices_are_dropped) {
  for (const char* line :
       {"For the latest stories download the\u00A0Daily News apps\u00A0for iOS and Android.",
        "Get the latest news straight to your phone with our app.",
        "Follow us on Instagram for more recipes like this one!",
        "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.",
        "To view the full story, please subscribe. Cancel anytime.",
        "Kostenlos registrieren und weiterlesen",
        "We want to hear what you think about this article. Submit a letter to the editor.",
        "This post contains affiliate links. We may receive a commission when you buy through them.",
        "*Werbung. Dieser Beitrag enthält Werbung für eine Modemarke.",
        "The opinions expressed in this column are those of the author alone.",
        "This article is the copyrighted property of the Daily News. Written permission must be "
        "obtained before reprint.",
        "We use cookies to give you the best experience on our website."}) {
    BOOST_TEST_CONTEXT(line) { BOOST_TEST(!Kept(line, kFrench)); }
  }
  // Sentences of an article that only mention these things stay: the phrase
  // has to make up a short block.
  BOOST_TEST(Kept("The company said its new app for iOS had been downloaded two million times in "
                  "its first week, more than the old one in a year, and that a version for "
                  "Android would follow in the spring, once the tests in Brazil and India are "
                  "over and the servers have been moved to the new data centre near Dublin.",
                  kFrench));
  // Labels of page furniture, alone in their block.
  for (const char* label : {"Table of Contents", "Inhaltsverzeichnis", "About the author",
                            "Über den Autor", "Zurück zum Newsroom", "Next article",
                            "Vorschau auf den nächsten Artikel", "Externer Inhalt"}) {
    BOOST_TEST_CONTEXT(label) { BOOST_TEST(!Kept(label, kFrench)); }
  }
  // Widget residue: share prompts, blog footers, embed placeholders, login
  // and comment notices, download links, availability lines.
  for (const char* line :
       {"Möchten Sie den Artikel teilen?", "Share this story with your friends:",
        "This entry was posted in News. Bookmark the permalink.", "Posted in: Travel, Food",
        "Klicken Sie auf den unteren Button, um den Inhalt von www.example.de zu laden.",
        "Bitte halten Sie sich an unsere Netiquette.", "Sie sind aktuell nicht eingeloggt.",
        "Dieses Skript als PDF herunterladen", "Download (123 KB)", "RSS-Feed abonnieren",
        "Video verfügbar bis 28.02.2021", "Advertisement:", "Reklama"}) {
    BOOST_TEST_CONTEXT(line) { BOOST_TEST(!Kept(line, kFrench)); }
  }
  // The same words in a sentence stay.
  BOOST_TEST(Kept("The table of contents of the report lists eleven chapters.", kFrench));
  // The author's own line about where to follow them is not the site's call.
  BOOST_TEST(Kept("Ann Smith covers science for the paper. Follow her on Twitter @annsmith.",
                  kFrench));
}

namespace {

Block P(const std::string& text) { return {Block::Kind::kParagraph, 0, text, ""}; }
Block H(const std::string& text) { return {Block::Kind::kHeading, 2, text, ""}; }

const std::string kProse1 =
    "The council voted on Tuesday to approve the new budget for the city, after a debate that "
    "lasted for most of the evening and drew a large crowd of residents who wanted to be heard "
    "on the plans for the schools and the parks.";
const std::string kProse2 =
    "Most of the money will go to the repair of roads and bridges, which the mayor said had been "
    "neglected for years, and the rest will be spent on the libraries and on a new program for "
    "the young people of the town.";

}  // namespace

BOOST_AUTO_TEST_CASE(stopword_profile_picks_the_page_language) {
  rules::ActiveRules active;
  active.generic = test::Bundled().impl().generic;
  auto profile = filter::ProfileStopwords(active, {P(kProse1), P(kProse2), P("Kontakt")});
  BOOST_TEST(profile.lang == "en");
  BOOST_TEST(profile.density > 0.3);
  BOOST_TEST(profile.words[2] == 1u);
  BOOST_TEST(profile.stops[2] == 0u);
  // Chinese has no list: no language, whatever the page holds.
  auto zh = filter::ProfileStopwords(
      active, {P("市议会周二投票批准了新的城市预算，此前的辩论持续了整个晚上。"),
               P("大部分资金将用于修复道路和桥梁，其余资金将用于图书馆。")});
  BOOST_TEST(zh.lang == "");
}

BOOST_AUTO_TEST_CASE(bare_labels_around_the_prose_are_dropped) {
  auto out = FilterBlocks({P("Politics"), P("Local News Desk"), P(kProse1), P("Budget vote"),
                           P(kProse2), P("In other news:"), P("Related Coverage"), P("Reklama")});
  std::vector<std::string> want = {kProse1, "Budget vote", kProse2, "In other news:"};
  // The labels before the prose and the final run without a stop word go;
  // a label between paragraphs stays, and so does a line with a stop word
  // ("in"), which also ends the final run.
  BOOST_TEST(out == want, boost::test_tools::per_element());
  // Headings are not paragraphs: they stay.
  auto h = FilterBlocks({H("Budget Vote"), P(kProse1), P(kProse2)});
  BOOST_TEST(h.size() == 3u);
}

BOOST_AUTO_TEST_CASE(bare_labels_stay_without_a_page_language) {
  // Without long, stop-word dense paragraphs there is no prose to set the
  // labels apart from.
  auto out = FilterBlocks({P("Politics"), P("The vote is on Tuesday."), P("Galeria")});
  BOOST_TEST(out.size() == 3u);
  // A Chinese page has no stop-word list: its short lines stay.
  const std::string zh(
      "市议会周二投票批准了新的城市预算，此前的辩论持续了整个晚上，吸引了大批希望就学校和公园计划"
      "发表意见的居民。大部分资金将用于修复道路和桥梁，市长说这些道路和桥梁多年来一直被忽视，其余资金"
      "将用于图书馆和一个面向年轻人的新项目。");
  auto z = FilterBlocks({P("政治"), P(zh), P(zh + "。"), P("经济")});
  BOOST_TEST(z.size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_tail_section_of_names_is_not_prose) {
  // A heading after the article, over a long line of names: no stop words,
  // so not prose of its own, and the short section goes.
  const std::string names =
      "Anna Schmidt, Berlin; Carlos Pérez, Madrid; Jean Dupont, Paris; Maria Rossi, Rome; "
      "Piotr Nowak, Warsaw; Sven Larsen, Oslo";
  auto out = FilterBlocks({P(kProse1), P(kProse2), H("Contributors"), P(names)});
  std::vector<std::string> want = {kProse1, kProse2};
  BOOST_TEST(out == want, boost::test_tools::per_element());
  // A real closing section, with sentences, stays.
  const std::string closing =
      "The vote on the final plan will take place next month, and the council has asked the "
      "residents to send their comments before then.";
  auto kept = FilterBlocks({P(kProse1), P(kProse2), H("What comes next"), P(closing)});
  BOOST_TEST(kept.size() == 4u);
}

BOOST_AUTO_TEST_CASE(short_sentences_without_stop_words_are_not_labels) {
  // A closing line of a few words ending like a sentence is the author's,
  // even without a stop word of the page's language; labels, a lone word
  // with a full stop and an address split by commas still go.
  auto out = FilterBlocks({P("Great food. Friendly staff!"), P(kProse1), P(kProse2),
                           P("Truly wonderful evening!"), P("Ahmed Zarrouki, Avenue Bourguiba, Tunis."),
                           P("Done."), P("Related Coverage")});
  std::vector<std::string> want = {"Great food. Friendly staff!", kProse1, kProse2,
                                   "Truly wonderful evening!"};
  BOOST_TEST(out == want, boost::test_tools::per_element());
}
