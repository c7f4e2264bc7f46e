// filter: text rules over the blocks, after extraction.
//
// 1. `drop-text:` patterns (site files first, then generic files): a block
//    whose whole text, with its lines joined by spaces, matches a pattern is
//    dropped. Copyright lines, photo credits and boilerplate phrases ("0
//    comments", "Loading...") are generic drop-text data in rules/.
// 2. The tail section, with the generic rules in force: a heading after the
//    article's last long paragraph (kLongParagraph characters or more) opens
//    a section that runs to the end. When that section holds under
//    kTailSection characters and no block of kTailProse characters or more
//    below its heading, it is what pages append under a heading of its own
//    ("Contact", "Tags", "More from this channel", a comment form's login
//    prompt), not a part of the article, and it is dropped. A closing
//    section with a paragraph of its own is kept.
// 3. Stop words (jusText-style paragraph classification). The `stopwords:`
//    lists in force give the page's language: the list with the most hits
//    over all blocks, if it covers at least kMinStopwordShare of the words
//    (and kMinStopwordHits words). A page in a language without a list
//    (Chinese, Arabic...) has none, and this step and the stop-word tests
//    of step 2 leave it alone. Running prose is dense with stop words, so a
//    "good" paragraph is a paragraph or quote of kLongParagraph characters
//    or more whose stop-word density is at least kGoodDensity times the
//    page's. Outside the article's prose, before its first good paragraph
//    and in the run of blocks that ends the page after its last one, a
//    short paragraph (under kShortLabel characters) without a single stop
//    word is a label, not a sentence: a kicker or section name, a dateline
//    or byline, a credit ("Foto: dpa" is caught by rules, "Reklama",
//    "Kategorie: News" are not), and it is dropped. A line of three words or
//    more closed by '.', '!' or '?' (no comma, not a number) is a sentence,
//    not a label, and stays. In step 2, with a
//    language known, a block of kTailProse characters counts as prose of
//    its own only when its density is at least kProseDensity times the
//    page's: a list of names or headlines flattened into a paragraph is
//    not prose.
// 4. The stray foreign-script filter, when a `foreign-script: on` line is in
//    force (a site file's line overrides the generic one). The page's
//    dominant script is the one with the most letters over all blocks and
//    the title. If it holds at least kMinDominantShare of those letters, a
//    block with at most `max-letters` letters of which more than `min-share`
//    are in other scripts is dropped: a Cyrillic UI string leaves a French
//    page, while a Russian page keeps its Cyrillic text, a French paragraph
//    quoting a Russian phrase keeps it (most of its letters are Latin), and
//    a page mixing scripts evenly is left alone.
#ifndef PITH_FILTER_FILTER_H_
#define PITH_FILTER_FILTER_H_

#include <string>
#include <vector>

#include "pith/document.h"
#include "rules/apply.h"

namespace pith::filter {

constexpr double kMinDominantShare = 0.6;
constexpr size_t kLongParagraph = 200;
constexpr size_t kTailSection = 800;
constexpr size_t kTailProse = 120;
constexpr size_t kMinStopwordHits = 10;
constexpr double kMinStopwordShare = 0.15;
constexpr double kGoodDensity = 0.8;
constexpr double kProseDensity = 0.5;
constexpr size_t kShortLabel = 70;

// The page's stop-word profile (step 3).
struct StopwordProfile {
  std::string lang;      // "" when no list fits the page.
  double density = 0;    // Stop words per word over the page, in `lang`.
  std::vector<uint32_t> words, stops;  // Per block; stops are in `lang`.
};

// Counts every block's words and, for each language of the `stopwords:`
// lines in force (site and generic files), its stop words; picks the page's
// language. One hash lookup per word and language.
StopwordProfile ProfileStopwords(const rules::ActiveRules& rules, const std::vector<Block>& blocks);

void Apply(const rules::ActiveRules& rules, const std::string& title, bool explain,
           std::vector<Block>* blocks, std::vector<Removal>* removals);

// The foreign-script settings in force: the first site file that sets one,
// else the first generic file that does, else off.
rules::ScriptFilterRule ScriptSettings(const rules::ActiveRules& rules);

}  // namespace pith::filter

#endif  // PITH_FILTER_FILTER_H_
