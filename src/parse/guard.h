// guard: a cheap byte scan that makes a page safe for Gumbo before parsing.
//
// Gumbo 0.10.1 is quadratic in nesting depth (100,000 nested <div> take 22 s)
// and frees its tree recursively (1,000,000 nested <span> overflow the stack).
// The guard follows the HTML tokenizer far enough to track the stack of open
// elements (comments, rawtext elements such as <script>, quoted attribute
// values, void elements, self-closing tags and the common implied end tags of
// p/li/td/tr/option...), and tells HTML content from svg and math content
// (where <style> and <script> are markup, `/>` closes any element, <link> is
// not void, and an HTML start tag such as <p> or <i> pops back out to HTML).
// End tags close only what the tree builder closes: an element in scope (a
// table, a cell or, for span and unknown tags, any "special" element such
// as <pre> or <div> in between makes the end tag ignored); </html> and
// </body> close nothing; </form> removes the form alone; a formatting end
// tag with a block opened inside it (the adoption agency) closes nothing. A start tag that would open an element deeper than
// `max_depth` is dropped, and so is the end tag that would close it; the text
// inside is kept. The scan is linear in the input size.
//
// Formatting elements (b, i, a, font...) left unclosed are reopened by the
// tree builder after every paragraph; past 64 unclosed ones, further
// formatting start tags (and their end tags) are dropped, text kept, so that
// "<p><b x1><p><b x2>..." cannot grow the tree quadratically.
//
// A start tag with more than `max_attrs` attributes keeps the first ones and
// loses the rest. On ordinary pages (depth well under the cap) the guard
// changes nothing and copies nothing.
//
// Prescan() adds pruning, in the same pass: bytes that can never become
// article text are cut before Gumbo pays to parse them. These are the
// contents of <script> (except JSON-LD: any script tag naming "ld+json" or
// holding a character reference), <style>, <svg> (cut when its own </svg>
// closes it, with no tag in between that takes the parser out of svg),
// comments, all but the first character of each run of whitespace in text
// outside <pre> and <listing>, and (given a KeptAttributes) the attributes
// no later stage reads, the class tokens no rule reads, the <link> and
// <meta> elements no stage reads and the emptied <script> and <style>
// elements no rule selects. It can also stash long runs of text, of
// JSON-LD and of attribute values out of Gumbo's sight
// (KeptAttributes::stash_text), for Dom::Parse to put back. The other
// elements stay, empty, so the tree has the same elements (less those
// unread <link>, <meta>, <script> and <style>, which hold nothing) and the
// text pith extracts is the same with pruning on and off. Where the scan cannot
// follow the tokenizer (a script opening a comment and a nested <script>,
// whose end may not be the first </script>), pruning stops for the rest of
// the page. Given ElisionRules, it also elides the content of the elements
// the rules will remove (see ElisionRules). Inside <select> nothing is pruned, and no comment inside a
// table outside its cells (where a comment separates runs of table text,
// which the tree builder moves).
//
// <noscript> is read as a browser with scripting on reads it, with pruning
// on or off: its content is raw text up to </noscript> and is cut. Gumbo
// parses it as markup (scripting off), where an unclosed <div> inside
// keeps the <noscript> open around the rest of the page, and an <img> in a
// head <noscript> opens the body early; no stage reads noscript content.
#ifndef PITH_PARSE_GUARD_H_
#define PITH_PARSE_GUARD_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pith::parse {

// Attributes kept per start tag (Gumbo's duplicate check is quadratic: 40,000
// attributes on one tag take seconds). Browsers keep them all; no real page
// comes near.
constexpr size_t kDefaultMaxAttributes = 512;

struct GuardResult {
  bool modified = false;   // True when `html` holds a rewritten page.
  std::string html;        // The rewritten page, when modified.
  // The runs of text that `html` holds as placeholders (see
  // KeptAttributes::stash_text), in order; they point into the page given
  // to Prescan, into `owned`, or, for elided content, into static storage.
  // Give them to Dom::Parse with `html`.
  std::vector<std::string_view> stashed;
  // Storage for stashed runs that are not in the page as they are (class
  // values less their cut tokens); `stashed` points into it. As large as
  // the page, which bounds what it holds: it never moves.
  std::unique_ptr<char[]> owned;
  // The indices in `stashed` of the placeholders that stand for elided
  // content (see ElisionRules), ascending; give them to Dom::Parse too.
  std::vector<uint32_t> elided;
  // True when the page holds a <frameset> after elided content: the tree
  // builder honours a <frameset> only while no text came before it, and a
  // placeholder is text. The page must be prescanned again without
  // elision.
  bool elision_doubtful = false;
  size_t dropped_tags = 0;  // Start and end tags dropped.
  size_t pruned_bytes = 0;  // Bytes cut by pruning.
  size_t trimmed_tags = 0;  // Start tags whose extra attributes were dropped.
  size_t noscript_bytes = 0;  // <noscript> content cut (with or without pruning).
};

class ClassTokenFilter;
struct ElisionRules;

// Text stashing (KeptAttributes::stash_text): the placeholder's first code
// point, in UTF-8, and the shortest core stashed.
constexpr std::string_view kStashMarker = "\xF4\x8F\xBF\xBD";  // U+10FFFD
constexpr size_t kStashDigits = 4;  // Base 62: 0-9, A-Z, a-z.
constexpr size_t kMinStashed = 10;

// The attributes the later stages read. With pruning on and a
// KeptAttributes given, Prescan cuts every other attribute from the start
// tags of HTML content, so that Gumbo never tokenizes srcset, data-*,
// onclick... values: about a fifth of a typical page once its scripts are
// gone. The few attributes the tree builder itself reads in HTML content
// (an <input>'s `type`, which decides whether it is foster-parented in a
// table, and <isindex>'s `prompt`, which becomes text) are always kept, so
// the text is the same; only the tree's attribute lists shrink. So is the
// `type` of a <script> that may be JSON-LD (for the metadata: its tag names
// "ld+json" or holds a '&'); `type` elsewhere only when kept. (Formatting
// elements that differed only in cut attributes now look alike to the tree
// builder's "Noah's Ark" clause, which may reopen fewer of them around the
// same text.) Inside <svg> and <math>, nothing is cut.
//
// Given a ClassTokenFilter, the values of the `class` attributes kept are
// cut too, token by token (see ClassTokenFilter).
struct KeptAttributes {
  std::vector<std::string_view> names;  // Lower case, sorted, unique.
  bool anchor_href = true;  // Keep href on <a> and <area> (links rendered or matched).
  // When not null, each `class` value keeps only the tokens it says matter.
  const ClassTokenFilter* class_tokens = nullptr;
  // Kept attributes that matter only when their value holds one of a few
  // strings (the rules test `style` for "display:none" and nothing else):
  // such an attribute is cut when its value, as written, holds none of
  // them and no '&' (a character reference may decode to one), NUL or CR
  // (which the tokenizer rewrites). A later attribute of the same name on
  // the same tag, which the tokenizer ignores, is cut too. Sorted by name
  // (lower case); at most 64 are used.
  struct ValueFilter {
    std::string_view name;
    const std::vector<std::string>* needles;
  };
  std::vector<ValueFilter> value_filters;
  // When not null, the <link> and <meta> elements no stage reads are
  // dropped whole (both are void and hold no text), before the body (in
  // it, dropping one would make its neighbours siblings), in HTML content
  // outside a <select> and outside table text, and not right after a '<' or a <pre>
  // or <listing> start tag (where the cut would join bytes or let the tree
  // builder drop a newline): a <link> without `itemprop` (nor an attribute
  // of `read_if_present`) whose `rel` does not hold "canonical"; a <meta>
  // without these whose `http-equiv` does not hold "language", whose `name`
  // and `property` tokens (lower case) this function calls unread, and
  // whose `name` and `property` values hold none of `meta_keys`, ignoring
  // case. A value holding '&' counts as read.
  bool (*reads_meta_key)(std::string_view lower_key) = nullptr;
  // Strings (lower case) that rules test `name` and `property` values for;
  // may be null.
  const std::vector<std::string>* meta_keys = nullptr;
  // Attribute names (lower case, sorted) that make a <link> or <meta> read
  // whatever their values: a rule may select any element that has one (a
  // `.x` selector, one that names no tag, matches a <link class=x>); may be
  // null.
  const std::vector<std::string>* read_if_present = nullptr;
  // When true, a <script> or <style> whose content is cut goes whole
  // (start tag, end tag), anywhere in HTML content but where a <link> or
  // <meta> may not go either (see reads_meta_key: outside a <select> and
  // table text, not after a '<' or a <pre> or <listing> start tag), unless
  // it has `itemprop` or an attribute of `read_if_present`. Such an element
  // holds nothing, and the tree builder inserts it without touching
  // anything else (no formatting element is reopened for it, the insertion
  // mode comes back to where it was): only its neighbours, no longer
  // separated, differ, which no stage reads (rules::Apply's test for an
  // inline element inside running text looks past scripts and styles).
  // Set it only when no rule selects a <script> or <style> but to strip it.
  bool drop_raw_text = false;
  // When true, in the text between two tags of HTML content (outside
  // <select> and svg pruning), each run of characters the tokenizer passes
  // on as they are (no '&', '<', NUL, CR, other control characters, C1
  // controls or noncharacters; and, as a safety margin, no '>' or quote,
  // which end tags and comments) whose core, less the whitespace at both
  // ends, is at least kMinStashed bytes goes to Gumbo as a placeholder:
  // U+10FFFD then four ASCII letters or digits numbering it in
  // GuardResult::stashed. What is not passed on as it is stays, between
  // placeholders (a character reference stays whole). The tree builder
  // treats every character of a run alike but for whitespace, which stays
  // in place at both ends, so the placeholder lands where the run would
  // have, and Dom::Parse puts the run back: Gumbo never pays for the
  // characters of the text (a quarter of what it parsed). Not right after a
  // '<' in the output (which joins what follows into a tag); off on a page
  // that holds U+10FFFD anywhere, and from the first <frameset> on (there
  // the tree builder drops a run's characters but keeps its whitespace).
  // The same for a JSON-LD script's raw text, in runs between its '<'s
  // (the only character that may start its end tag), and for the quoted
  // value of a kept attribute, of at least 16 bytes, that the tree builder
  // never reads: not on formatting elements (the "Noah's Ark" clause
  // compares their attributes), <html>, <body>, <input> or <isindex>. A
  // class value stashed is what its cut tokens leave, copied to
  // GuardResult::owned.
  bool stash_text = false;
  // When not null (and stash_text on), the content of elements the rules
  // will remove is elided (see ElisionRules); `elision_stages` (may be
  // null) adds what pith's own stages read.
  const ElisionRules* elision = nullptr;
  const ElisionRules* elision_stages = nullptr;
  // True when an attribute named `lower_name` (lower case) of an element
  // with Gumbo tag `tag` is kept.
  bool Keeps(uint32_t tag, std::string_view lower_name) const;
};

// Which class tokens a later stage can read: the prescan asks, without
// knowing who answers (parse knows nothing of the rules; the answer is
// rules::ClassTokens, built once per RuleBook). Class values were a
// quarter of the bytes Gumbo still parsed once the prescan had cut
// scripts, styles and unread attributes, and most of their tokens
// (`col-md-8`, `u-desktop-only`) can never decide anything.
//
// With pruning on and a filter given, the prescan cuts from the first
// `class` attribute of each start tag it filters (HTML content, not <svg>
// or <math>) the tokens for which Matters() is false, and drops the
// attribute when none is left. The tokens kept stay in order, separated by
// one whitespace character each: the one that stood before the token (a
// space, but in odd markup), since the prescan only ever deletes bytes
// (the page it gives Gumbo is a subsequence of the page). Tokens are
// split at HTML whitespace, as every reader of class values splits them
// (`.name` selectors, and the class patterns, which split further at '-'
// and '_'), so the tokens left read the same. A token holding '&' is kept
// without asking: it may hold a character reference, and what the reader
// sees is its decoded form. A later `class` attribute on the same tag,
// which Gumbo ignores, is dropped (it must not take the place of a first
// one that was dropped). <html> and <body> keep their class values as they
// are: a second <html> or <body> tag lends the first one the attributes it
// lacks. The first `id` of a start tag is cut when IdMatters() says it
// does not matter (a later one, which Gumbo ignores, goes too), but on
// <html> and <body>. (As with cut attributes, formatting elements
// whose classes differed only in cut tokens now look alike to "Noah's
// Ark", which may reopen fewer of them around the same text.)
//
// Matters() may be called from several threads at once (one RuleBook
// serves every worker), and must give the same answer for the same token
// every time.
class ClassTokenFilter {
 public:
  virtual ~ClassTokenFilter() = default;
  // True when the whitespace-free class token `token` (raw bytes, as in the
  // page) can change what a later stage decides.
  virtual bool Matters(std::string_view token) const = 0;

  // What a token tells the elision (see ElisionRules), as bits: kMatters
  // (Matters() is true); kStrips, a rule removes any element holding it
  // (outside kept subtrees and layout wrappers), and kStripsSmall, the
  // same for elements holding less than ElisionRules::small_plain bytes
  // of plain text; kSubject, a rule that marks what it selects (keep,
  // body, article, title) may select an element holding it; kTitleSubject,
  // a title rule may (and reads its text). The default knows only
  // kMatters.
  enum : uint8_t {
    kMatters = 1, kStrips = 2, kStripsSmall = 4, kSubject = 8, kTitleSubject = 16
  };
  virtual uint8_t Classify(std::string_view token) const {
    return Matters(token) ? kMatters : 0;
  }

  // True when the id value `value` (raw bytes, as in the page, without '&',
  // NUL or CR) can change what a later stage decides. The default keeps
  // every id.
  virtual bool IdMatters(std::string_view value) const {
    (void)value;
    return true;
  }
};

// Elision: with pruning on, the prescan cuts the content of an element the
// rules will remove, before Gumbo parses it (two thirds of the elements a
// page holds are in such subtrees: menus, sidebars, comment threads, share
// bars). The start and end tags stay, with a placeholder in between that
// Dom::Parse turns into a run of as many 'x' as the content held bytes of
// plain text (non-whitespace, outside links; what the rules' layout guards
// and small-element tests count), so that every decision outside the
// element is taken on the same figures.
//
// An element is a candidate when its tag has kRemoves (or kRemovesOutside,
// with no element around it that a rule or stage reads), when one of its
// attributes passes a kRemoves test, or when a token of its first class
// attribute, or a piece of its id, is classified kStrips (or kStripsSmall,
// checked against small_plain once the content is counted); and when it
// is not an inline tag the rules spare inside running text (kInline), nor
// a formatting, void, raw-text, table, select, form, pre or template
// element. It stands in HTML content (not svg or math, not a <select>, not
// table text), and no element around it has its text read (kReadText: an
// <h1>, a title rule's subject...). Candidates nest: when an outer one is
// given up, an inner one may still be elided. Its content is elided only
// when the scan saw it through to its own end tag and saw nothing that
// makes the elision visible from outside:
//   - an element inside that a stage or a rule reads wherever it is
//     (kReadInside, or a kSubject class token): an <h1>, a <time>, a
//     <meta>, an `itemprop` the metadata reads, what a keep: rule
//     selects...;
//   - markup that acts beyond the element: a <template>, <html>, <head>,
//     <body> or <frameset> tag, </body>, </html>, a table part outside a
//     table of its own, a <title> or <plaintext>, a JSON-LD script, svg or
//     math content left whole, a tag other than an option in a <select>,
//     a <form> that would not open (the tree builder's form pointer is
//     set) or that stays open, a </form> for a form opened outside;
//   - the element closed by anything but its own end tag (a <p> closing
//     an outer <p>, an <li> closing an outer <li>...);
//   - formatting elements that act outside: an end tag for one opened
//     outside, one opened inside and left open, an <a> or <nobr> while
//     one may be active, a formatting element with three of its kind
//     active (the tree builder's "Noah's Ark" clause drops one);
//   - text whose plain bytes the scan cannot count exactly: a character
//     reference it does not know, NUL, control characters, C1 controls,
//     noncharacters;
//   - an <a> maybe left active and not open (the tree builder would put
//     the text inside into a link, and the placeholder whole).
// The content must also be at least kMinElided bytes long.
//
// Dom::Parse records the text nodes of the placeholders; Clean checks,
// after the rules ran, that each is inside a removed subtree, and cleans
// the page again without elision when one is not (a layout wrapper, a
// kept subtree, a site that turns the generic rules off).
constexpr size_t kMinElided = 64;
// Nor is content holding kMaxElidedPlain bytes of plain text or more: an
// element holding that much text is as often one the rules' layout guards
// spare (a page's main text in a "share" or "comments" wrapper) as one
// they remove, and a wrong guess costs the page a second pass.
constexpr size_t kMaxElidedPlain = 2000;

struct ElisionRules {
  // kInline: the rules spare an element of the tag whose class they match
  // when it stands inside running text.
  // kRemovesOutside: the rules remove such an element outside the article
  // scope (strip-outside:); a candidate when no element around it is one
  // a rule or stage reads (kReadInside: the article rules' subjects).
  enum : uint8_t {
    kRemoves = 1, kReadInside = 2, kReadText = 4, kInline = 8, kRemovesOutside = 16
  };
  // Per Gumbo tag number (GUMBO_TAG_LAST + 1 entries; GUMBO_TAG_UNKNOWN
  // stands for every tag Gumbo does not know): the flags above.
  std::vector<uint8_t> tags;
  // An element with attribute `name` (lower case) whose value holds
  // `needle` (lower case, ignoring ASCII case; "" for any value; a value
  // holding '&' holds any needle) gets `flags` (kReadInside, kReadText).
  // With flags kRemoves alone, a generic rule removes an element whose
  // attribute `name` passes the test `op` for `needle` (case-sensitive, as
  // a selector tests it), as written in the page (a value holding '&', NUL
  // or CR never passes).
  struct AttributeTest {
    enum Op : uint8_t { kContains, kExists, kEquals };
    std::string name;
    std::string needle;
    uint8_t flags;
    Op op = kContains;
  };
  std::vector<AttributeTest> attributes;
  size_t small_plain = 0;  // See ClassTokenFilter::kStripsSmall.

  uint8_t TagFlags(uint32_t id) const;
};

GuardResult CapDepth(std::string_view html, size_t max_depth);
GuardResult Prescan(std::string_view html, size_t max_depth, bool prune,
                    size_t max_attrs = kDefaultMaxAttributes,
                    const KeptAttributes* kept = nullptr);

}  // namespace pith::parse

#endif  // PITH_PARSE_GUARD_H_
