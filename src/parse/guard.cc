#include "parse/guard.h"
#include "util/ascii.h"

#include <gumbo.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace pith::parse {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
using util::AsciiLower;

// Tags are tracked by id: Gumbo's enum for known tags, and 0x10000 plus a
// 16-bit hash of the name for the others (a collision between two unknown
// tags can only make an end tag close the wrong one of them).
constexpr uint32_t kUnknownBase = 0x10000;

// Formatting elements that may be open at once (see StartTag).
constexpr size_t kMaxFormatting = 64;

// Gumbo's tag names (lower case), hashed: TagId looks a name up here
// before it asks Gumbo, whose lookup costs some 200 instructions a tag.
class KnownTags {
 public:
  KnownTags() {
    for (int t = 0; t < GUMBO_TAG_UNKNOWN; ++t) {
      const char* name = gumbo_normalized_tagname(static_cast<GumboTag>(t));
      const size_t len = std::strlen(name);
      if (len == 0 || len > kMaxName) continue;
      size_t k = Hash(name, len);
      while (slots_[k].len != 0) k = (k + 1) % kSlots;
      std::memcpy(slots_[k].name, name, len);
      slots_[k].len = static_cast<uint8_t>(len);
      slots_[k].id = static_cast<uint16_t>(t);
    }
  }
  // The tag of `name` (lower case), or -1 when it is not one of Gumbo's.
  int Find(const std::string& name) const {
    if (name.empty() || name.size() > kMaxName) return -1;
    for (size_t k = Hash(name.data(), name.size());; k = (k + 1) % kSlots) {
      const Slot& s = slots_[k];
      if (s.len == 0) return -1;
      if (s.len == name.size() && std::memcmp(s.name, name.data(), s.len) == 0) return s.id;
    }
  }

 private:
  static constexpr size_t kMaxName = 15, kSlots = 1024;  // Gumbo knows about 150 tags.
  struct Slot {
    char name[kMaxName];
    uint8_t len = 0;
    uint16_t id = 0;
  };
  static size_t Hash(const char* s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < n; ++k) h = (h ^ static_cast<unsigned char>(s[k])) * 16777619u;
    return (h ^ (h >> 15)) % kSlots;
  }
  Slot slots_[kSlots];
};

uint32_t TagId(const std::string& name) {
  static const KnownTags known;
  const int found = known.Find(name);
  if (found >= 0) return static_cast<uint32_t>(found);
  GumboTag tag = gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size()));
  if (tag != GUMBO_TAG_UNKNOWN) return static_cast<uint32_t>(tag);
  uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return kUnknownBase | (h & 0xFFFF);
}

// Per-tag properties, built once and read-only afterwards.
struct TagTable {
  enum : uint8_t {
    kVoid = 1, kRawText = 2, kClosesP = 4, kHeading = 8, kButtonScope = 16, kFormatting = 32,
    kBreakout = 64, kSpecial = 128
  };
  uint8_t flags[GUMBO_TAG_LAST + 1] = {};
  TagTable() {
    for (GumboTag t : {GUMBO_TAG_AREA, GUMBO_TAG_BASE, GUMBO_TAG_BR, GUMBO_TAG_COL,
                       GUMBO_TAG_EMBED, GUMBO_TAG_HR, GUMBO_TAG_IMG, GUMBO_TAG_INPUT,
                       GUMBO_TAG_LINK, GUMBO_TAG_META, GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE,
                       GUMBO_TAG_TRACK, GUMBO_TAG_WBR, GUMBO_TAG_KEYGEN, GUMBO_TAG_BASEFONT,
                       GUMBO_TAG_BGSOUND, GUMBO_TAG_FRAME, GUMBO_TAG_IMAGE})
      flags[t] |= kVoid;
    // Elements whose content the tokenizer reads as raw text up to </name>.
    for (GumboTag t : {GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_XMP, GUMBO_TAG_IFRAME,
                       GUMBO_TAG_NOEMBED, GUMBO_TAG_NOFRAMES, GUMBO_TAG_TEXTAREA,
                       GUMBO_TAG_TITLE, GUMBO_TAG_PLAINTEXT})
      flags[t] |= kRawText;
    // Start tags that close an open <p> (HTML tree construction, "in body").
    for (GumboTag t : {GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,
                       GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS,
                       GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL, GUMBO_TAG_FIELDSET,
                       GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER, GUMBO_TAG_FORM,
                       GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
                       GUMBO_TAG_H6, GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_HR,
                       GUMBO_TAG_MAIN, GUMBO_TAG_MENU, GUMBO_TAG_NAV, GUMBO_TAG_OL, GUMBO_TAG_P,
                       GUMBO_TAG_PRE, GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY, GUMBO_TAG_TABLE,
                       GUMBO_TAG_UL, GUMBO_TAG_LI, GUMBO_TAG_DD, GUMBO_TAG_DT,
                       GUMBO_TAG_LISTING, GUMBO_TAG_XMP})
      flags[t] |= kClosesP;
    for (GumboTag t : {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5,
                       GUMBO_TAG_H6})
      flags[t] |= kHeading;
    // The tree builder's "formatting" elements, which it reopens after every
    // block that closed them while they are on its list of active ones.
    for (GumboTag t : {GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM,
                       GUMBO_TAG_FONT, GUMBO_TAG_I, GUMBO_TAG_NOBR, GUMBO_TAG_S, GUMBO_TAG_SMALL,
                       GUMBO_TAG_STRIKE, GUMBO_TAG_STRONG, GUMBO_TAG_TT, GUMBO_TAG_U})
      flags[t] |= kFormatting;
    // Start tags that take the tree builder out of svg and math content.
    for (GumboTag t : {GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY,
                       GUMBO_TAG_BR, GUMBO_TAG_CENTER, GUMBO_TAG_CODE, GUMBO_TAG_DD, GUMBO_TAG_DIV,
                       GUMBO_TAG_DL, GUMBO_TAG_DT, GUMBO_TAG_EM, GUMBO_TAG_EMBED, GUMBO_TAG_H1,
                       GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6,
                       GUMBO_TAG_HEAD, GUMBO_TAG_HR, GUMBO_TAG_I, GUMBO_TAG_IMG, GUMBO_TAG_LI,
                       GUMBO_TAG_LISTING, GUMBO_TAG_MENU, GUMBO_TAG_META, GUMBO_TAG_NOBR,
                       GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_PRE, GUMBO_TAG_RUBY, GUMBO_TAG_S,
                       GUMBO_TAG_SMALL, GUMBO_TAG_SPAN, GUMBO_TAG_STRONG, GUMBO_TAG_STRIKE,
                       GUMBO_TAG_SUB, GUMBO_TAG_SUP, GUMBO_TAG_TABLE, GUMBO_TAG_TT, GUMBO_TAG_U,
                       GUMBO_TAG_UL, GUMBO_TAG_VAR, GUMBO_TAG_FONT})
      flags[t] |= kBreakout;
    for (GumboTag t : {GUMBO_TAG_BUTTON, GUMBO_TAG_TABLE, GUMBO_TAG_TD, GUMBO_TAG_TH,
                       GUMBO_TAG_CAPTION, GUMBO_TAG_HTML, GUMBO_TAG_TEMPLATE, GUMBO_TAG_APPLET,
                       GUMBO_TAG_OBJECT, GUMBO_TAG_MARQUEE, GUMBO_TAG_SVG, GUMBO_TAG_MATH})
      flags[t] |= kButtonScope;
    // The tree builder's "special" elements: the end tag of an ordinary
    // element (span, an unknown tag...) closes it only if none of these
    // stands above it ("<n><pre></n>" leaves both open).
    for (GumboTag t : {GUMBO_TAG_ADDRESS, GUMBO_TAG_APPLET, GUMBO_TAG_AREA, GUMBO_TAG_ARTICLE,
                       GUMBO_TAG_ASIDE, GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND,
                       GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY, GUMBO_TAG_BR, GUMBO_TAG_BUTTON,
                       GUMBO_TAG_CAPTION, GUMBO_TAG_CENTER, GUMBO_TAG_COL, GUMBO_TAG_COLGROUP,
                       GUMBO_TAG_DD, GUMBO_TAG_DETAILS, GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL,
                       GUMBO_TAG_DT, GUMBO_TAG_EMBED, GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION,
                       GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER, GUMBO_TAG_FORM, GUMBO_TAG_FRAME,
                       GUMBO_TAG_FRAMESET, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4,
                       GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_HEAD, GUMBO_TAG_HEADER,
                       GUMBO_TAG_HGROUP, GUMBO_TAG_HR, GUMBO_TAG_HTML, GUMBO_TAG_IFRAME,
                       GUMBO_TAG_IMG, GUMBO_TAG_INPUT, GUMBO_TAG_KEYGEN, GUMBO_TAG_LI,
                       GUMBO_TAG_LINK, GUMBO_TAG_LISTING, GUMBO_TAG_MAIN, GUMBO_TAG_MARQUEE,
                       GUMBO_TAG_MENU, GUMBO_TAG_META, GUMBO_TAG_NAV, GUMBO_TAG_NOEMBED,
                       GUMBO_TAG_NOFRAMES, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_OBJECT, GUMBO_TAG_OL,
                       GUMBO_TAG_P, GUMBO_TAG_PARAM, GUMBO_TAG_PLAINTEXT, GUMBO_TAG_PRE,
                       GUMBO_TAG_SCRIPT, GUMBO_TAG_SECTION, GUMBO_TAG_SELECT, GUMBO_TAG_SOURCE,
                       GUMBO_TAG_STYLE, GUMBO_TAG_SUMMARY, GUMBO_TAG_TABLE, GUMBO_TAG_TBODY,
                       GUMBO_TAG_TD, GUMBO_TAG_TEMPLATE, GUMBO_TAG_TEXTAREA, GUMBO_TAG_TFOOT,
                       GUMBO_TAG_TH, GUMBO_TAG_THEAD, GUMBO_TAG_TITLE, GUMBO_TAG_TR,
                       GUMBO_TAG_TRACK, GUMBO_TAG_UL, GUMBO_TAG_WBR, GUMBO_TAG_XMP, GUMBO_TAG_MI,
                       GUMBO_TAG_MO, GUMBO_TAG_MN, GUMBO_TAG_MS, GUMBO_TAG_MTEXT,
                       GUMBO_TAG_ANNOTATION_XML, GUMBO_TAG_FOREIGNOBJECT, GUMBO_TAG_DESC})
      flags[t] |= kSpecial;
  }
  bool Has(uint32_t id, uint8_t flag) const { return id < kUnknownBase && (flags[id] & flag); }
};

const TagTable& Tags() {
  static const TagTable table;
  return table;
}

// The plain bytes (UTF-8, none of them whitespace) that the named
// character reference `name` (as in "&name;") decodes to, or -1 for a name
// outside this table of the common ones.
int NamedReferenceBytes(std::string_view name) {
  struct Ref {
    const char* name;
    int bytes;
  };
  static const Ref kRefs[] = {
      {"AElig", 2},  {"Aacute", 2}, {"Acirc", 2},  {"Agrave", 2}, {"Aring", 2},  {"Atilde", 2},
      {"Auml", 2},   {"Ccedil", 2}, {"Dagger", 3}, {"ETH", 2},    {"Eacute", 2}, {"Ecirc", 2},
      {"Egrave", 2}, {"Euml", 2},   {"Iacute", 2}, {"Icirc", 2},  {"Igrave", 2}, {"Iuml", 2},
      {"Ntilde", 2}, {"OElig", 2},  {"Oacute", 2}, {"Ocirc", 2},  {"Ograve", 2}, {"Oslash", 2},
      {"Otilde", 2}, {"Ouml", 2},   {"Prime", 3},  {"Scaron", 2}, {"THORN", 2},  {"Uacute", 2},
      {"Ucirc", 2},  {"Ugrave", 2}, {"Uuml", 2},   {"Yacute", 2}, {"Yuml", 2},   {"aacute", 2},
      {"acirc", 2},  {"acute", 2},  {"aelig", 2},  {"agrave", 2}, {"amp", 1},    {"apos", 1},
      {"aring", 2},  {"asymp", 3},  {"atilde", 2}, {"auml", 2},   {"bdquo", 3},  {"brvbar", 2},
      {"bull", 3},   {"ccedil", 2}, {"cedil", 2},  {"cent", 2},   {"check", 3},  {"circ", 2},
      {"copy", 2},   {"curren", 2}, {"dagger", 3}, {"darr", 3},   {"deg", 2},    {"divide", 2},
      {"eacute", 2}, {"ecirc", 2},  {"egrave", 2}, {"emsp", 3},   {"ensp", 3},   {"eth", 2},
      {"euml", 2},   {"euro", 3},   {"fnof", 2},   {"frac12", 2}, {"frac14", 2}, {"frac34", 2},
      {"frasl", 3},  {"ge", 3},     {"gt", 1},     {"harr", 3},   {"hearts", 3}, {"hellip", 3},
      {"iacute", 2}, {"icirc", 2},  {"iexcl", 2},  {"igrave", 2}, {"infin", 3},  {"iquest", 2},
      {"iuml", 2},   {"laquo", 2},  {"larr", 3},   {"ldquo", 3},  {"le", 3},     {"lrm", 3},
      {"lsaquo", 3}, {"lsquo", 3},  {"lt", 1},     {"macr", 2},   {"mdash", 3},  {"micro", 2},
      {"middot", 2}, {"minus", 3},  {"nbsp", 2},   {"ndash", 3},  {"ne", 3},     {"not", 2},
      {"ntilde", 2}, {"oacute", 2}, {"ocirc", 2},  {"oelig", 2},  {"ograve", 2}, {"oline", 3},
      {"ordf", 2},   {"ordm", 2},   {"oslash", 2}, {"otilde", 2}, {"ouml", 2},   {"para", 2},
      {"permil", 3}, {"plusmn", 2}, {"pound", 2},  {"prime", 3},  {"quot", 1},   {"raquo", 2},
      {"rarr", 3},   {"rdquo", 3},  {"reg", 2},    {"rlm", 3},    {"rsaquo", 3}, {"rsquo", 3},
      {"sbquo", 3},  {"scaron", 2}, {"sect", 2},   {"shy", 2},    {"sup1", 2},   {"sup2", 2},
      {"sup3", 2},   {"szlig", 2},  {"thinsp", 3}, {"thorn", 2},  {"tilde", 2},  {"times", 2},
      {"trade", 3},  {"uacute", 2}, {"uarr", 3},   {"ucirc", 2},  {"ugrave", 2}, {"uml", 2},
      {"uuml", 2},   {"yacute", 2}, {"yen", 2},    {"yuml", 2},   {"zwj", 3},    {"zwnj", 3}};
  auto it = std::lower_bound(std::begin(kRefs), std::end(kRefs), name,
                             [](const Ref& r, std::string_view n) { return r.name < n; });
  return it != std::end(kRefs) && it->name == name ? it->bytes : -1;
}

class Scanner {
 public:

  Scanner(std::string_view html, size_t max_depth, size_t max_attrs, bool prune,
          const KeptAttributes* kept)
      : html_(html), max_depth_(max_depth), max_attrs_(max_attrs), prune_(prune), kept_(kept) {}

  GuardResult Run() {
    size_t i = 0;
    const size_t n = html_.size();
    stash_ = prune_ && kept_ && kept_->stash_text &&
             html_.find(kStashMarker) == std::string_view::npos;
    if (kept_)
      for (std::string_view name : kept_->names) kept_bloom_ |= NameBit(name);
    elide_ = stash_ && kept_->elision && kept_->class_tokens;
    if (elide_)
      for (const ElisionRules* r : {kept_->elision, kept_->elision_stages})
        if (r)
          for (const ElisionRules::AttributeTest& t : r->attributes) attribute_bloom_ |= NameBit(t.name);
    while (i < n) {
      const char* lt = static_cast<const char*>(std::memchr(html_.data() + i, '<', n - i));
      const size_t text_end = lt ? static_cast<size_t>(lt - html_.data()) : n;
      if (!body_exists_) {
        for (size_t k = i; k < text_end; ++k)
          if (!IsSpace(html_[k])) {
            ImplyBody();
            break;
          }
      }
      // Text outside links and svg or math content is what the rules'
      // plain byte counts count.
      if (!cands_.empty() && foreign_ == 0 && OpenCount(GUMBO_TAG_A) == 0 && i < text_end)
        CountPlain(i, text_end);
      // Not in a <select>, where the tree builder ignores the end tags the
      // scan would pop: "<pre><select></pre>\n\n" leaves the <pre> open.
      const bool collapse = prune_ && foreign_ == 0 && svg_from_ == kNone && !in_select_ &&
                            OpenCount(GUMBO_TAG_PRE) == 0 && OpenCount(GUMBO_TAG_LISTING) == 0;
      if (stash_ && foreign_ == 0 && svg_from_ == kNone && !in_select_ &&
          text_end - i >= kMinStashed)
        StashRuns(i, text_end, true, collapse);
      else if (collapse)
        CollapseSpaces(i, text_end);
      if (!lt) break;
      i = text_end;
      if (i + 1 >= n) break;
      char c = html_[i + 1];
      if (c == '!' && Where() != Content::kHtml && html_.compare(i, 9, "<![CDATA[") == 0) {
        size_t e = html_.find("]]>", i + 9);
        i = (e == std::string_view::npos) ? n : e + 3;
      } else if (c == '!') {
        if (html_.compare(i, 4, "<!--") == 0) {
          size_t e;
          if (html_.compare(i, 5, "<!-->") == 0) e = i + 5;
          else if (html_.compare(i, 6, "<!--->") == 0) e = i + 6;
          else {
            // "--!>" also ends a comment; only one that starts before the
            // first "-->" matters, so the search stops there (searching the
            // whole rest of the page for each comment would be quadratic).
            size_t close = html_.find("-->", i + 4);
            size_t limit = close == std::string_view::npos ? n : close + 3;
            size_t bang = html_.substr(0, limit).find("--!>", i + 4);
            if (bang < close) close = bang + 1;
            e = (close == std::string_view::npos) ? n : close + 3;
          }
          // An unterminated comment runs to the end: left as it is. A
          // comment right after a '<' stays too: cutting it would join that
          // '<' to the next bytes ("<<!-->r" would become the tag "<r").
          // Nothing is pruned inside a <select> (see StartTag), nor where
          // the comment separates two runs of table text (see InTableText).
          // Nor one right after a <pre> or <listing>: the tree builder drops
          // a newline that comes next, and the comment keeps "\n" from
          // being next ("<pre><!---->\nx" keeps it).
          if (prune_ && !in_select_ && !InTableText() && e < n && (i == 0 || html_[i - 1] != '<') &&
              i != after_pre_)
            Elide(i, e);
          i = e;
        } else {
          size_t e = html_.find('>', i + 2);
          i = (e == std::string_view::npos) ? n : e + 1;
        }
      } else if (c == '?') {
        size_t e = html_.find('>', i + 2);
        i = (e == std::string_view::npos) ? n : e + 1;
      } else if (c == '/' && i + 2 < n && IsAlpha(html_[i + 2])) {
          i = EndTag(i);
      } else if (c == '/' && i + 2 < n) {
        // "</>" is dropped; "</" and anything else opens a bogus comment.
        // Gumbo 0.10.1 then takes the source text of the tags that follow,
        // up to the next character, as starting at the "</>": svg and
        // MathML elements and unknown ones among them lose their names
        // ("<svg></></svg>" does not close the svg). A cut that took the
        // "</>" away would give them back: no pending svg cut and no
        // elision candidate spans one.
        if (html_[i + 2] == '>') {
          svg_from_ = kNone;
          cands_.clear();
        }
        size_t e = html_.find('>', i + 2);
        i = (e == std::string_view::npos) ? n : e + 1;
      } else if (IsAlpha(c)) {
          i = StartTag(i);
      } else {
        // A '<' that starts no tag is text.
        if (foreign_ == 0 && OpenCount(GUMBO_TAG_A) == 0)
          for (Candidate& c : cands_) ++c.plain;
        ++i;
      }
    }
    if (result_.modified) out_.append(html_.substr(copied_));
    result_.html.swap(out_);
    return std::move(result_);
  }

 private:
  // Reads a tag name starting at `i`; returns the index after it.
  size_t ReadName(size_t i, std::string* name) {
    name->clear();
    while (i < html_.size() && !IsSpace(html_[i]) && html_[i] != '/' && html_[i] != '>') {
      if (name->size() < 64) name->push_back(AsciiLower(html_[i]));
      ++i;
    }
    return i;
  }

  // Case-insensitive search for `needle` (lower case) in html_[from, to).
  size_t FindNoCase(std::string_view needle, size_t from, size_t to) const {
    for (size_t i = from; i + needle.size() <= to; ++i) {
      if (needle[0] == '<') {  // Jump to the next '<'.
        const void* lt = std::memchr(html_.data() + i, '<', to - i);
        if (!lt) return std::string_view::npos;
        i = static_cast<const char*>(lt) - html_.data();
        if (i + needle.size() > to) return std::string_view::npos;
      }
      size_t m = 0;
      while (m < needle.size() && AsciiLower(html_[i + m]) == needle[m]) ++m;
      if (m == needle.size()) return i;
    }
    return std::string_view::npos;
  }

  // Script and style contents never become text. Kept: JSON-LD (metadata;
  // any script tag naming "ld+json" or holding a character reference), and
  // other raw text elements (xmp, noembed... are shown as text). Other
  // JSON (application/json state blobs, often the largest thing on a page)
  // is cut like code: the metadata reads a script's text only when its type
  // is application/ld+json, which a tag without "ld+json" cannot spell.
  bool PrunableRawText(size_t tag_begin, size_t content_begin) {
    if (name_ == "style") return true;
    if (name_ != "script") return false;
    return !MayBeJsonLd(tag_begin, content_begin);
  }

  // True when the script tag html_[tag_begin, tag_end) may have the type
  // application/ld+json, however it is written: "ld+json" in the tag, or a
  // character reference such as "application&#x2F;ld&#x2B;json".
  bool MayBeJsonLd(size_t tag_begin, size_t tag_end) const {
    return FindNoCase("ld+json", tag_begin, tag_end) != std::string_view::npos ||
           std::memchr(html_.data() + tag_begin, '&', tag_end - tag_begin) != nullptr;
  }

  // A script opening a comment and a nested <script> may not end at the
  // first </script> (the tokenizer's "double escaped" state): from there on
  // this scan cannot tell markup from script.
  bool MayBeDoubleEscaped(size_t content_begin, size_t content_end) const {
    return name_ == "script" &&
           FindNoCase("<!--", content_begin, content_end) != std::string_view::npos &&
           FindNoCase("<script", content_begin, content_end) != std::string_view::npos;
  }

  // Removes html_[begin, end) from the output. Cuts never overlap: a cut
  // cancels a pending <svg> cut (see StartTag) that would cover it.
  void Cut(size_t begin, size_t end) {
    svg_from_ = kNone;
    if (!result_.modified) {
      result_.modified = true;
      out_.reserve(html_.size());
    }
    out_.append(html_.substr(copied_, begin - copied_));
    copied_ = end;
  }

  // The byte the output ends with once the input up to html_[pos] is
  // written (no cut made beyond pos yet); 0 at the start. A stray '<' there
  // joins what comes next into a tag: "<<meta>p" without the <meta> is the
  // tag "<p", and after "<<k>" with <k> dropped by the depth cap, a
  // placeholder must not replace the text that the '<' joins.
  char LastOutputByte(size_t pos) const {
    if (copied_ < pos) return html_[pos - 1];
    return out_.empty() ? 0 : out_.back();
  }

  // Which characters the tokenizer passes on as they are, in text or in a
  // script's raw text: placeholders may stand for runs of them. Not: '<',
  // NUL, CR and the other control characters, invalid UTF-8, C1 controls
  // and noncharacters (Gumbo turns these into U+FFFD). In text not '&'
  // either (a character reference), nor, as a safety margin, '>' or a
  // quote, which end tags, attribute values and comments: where this scan
  // took for text what the tokenizer reads as part of a tag or a comment (a
  // model of the tokenizer can be wrong on hostile markup), a placeholder
  // then ends where the text did and hides nothing more. A script's raw
  // text ends where this scan found its end tag, and only a '<' can start
  // another one.
  //
  // PassedAscii(in_text)[c], for c < 0x80: 1 when passed on, else 0.
  static const uint8_t* PassedAscii(bool in_text) {
    struct Tables {
      uint8_t text[128], raw[128];
      Tables() {
        for (int c = 0; c < 128; ++c) {
          bool passed = c < 0x20 ? (c == '\t' || c == '\n' || c == '\f') : (c != 0x7F && c != '<');
          raw[c] = passed;
          text[c] = passed && c != '&' && c != '>' && c != '"' && c != '\'';
        }
      }
    };
    static const Tables tables;
    return in_text ? tables.text : tables.raw;
  }

  // The length of the UTF-8 sequence at html_[k] (a byte of 0x80 or more,
  // before `to`) when the tokenizer passes it on as it is; 0 when not.
  size_t PassedNonAsciiLength(size_t k, size_t to) const {
    const unsigned char* d = reinterpret_cast<const unsigned char*>(html_.data());
    const unsigned char c = d[k];
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || k + len > to) return 0;
    uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t j = 1; j < len; ++j) {
      if ((d[k + j] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (d[k + j] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    // C1 controls and noncharacters.
    if (cp <= 0x9F || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) return 0;
    return len;
  }

  // The first index from `k` on (up to `to`) whose byte may not be an
  // ASCII character PassedAscii(in_text) accepts: 16 bytes at a time where
  // SSE2 is there. The bytes it stops at are mostly whitespace and
  // non-ASCII, which the caller checks one by one.
  size_t SkipPassedAscii(size_t k, size_t to, bool in_text) const {
#ifdef __SSE2__
    const char* d = html_.data();
    const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F),
                  lt = _mm_set1_epi8('<'), amp = _mm_set1_epi8('&'), gt = _mm_set1_epi8('>'),
                  dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\'');
    while (k + 16 <= to) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(d + k));
      // Signed: bytes of 0x80 and more count as below 0x20.
      __m128i stop = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                  _mm_or_si128(_mm_cmpeq_epi8(v, del), _mm_cmpeq_epi8(v, lt)));
      if (in_text)
        stop = _mm_or_si128(stop, _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, amp),
                                                             _mm_cmpeq_epi8(v, gt)),
                                               _mm_or_si128(_mm_cmpeq_epi8(v, dq),
                                                            _mm_cmpeq_epi8(v, sq))));
      const int mask = _mm_movemask_epi8(stop);
      if (mask != 0) return k + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      k += 16;
    }
#else
    (void)to;
    (void)in_text;
#endif
    return k;
  }

  // The end of the run from html_[k] on (up to `to`) of characters the
  // tokenizer passes on as they are (PassedAscii(in_text),
  // PassedNonAsciiLength); k itself when html_[k] is not one.
  size_t PassedRunEnd(size_t k, size_t to, bool in_text) const {
    const unsigned char* d = reinterpret_cast<const unsigned char*>(html_.data());
    const uint8_t* passed = PassedAscii(in_text);
    for (;;) {
      k = SkipPassedAscii(k, to, in_text);
      while (k < to && d[k] < 0x80 && passed[d[k]]) ++k;
      size_t len;
      if (k < to && d[k] >= 0x80 && (len = PassedNonAsciiLength(k, to)) != 0) {
        k += len;
        continue;
      }
      return k;
    }
  }

  // Stashes (see KeptAttributes::stash_text) each run of html_[from, to)
  // made of characters the tokenizer passes on as they are (see
  // PassedAscii), less the whitespace at both ends, that is at least
  // kMinStashed bytes long; in text (`in_text`), with `collapse`, collapses
  // the whitespace between them (CollapseSpaces). In text, every run is a
  // run of characters the tree builder treats alike but for whitespace,
  // which stays in place at both ends and around what is not stashed, so
  // the placeholder lands where the run would have. A character reference
  // is left whole to the tokenizer: no run starts inside one ('&', then
  // any letters, digits and '#', and a ';'). Not right after a '<' in the
  // output, which joins what follows into a tag.
  void StashRuns(size_t from, size_t to, bool in_text, bool collapse) {
    const unsigned char* d = reinterpret_cast<const unsigned char*>(html_.data());
    size_t done = from;  // html_[from, done) is written or cut.
    // The whitespace a run starts with is passed on, and trimmed: the
    // first run starts after it. (Most runs of text between two tags are
    // whitespace alone.)
    size_t k = from;
    while (k < to && IsSpace(html_[k])) ++k;
    if (to - k < kMinStashed) {
      if (collapse) CollapseSpaces(from, to);
      return;
    }
    while (k < to && stashed_count_ < kMaxStashed) {
      size_t b = k;
      k = PassedRunEnd(k, to, in_text);
      if (k == b) {  // Not passed on: skipped, a character reference whole.
        if (in_text && d[k] == '&') {
          ++k;
          while (k < to && (IsAlpha(html_[k]) || (d[k] >= '0' && d[k] <= '9') || d[k] == '#')) ++k;
          if (k < to && d[k] == ';') ++k;
        } else {
          ++k;
        }
        continue;
      }
      size_t e = k;
      while (b < e && IsSpace(html_[b])) ++b;
      while (e > b && IsSpace(html_[e - 1])) --e;
      if (e - b < kMinStashed || (done == from && LastOutputByte(b) == '<')) continue;
      if (collapse) CollapseSpaces(done, b);
      Stash(b, e);
      done = e;
    }
    if (collapse) CollapseSpaces(done, to);
  }

  // Puts a placeholder in place of html_[begin, end) (see
  // KeptAttributes::stash_text).
  void Stash(size_t begin, size_t end) {
    Cut(begin, end);
    const size_t written = AppendPlaceholder(html_.substr(begin, end - begin));
    result_.pruned_bytes += (end - begin) - written;
  }

  // Appends a placeholder for `run` to the output; returns its size.
  size_t AppendPlaceholder(std::string_view run) {
    static constexpr char kDigits[] =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    out_.append(kStashMarker);
    size_t index = stashed_count_++;
    char digits[kStashDigits];
    for (size_t k = kStashDigits; k-- > 0; index /= 62) digits[k] = kDigits[index % 62];
    out_.append(digits, kStashDigits);
    result_.stashed.push_back(run);
    return kStashMarker.size() + kStashDigits;
  }

  // Cuts each run of whitespace in the text html_[from, to) to its first
  // character. Outside <pre> and <listing>, a run of HTML whitespace reads
  // as one space (pith's stages collapse it as CSS does), and for the tree
  // builder a run is whitespace exactly when its first character is; Gumbo
  // pays for every character it tokenizes, and indentation is a tenth of a
  // typical page.
  void CollapseSpaces(size_t from, size_t to) {
    const char* d = html_.data();
    for (size_t k = from; k + 1 < to; ++k) {
      if (!IsSpace(d[k]) || !IsSpace(d[k + 1])) continue;
      size_t e = k + 2;
      while (e < to && IsSpace(d[e])) ++e;
      Cut(k + 1, e);
      result_.pruned_bytes += e - (k + 1);
      k = e;
    }
  }

  // Prunes html_[begin, end), bytes that cannot become text. Inside an <svg>
  // whose whole content is about to be cut, the larger cut will cover it.
  void Elide(size_t begin, size_t end) {
    if (svg_from_ != kNone) return;
    Cut(begin, end);
    result_.pruned_bytes += end - begin;
  }

  // Drops the tag html_[begin, end) (depth and formatting caps), undoing
  // the attribute cuts CutAttributes made in it. A stray '<' right before
  // the tag is text ("<<k>": a '<' followed by '<' starts no tag); with the
  // tag gone it would join what follows into a tag of its own ("<<k>t"
  // would read as the tag "<t", and the text after it would be lost), so
  // it goes too, with any stray '<' before it: one character of text lost
  // rather than a run.
  void Drop(size_t begin, size_t end) {
    cands_.clear();  // The text would lose the '<' before the tag.
    UndoTagCuts(begin);
    size_t from = begin;
    while (from > copied_ && html_[from - 1] == '<') --from;
    const bool at_output_end = from == copied_;
    Cut(from, end);
    if (at_output_end)
      while (!out_.empty() && out_.back() == '<') out_.pop_back();
    ++result_.dropped_tags;
  }

  // Cuts the start tag html_[begin, end) of a void element no stage reads
  // (see KeptAttributes::reads_meta_key).
  void DropUnread(size_t begin, size_t end) {
    UndoTagCuts(begin);
    Cut(begin, end);
    result_.pruned_bytes += end - begin;
  }

  // Takes back the cuts made inside the start tag that begins at `begin`
  // (its attributes), and the values stashed, before the whole tag goes.
  void UndoTagCuts(size_t begin) {
    if (copied_ > begin) {
      out_.resize(tag_out_mark_);
      copied_ = tag_copied_mark_;
      result_.pruned_bytes = tag_pruned_mark_;
      result_.stashed.resize(tag_stashed_mark_);
      stashed_count_ = tag_stashed_mark_;
      owned_used_ = tag_owned_mark_;
    }
  }

  // True when the start tag whose attributes are in spans_ has `itemprop`
  // (the metadata reads microdata anywhere) or an attribute of
  // KeptAttributes::read_if_present.
  bool ReadIfPresent() {
    for (const AttrSpan& a : spans_) {
      LowerName(a, a.name_end, &lower_);
      if (std::string_view(lower_) == "itemprop") return true;
      if (kept_->read_if_present &&
          std::binary_search(kept_->read_if_present->begin(), kept_->read_if_present->end(),
                             lower_))
        return true;
    }
    return false;
  }

  // True when no stage reads the <link> or <meta> start tag `id` whose
  // attributes are in spans_ (see KeptAttributes::reads_meta_key).
  bool Unread(uint32_t id) {
    if (ReadIfPresent()) return false;
    bool rel = false, equiv = false, name = false, property = false;
    for (const AttrSpan& a : spans_) {
      LowerName(a, a.name_end, &lower_);
      // The tokenizer keeps the first of two same-named attributes.
      bool* seen = id == GUMBO_TAG_LINK ? (std::string_view(lower_) == "rel" ? &rel : nullptr)
                   : std::string_view(lower_) == "http-equiv" ? &equiv
                   : std::string_view(lower_) == "name"       ? &name
                   : std::string_view(lower_) == "property"   ? &property
                                            : nullptr;
      if (!seen || *seen) continue;
      *seen = true;
      size_t vb, ve;
      if (!ValueSpan(a, &vb, &ve)) continue;
      std::string_view value = html_.substr(vb, ve - vb);
      if (value.find('&') != std::string_view::npos) return false;
      if (seen == &rel || seen == &equiv) {
        if (ContainsLower(value, seen == &rel ? "canonical" : "language")) return false;
        continue;
      }
      // Tokens split as the metadata stage splits them (at \v too).
      auto space = [](char c) { return IsSpace(c) || c == '\v'; };
      for (size_t t = 0; t < value.size();) {
        if (space(value[t])) {
          ++t;
          continue;
        }
        size_t e = t;
        while (e < value.size() && !space(value[e])) ++e;
        if (kept_->reads_meta_key(AsciiLower(value.substr(t, e - t)))) return false;
        t = e;
      }
      // A rule's test may be for a part of the value ([name*=title]): any
      // value holding a string a rule tests for counts as read.
      if (kept_->meta_keys)
        for (const std::string& k : *kept_->meta_keys)
          if (ContainsLower(value, k)) return false;
    }
    return true;
  }

  // True when `value` holds a byte the tokenizer may rewrite in an
  // attribute value: '&' (a character reference), NUL or CR.
  static bool Rewritable(std::string_view value) {
    for (char c : value)
      if (c == '&' || c == '\0' || c == '\r') return true;
    return false;
  }

  // True when `text` holds `lower` (lower case ASCII), ignoring ASCII case.
  static bool ContainsLower(std::string_view text, std::string_view lower) {
    for (size_t k = 0; k + lower.size() <= text.size(); ++k) {
      size_t j = 0;
      while (j < lower.size() && AsciiLower(text[k + j]) == lower[j]) ++j;
      if (j == lower.size()) return true;
    }
    return false;
  }

  // `reads`: its ElisionRules read flags.
  void Push(uint32_t id, uint8_t reads) {
    stack_.push_back(id);
    stack_read_.push_back(reads);
    text_read_open_ += (reads & ElisionRules::kReadText) != 0;
    read_open_ += (reads & ElisionRules::kReadInside) != 0;
    ++Count(id);
    if (id == GUMBO_TAG_SVG || id == GUMBO_TAG_MATH) ++foreign_;
    if (id == GUMBO_TAG_TABLE)
      for (Candidate& c : cands_) ++c.tables;
  }

  void Pop() { Remove(stack_.size() - 1); }

  // The adoption agency algorithm, as it acts on the stack, for a
  // formatting element `subject` whose topmost entry is on the stack and
  // in scope (a formatting end tag, or an <a> or <nobr> start tag while
  // one is active). Up to eight rounds: the "furthest block", the first
  // special element (p, div, pre, table...) above the formatting element,
  // stays open with what is above it; of the elements in between, the
  // first three formatting ones (from the furthest block down) stay and the
  // others leave the stack, as does the formatting element itself, whose
  // copy goes on the stack right above the furthest block, for the next
  // round. With no furthest block, everything from the formatting element
  // up is popped, and the algorithm ends. ("<b><p><i>x</b>" leaves the <p>
  // current: the <b> and the <i> are off the stack.) The tree builder moves
  // elements around: elision candidates are given up, and a pending svg cut
  // too.
  void AdoptionAgency(uint32_t subject) {
    cands_.clear();
    svg_from_ = kNone;
    const TagTable& tags = Tags();
    for (int round = 0; round < 8; ++round) {
      size_t fmt = stack_.size();
      while (fmt > 0 && stack_[fmt - 1] != subject) --fmt;
      if (fmt == 0) return;
      --fmt;
      size_t fb = fmt + 1;
      while (fb < stack_.size() && !tags.Has(stack_[fb], TagTable::kSpecial)) ++fb;
      if (fb == stack_.size()) {
        while (stack_.size() > fmt) Pop();
        TakeOffActiveList(subject);
        return;
      }
      size_t counter = 0;
      for (size_t node = fb; node-- > fmt + 1;) {
        const uint32_t t = stack_[node];
        const bool formatting = tags.Has(t, TagTable::kFormatting);
        if (++counter > 3 && formatting) TakeOffActiveList(t);
        if (counter > 3 || !formatting) {
          Remove(node);
          --fb;
        }
      }
      Remove(fmt);
      --fb;
      Insert(fb + 1, subject);
    }
  }

  // The tree builder takes formatting element `id` off its list of active
  // formatting elements.
  void TakeOffActiveList(uint32_t id) {
    if (formatting_ > 0) --formatting_;
    if (active_count_[id] > 0) {
      --active_count_[id];
      --active_total_;
    }
  }

  // Puts `id` on the stack at position k (Push, for k == stack_.size()).
  // Nothing is read inside it, for the elision; only the adoption agency
  // inserts, and no candidate is open then.
  void Insert(size_t k, uint32_t id) {
    stack_.insert(stack_.begin() + static_cast<std::ptrdiff_t>(k), id);
    stack_read_.insert(stack_read_.begin() + static_cast<std::ptrdiff_t>(k), uint8_t{0});
    ++Count(id);
    if (id == GUMBO_TAG_SVG || id == GUMBO_TAG_MATH) ++foreign_;
  }

  // Takes entry k off the stack (the top but for </form>). An elision
  // candidate taken off by anything but its own end tag is given up, and
  // so is one below an entry taken out from under it.
  void Remove(size_t k) {
    const uint32_t id = stack_[k];
    --Count(id);
    if (id == GUMBO_TAG_SVG || id == GUMBO_TAG_MATH) --foreign_;
    // Candidates at k or above go, but for the one its end tag closes.
    while (!cands_.empty() && cands_.back().depth > k &&
           !(cands_.back().depth == k + 1 && closing_depth_ == k + 1))
      cands_.pop_back();
    if (id == GUMBO_TAG_TABLE)
      for (Candidate& c : cands_)
        if (c.depth <= k) --c.tables;
    text_read_open_ -= (stack_read_[k] & ElisionRules::kReadText) != 0;
    read_open_ -= (stack_read_[k] & ElisionRules::kReadInside) != 0;
    stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(k));
    stack_read_.erase(stack_read_.begin() + static_cast<std::ptrdiff_t>(k));
  }

  // Where the tree builder stands, from the top of the stack: in HTML
  // content; on an integration point (svg foreignObject, desc, title;
  // MathML mi, mo, mn, ms, mtext, annotation-xml), a foreign element whose
  // start tags are read as HTML; or in foreign content, where start tags
  // make foreign elements (<style>, <script>, <title> are not raw text,
  // `/>` closes any element, HTML's implied end tags do not apply). Above
  // the innermost <svg> or <math>, the elements up to the first integration
  // point are foreign; the ones above that point are HTML.
  enum class Content { kHtml, kIntegrationPoint, kForeign };
  Content Where() const {
    size_t ip;
    if (!InnermostIntegrationPoint(&ip)) return Content::kHtml;
    if (ip == kNone) return Content::kForeign;
    return ip == stack_.size() - 1 ? Content::kIntegrationPoint : Content::kHtml;
  }

  // False when no svg or MathML element is open. Else true, with *ip the
  // index of the lowest integration point of its kind (svg foreignObject,
  // desc, title; MathML mi, mo, mn, ms, mtext, annotation-xml) above the
  // innermost svg or MathML element, kNone when there is none (foreign
  // content).
  bool InnermostIntegrationPoint(size_t* ip) const {
    if (foreign_ == 0) return false;
    size_t svg_ip = kNone, math_ip = kNone;  // Lowest integration point seen.
    for (size_t k = stack_.size(); k-- > 0;) {
      const uint32_t t = stack_[k];
      if (t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) {
        *ip = t == GUMBO_TAG_SVG ? svg_ip : math_ip;
        return true;
      }
      if (t == GUMBO_TAG_FOREIGNOBJECT || t == GUMBO_TAG_DESC || t == GUMBO_TAG_TITLE) svg_ip = k;
      if (t == GUMBO_TAG_MI || t == GUMBO_TAG_MO || t == GUMBO_TAG_MN || t == GUMBO_TAG_MS ||
          t == GUMBO_TAG_MTEXT || t == GUMBO_TAG_ANNOTATION_XML)
        math_ip = k;
    }
    return false;
  }

  // In HTML content inside svg or MathML (above an integration point), the
  // index of the integration point, which is itself svg or MathML; kNone
  // elsewhere (on the integration point itself, end tags go by the rules
  // of foreign content, which close it by its name: "<svg><title>x</title>").
  // An HTML end tag never matches it, even by name ("<svg><title><m>
  // </title>": the svg <title> is no HTML <title>, and it bounds the end
  // tag's search: nothing closes).
  size_t IntegrationFloor() const {
    size_t ip;
    if (!InnermostIntegrationPoint(&ip) || ip == kNone || ip + 1 == stack_.size()) return kNone;
    return ip;
  }

  // True when the start tag html_[begin, end) has an attribute named
  // color, face or size (what makes <font> leave foreign content).
  bool HasFontBreakoutAttribute(size_t name_end, size_t end) const {
    std::vector<AttrSpan> spans;
    size_t attrs = 0, cut = 0;
    SkipAttributes(name_end, &attrs, &cut, &spans);
    std::string lower;
    for (const AttrSpan& a : spans) {
      LowerName(a, end, &lower);
      if (lower == "color" || lower == "face" || lower == "size") return true;
    }
    return false;
  }

  // Inside a table but outside its cells and caption, the tree builder
  // handles text specially: right inside a table, tbody, thead, tfoot or tr
  // it goes through "in table text" (a run with any non-space character is
  // moved out, in front of the table; a run of spaces stays in it), and
  // elements opened there are moved out ("foster parented") with the text
  // that follows them. A comment ends a run of text, so cutting one there
  // can join two runs and change where their text lands
  // ("<table>x</d>\n<!-->t": "\n" stays, "t" moves; "\nt" moves whole).
  // Comments are not pruned there.
  bool InTableText() {
    if (OpenCount(GUMBO_TAG_TABLE) == 0) return false;
    for (size_t k = stack_.size(); k-- > 0;) {
      const uint32_t t = stack_[k];
      if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION) return false;
      if (t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD ||
          t == GUMBO_TAG_TFOOT || t == GUMBO_TAG_TR)
        return true;
    }
    return false;
  }

  static bool IsTablePart(uint32_t id) {
    return id == GUMBO_TAG_TD || id == GUMBO_TAG_TH || id == GUMBO_TAG_TR ||
           id == GUMBO_TAG_TBODY || id == GUMBO_TAG_THEAD || id == GUMBO_TAG_TFOOT ||
           id == GUMBO_TAG_CAPTION;
  }

  int& Count(uint32_t id) { return id < kUnknownBase ? known_open_[id] : unknown_open_[id]; }
  int OpenCount(uint32_t id) {
    if (id < kUnknownBase) return known_open_[id];
    auto it = unknown_open_.find(id);
    return it == unknown_open_.end() ? 0 : it->second;
  }

  // Pops up to and including the nearest open `target`, unless a boundary
  // (`is_boundary(tag)`, or one of `boundaries`) is met first.
  template <typename Bound>
  void CloseIfOpen(uint32_t target, Bound is_boundary) {
    if (OpenCount(target) == 0) return;
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k] == target) {
        while (stack_.size() > k) Pop();
        return;
      }
      if (is_boundary(stack_[k])) return;
    }
  }
  void CloseIfOpen(uint32_t target, std::initializer_list<GumboTag> boundaries) {
    CloseIfOpen(target, [boundaries](uint32_t t) {
      for (GumboTag b : boundaries)
        if (t == static_cast<uint32_t>(b)) return true;
      return false;
    });
  }

  // Pops up to and including the nearest open `a` or `b`, walking down the
  // stack, unless a special element other than <address>, <div> and <p> is
  // met first (the loop of the tree builder's <li>, <dd> and <dt>).
  void CloseListItem(uint32_t a, uint32_t b) {
    for (size_t k = stack_.size(); k-- > 0;) {
      const uint32_t t = stack_[k];
      if (t == a || t == b) {
        while (stack_.size() > k) Pop();
        return;
      }
      if (Tags().Has(t, TagTable::kSpecial) && t != GUMBO_TAG_ADDRESS && t != GUMBO_TAG_DIV &&
          t != GUMBO_TAG_P)
        return;
    }
  }

  // Applies the implied end tags that the tree builder would apply before
  // inserting a start tag `id`.
  void ImpliedEnds(uint32_t id) {
    const TagTable& tags = Tags();
    auto top_is = [&](GumboTag t) { return !stack_.empty() && stack_.back() == static_cast<uint32_t>(t); };
    if (tags.Has(id, TagTable::kClosesP) && OpenCount(GUMBO_TAG_P) > 0) {
      for (size_t k = stack_.size(); k-- > 0;) {
        if (stack_[k] == GUMBO_TAG_P) {
          while (stack_.size() > k) Pop();
          break;
        }
        if (tags.Has(stack_[k], TagTable::kButtonScope)) break;
      }
    }
    // An <li> closes the nearest open <li>, a <dd> or <dt> the nearest <dd>
    // or <dt>, unless a special element other than <address>, <div> and
    // <p> stands in between ("<li><pre><li>" nests the second <li> in the
    // <pre>).
    if (id == GUMBO_TAG_LI && OpenCount(GUMBO_TAG_LI) > 0) CloseListItem(GUMBO_TAG_LI, GUMBO_TAG_LI);
    if ((id == GUMBO_TAG_DD || id == GUMBO_TAG_DT) &&
        (OpenCount(GUMBO_TAG_DD) > 0 || OpenCount(GUMBO_TAG_DT) > 0))
      CloseListItem(GUMBO_TAG_DD, GUMBO_TAG_DT);
    if (id == GUMBO_TAG_OPTION && top_is(GUMBO_TAG_OPTION)) Pop();
    if (id == GUMBO_TAG_OPTGROUP) {
      if (top_is(GUMBO_TAG_OPTION)) Pop();
      if (top_is(GUMBO_TAG_OPTGROUP)) Pop();
    }
    if (id == GUMBO_TAG_TD || id == GUMBO_TAG_TH) {
      for (GumboTag t : {GUMBO_TAG_TD, GUMBO_TAG_TH})
        CloseIfOpen(t, {GUMBO_TAG_TR, GUMBO_TAG_TABLE, GUMBO_TAG_HTML, GUMBO_TAG_TEMPLATE});
    }
    if (id == GUMBO_TAG_TR || id == GUMBO_TAG_TBODY || id == GUMBO_TAG_THEAD ||
        id == GUMBO_TAG_TFOOT) {
      for (GumboTag t : {GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_TR})
        CloseIfOpen(t, {GUMBO_TAG_TABLE, GUMBO_TAG_HTML, GUMBO_TAG_TEMPLATE});
    }
    if (id == GUMBO_TAG_TBODY || id == GUMBO_TAG_THEAD || id == GUMBO_TAG_TFOOT) {
      for (GumboTag t : {GUMBO_TAG_TBODY, GUMBO_TAG_THEAD, GUMBO_TAG_TFOOT})
        CloseIfOpen(t, {GUMBO_TAG_TABLE, GUMBO_TAG_HTML, GUMBO_TAG_TEMPLATE});
    }
    if (tags.Has(id, TagTable::kHeading) && !stack_.empty() &&
        tags.Has(stack_.back(), TagTable::kHeading))
      Pop();
    // A <button> closes an open one in (default) scope: not across a
    // table, a cell, an object... ("<button><table><button>" nests).
    if (id == GUMBO_TAG_BUTTON && OpenCount(id) > 0)
      CloseIfOpen(id, BoundsDefaultScope);
    if ((id == GUMBO_TAG_A || id == GUMBO_TAG_NOBR) && OpenCount(id) > 0 && active_count_[id] > 0) {
      // An <a> (a <nobr>) while one is active runs the adoption agency on
      // the open one, which then leaves the stack even when it is out of
      // scope (a <table> opened inside it). A cell, caption, applet, object,
      // marquee or template opened since puts a marker on the list of
      // active formatting elements: the open one is not found then.
      size_t k = stack_.size();
      bool in_scope = true;
      while (k > 0 && stack_[k - 1] != id) {
        const uint32_t t = stack_[--k];
        if (PushesMarker(t)) return;
        if (BoundsDefaultScope(t)) in_scope = false;
      }
      if (k == 0) return;
      if (in_scope) {
        AdoptionAgency(id);
      } else {
        cands_.clear();
        svg_from_ = kNone;
        Remove(k - 1);
        TakeOffActiveList(id);
      }
    }
  }

  // An attribute of the tag being scanned: html_[begin, name_end) is its
  // name, html_[begin, end) the whole of it, value and quotes included.
  struct AttrSpan {
    size_t begin, name_end, end;
  };

  // Sets *out to attribute a's name (ending at `end` at the latest), in
  // lower case, as the tokenizer reads it.
  void LowerName(const AttrSpan& a, size_t end, std::string* out) const {
    const size_t stop = std::min(a.name_end, end);
    out->assign(html_.data() + a.begin, stop > a.begin ? stop - a.begin : 0);
    for (char& c : *out) c = AsciiLower(c);
  }

  // Skips a tag's attributes from `i` to its closing '>' (returned; the
  // input size when the tag never ends), counting them in *attrs and
  // recording in *cut where the (max_attrs_ + 1)-th one starts. With
  // `spans`, records the first max_attrs_ attributes there.
  size_t SkipAttributes(size_t i, size_t* attrs, size_t* cut, std::vector<AttrSpan>* spans) const {
    const size_t n = html_.size();
    // The tokenizer's attribute states, as far as they decide where the tag
    // ends: a quote only opens a value right after the '=' that follows an
    // attribute name ("<a ='>'" is an attribute named "='" and the tag ends
    // at the first '>').
    enum { kBeforeName, kName, kAfterName, kBeforeValue, kValue } state = kBeforeName;
    AttrSpan* span = nullptr;  // The attribute being read, when recorded.
    auto start = [&](size_t at) {
      if (++*attrs == max_attrs_ + 1) *cut = at;
      span = nullptr;
      if (spans && *attrs <= max_attrs_) {
        spans->push_back({at, at + 1, at + 1});
        span = &spans->back();
      }
    };
    while (i < n && html_[i] != '>') {
      char c = html_[i];
      switch (state) {
        case kBeforeName:
          if (!IsSpace(c) && c != '/') {
            state = kName;
            start(i);
          }
          break;
        case kName:
          if (IsSpace(c)) {
            state = kAfterName;
          } else if (c == '/') {
            state = kBeforeName;
          } else if (c == '=') {
            state = kBeforeValue;
            if (span) span->end = i + 1;
          } else if (span) {
            span->name_end = span->end = i + 1;
          }
          break;
        case kAfterName:
          if (c == '=') {
            state = kBeforeValue;
            if (span) span->end = i + 1;
          } else if (c == '/') {
            state = kBeforeName;
          } else if (!IsSpace(c)) {
            state = kName;
            start(i);
          }
          break;
        case kBeforeValue:
          if (c == '"' || c == '\'') {
            size_t q = html_.find(c, i + 1);
            if (q == std::string_view::npos) return n;  // Unterminated: EOF in tag.
            i = q;
            state = kBeforeName;
            if (span) span->end = q + 1;
          } else if (!IsSpace(c)) {
            state = kValue;
            if (span) span->end = i + 1;
          }
          break;
        case kValue:
          if (IsSpace(c)) state = kBeforeName;
          else if (span) span->end = i + 1;
          break;
      }
      ++i;
    }
    return i;
  }

  // Cuts the attributes of start tag `id` that kept_ does not keep, and the
  // class tokens that kept_->class_tokens says do not matter (see
  // ClassTokenFilter): from the first `class`, the tokens; any later one
  // (which Gumbo ignores) goes whole. <html> and <body> keep theirs: a second such
  // tag lends its attributes to the first where it lacks them.
  void CutAttributes(uint32_t id) {
    const bool cut_classes =
        kept_->class_tokens && id != GUMBO_TAG_HTML && id != GUMBO_TAG_BODY;
    const bool cut_values = id != GUMBO_TAG_HTML && id != GUMBO_TAG_BODY;
    // Values the tree builder never reads go to Gumbo as placeholders (see
    // StashValue): not on formatting elements, whose attributes the tree
    // builder compares ("Noah's Ark"), nor on <html> and <body>, whose
    // attributes a second such tag adds to, nor on <input> (its type) and
    // <isindex> (its prompt becomes text).
    const bool stash_values = stash_ && cut_values && id != GUMBO_TAG_INPUT &&
                              id != GUMBO_TAG_ISINDEX && !Tags().Has(id, TagTable::kFormatting);
    bool class_seen = false, id_seen = false;
    uint64_t values_seen = 0;  // Bit k: value_filters[k] named by an earlier attribute.
    for (const AttrSpan& a : spans_) {
      LowerName(a, a.name_end, &lower_);
      if (cut_classes && std::string_view(lower_) == "class") {
        if (class_seen || !CutClassTokens(a, stash_values)) CutAttribute(a);
        class_seen = true;
        continue;
      }
      if (cut_classes && std::string_view(lower_) == "id") {
        const bool first = !id_seen;
        id_seen = true;
        if (!first || !IdMatters(a)) {
          CutAttribute(a);
          continue;
        }
        if (elide_) {
          tag_read_ |= AttributeReads(a);
          tag_class_bits_ |= IdBits(a);
        }
        if (stash_values) StashValue(a);
        continue;
      }
      // The tree builder reads an <input>'s type and an <isindex>'s
      // prompt; the metadata a <script>'s type, when it may be JSON-LD. And a <font>'s color, face
      // and size take it out of svg content: kept too, should the tree
      // builder stand in svg content where this scan thinks it does not
      // (a misnested <a> around an <svg>).
      const std::string_view name(lower_);
      if (name == "prompt" ||
          (name == "type" && (id == GUMBO_TAG_INPUT || script_type_read_)) ||
          (id == GUMBO_TAG_FONT && (name == "color" || name == "face" || name == "size")))
        continue;
      if (!(kept_bloom_ & NameBit(lower_)) || !kept_->Keeps(id, lower_)) {
        CutAttribute(a);
        continue;
      }
      // What no stage keeps, none reads: the elision looks at kept
      // attributes only.
      if (elide_) {
        tag_read_ |= AttributeReads(a);
        if (!cut_classes && std::string_view(lower_) == "class") tag_class_bits_ |= ClassBits(a);
        if (std::string_view(lower_) == "id" && !id_seen) tag_class_bits_ |= IdBits(a);
        id_seen |= std::string_view(lower_) == "id";
      }
      if (!cut_values) continue;
      const auto& filters = kept_->value_filters;
      auto f = std::lower_bound(filters.begin(), filters.end(), std::string_view(lower_),
                                [](const KeptAttributes::ValueFilter& v, std::string_view name) {
                                  return v.name < name;
                                });
      const size_t k = static_cast<size_t>(f - filters.begin());
      if (f != filters.end() && f->name == lower_ && k < 64) {
        const uint64_t bit = uint64_t{1} << k;
        const bool cut = (values_seen & bit) || !ValueMayMatch(a, *f->needles);
        values_seen |= bit;
        if (cut) {
          CutAttribute(a);
          continue;
        }
      }
      if (stash_values) StashValue(a);
    }
  }

  // Puts a placeholder (see KeptAttributes::stash_text) in place of the
  // value of attribute `a`, kept, when the tokenizer passes it on as it is
  // and it is long enough: quoted, and made of characters text passes on
  // (see PassedAscii: no '&', and, to be safe, no '>' or quote). `value`,
  // when given, stands for what the value keeps (a class value, less its
  // cut tokens).
  void StashValue(const AttrSpan& a, std::string_view value = {}) {
    size_t vb, ve;
    if (!ValueSpan(a, &vb, &ve) || vb == 0 || (html_[vb - 1] != '"' && html_[vb - 1] != '\'') ||
        ve - vb < kMinStashedValue || stashed_count_ >= kMaxStashed ||
        PassedRunEnd(vb, ve, true) != ve)
      return;
    Cut(vb, ve);
    if (value.data() == nullptr) value = html_.substr(vb, ve - vb);
    const size_t written = AppendPlaceholder(value);
    result_.pruned_bytes += (ve - vb) - written;
  }

  // Cuts attribute `a`, and the whitespace before it when what follows it
  // ends the tag or separates it from the next attribute ("<p x=1>" and
  // "<p x=1 y=2>" lose " x=1"; in "<p x='1'y=2>" the space must stay). A
  // '/' next ends an unquoted value before it only across that whitespace
  // ("<p x=1 y/>" keeps " /": "<p x=1/>" would read x as "1/"). An
  // attribute right after a '/' stays: without it the '/' would end the tag
  // as self-closing ("<a/3>" is not, "<a/>" is, and in svg content that
  // closes the element; the scan may be wrong about where it stands).
  void CutAttribute(const AttrSpan& a) {
    size_t before = a.begin;
    while (before > 0 && IsSpace(html_[before - 1])) --before;
    if (before > 0 && html_[before - 1] == '/') return;
    size_t begin = a.begin;
    if (a.end < html_.size()) {
      char next = html_[a.end];
      if (IsSpace(next) || next == '>' || next == '/') {
        size_t b = begin;
        while (b > copied_ && IsSpace(html_[b - 1])) --b;
        if (next != '/' || (b > 0 && (html_[b - 1] == '"' || html_[b - 1] == '\'')))
          begin = b;
      }
    }
    Cut(begin, a.end);
    result_.pruned_bytes += a.end - begin;
  }

  // The value of attribute `a` as written: after the '=' and the spaces
  // that follow it, up to the end of the attribute, less the quotes.
  // Returns false when `a` has no '=' (an empty value).
  bool ValueSpan(const AttrSpan& a, size_t* begin, size_t* end) const {
    size_t k = a.name_end;
    while (k < a.end && IsSpace(html_[k])) ++k;
    if (k >= a.end || html_[k] != '=') return false;
    ++k;
    while (k < a.end && IsSpace(html_[k])) ++k;
    *begin = k;
    *end = a.end;
    if (k < a.end && (html_[k] == '"' || html_[k] == '\'')) {
      ++*begin;
      --*end;  // The closing quote (SkipAttributes ends the span after it).
    }
    return true;
  }

  // True when the value of `a` may match a test for one of `needles` (see
  // KeptAttributes::value_filters).
  bool ValueMayMatch(const AttrSpan& a, const std::vector<std::string>& needles) const {
    size_t begin, end;
    if (!ValueSpan(a, &begin, &end)) return false;
    std::string_view value = html_.substr(begin, end - begin);
    if (Rewritable(value)) return true;
    for (const std::string& n : needles)
      if (value.find(n) != std::string_view::npos) return true;
    return false;
  }

  // Cuts from the value of the class attribute `a` the tokens that do not
  // matter, and the whitespace around them: the tokens kept stay in order,
  // each but the first after the one whitespace character that preceded it
  // (a space, but in odd markup), with no whitespace before the first or
  // after the last. Like every cut of the prescan, this only deletes bytes;
  // with `stash`, what is kept may go to Gumbo as a placeholder instead
  // (StashValue), copied to result_.owned. Returns false, cutting nothing,
  // when no token matters (the caller drops the attribute).
  bool CutClassTokens(const AttrSpan& a, bool stash) {
    size_t value_begin, value_end;
    if (!ValueSpan(a, &value_begin, &value_end)) return false;  // No '=': an empty value.
    const ClassTokenFilter& filter = *kept_->class_tokens;
    kept_tokens_.clear();
    size_t kept_size = 0;
    ForEachToken(value_begin, value_end, [&](size_t t, size_t e, bool entity) {
      // A token holding a character reference may read as anything: to
      // the elision, it may be what a rule selects.
      const uint8_t bits = entity ? uint8_t(ClassTokenFilter::kMatters | kEntityBits)
                                  : filter.Classify(html_.substr(t, e - t));
      tag_class_bits_ |= bits;
      if (bits & ClassTokenFilter::kMatters) {
        kept_tokens_.push_back({t, e});
        kept_size += (kept_size > 0) + (e - t);
      }
    });
    if (kept_tokens_.empty()) return false;
    if (stash && kept_size >= kMinStashedValue) {
      // The owned copy is no larger than the page, of which this value is
      // a part.
      if (!result_.owned) result_.owned.reset(new char[html_.size()]);
      char* const kept = result_.owned.get() + owned_used_;
      size_t size = 0;
      for (const auto& [t, e] : kept_tokens_) {
        if (size > 0) kept[size++] = html_[t - 1];  // The whitespace before it.
        std::memcpy(kept + size, html_.data() + t, e - t);
        size += e - t;
      }
      const size_t stashed_before = stashed_count_;
      StashValue(a, std::string_view(kept, size));
      if (stashed_count_ != stashed_before) {
        owned_used_ += size;
        return true;
      }
    }
    // `from`: where the bytes to cut before the next kept token start (the
    // end of the last kept token), kNone before the first.
    size_t from = kNone;
    auto cut = [&](size_t begin, size_t end) {
      if (end <= begin) return;
      Cut(begin, end);
      result_.pruned_bytes += end - begin;
    };
    for (const auto& [t, e] : kept_tokens_) {
      if (from == kNone) cut(value_begin, t);
      else cut(from, t - 1);  // html_[t - 1] is whitespace: it stays.
      from = e;
    }
    cut(from, value_end);
    return true;
  }

  size_t StartTag(size_t begin) {
    const char byte_before = LastOutputByte(begin);  // Before any cut inside this tag.
    size_t i = ReadName(begin + 1, &name_);
    const size_t name_end = i;
    const uint32_t id = TagId(name_);
    // A second <html>, <head> or <body> opens nothing, and neither does
    // one the tree builder has already opened implicitly ("<c><body>": the
    // text or tag before it opened the body).
    const bool reopens = (id == GUMBO_TAG_HTML && html_exists_) ||
                         (id == GUMBO_TAG_HEAD && head_exists_) ||
                         (id == GUMBO_TAG_BODY && body_exists_);
    const bool html_existed = html_exists_, head_existed = head_exists_;
    NoteStartTag(id);
    // The tree builder honours a <frameset> only while nothing made the
    // page's body "not ok" for one, as the text of a placeholder does.
    if (id == GUMBO_TAG_FRAMESET && !result_.elided.empty()) result_.elision_doubtful = true;
    tag_read_ = 0;
    tag_class_bits_ = 0;
    // Around a frameset, the tree builder keeps the whitespace of a run of
    // text and drops the rest: a placeholder would take the whitespace with
    // it. No text is stashed from the first <frameset> on.
    if (id == GUMBO_TAG_FRAMESET) stash_ = false;
    // Attributes: skip to the closing '>', honouring quoted values, and
    // count them: Gumbo's duplicate check is quadratic in their number.
    // Those no later stage reads are cut (see KeptAttributes); an <svg>
    // about to be cut whole, and foreign content, are left alone, and so is
    // everything inside a <select>, where the scan may not read tags as the
    // tree builder does ("<select><math><script>": the <math> is ignored,
    // and the script's content is raw text).
    const size_t n = html_.size();
    size_t attrs = 0, cut = 0;
    const bool filter = prune_ && kept_ && svg_from_ == kNone && foreign_ == 0 && !in_select_ &&
                        id != GUMBO_TAG_SVG && id != GUMBO_TAG_MATH;
    spans_.clear();
    i = SkipAttributes(i, &attrs, &cut, filter ? &spans_ : nullptr);
    if (i >= n) return n;
    tag_out_mark_ = out_.size();
    tag_copied_mark_ = copied_;
    tag_pruned_mark_ = result_.pruned_bytes;
    tag_stashed_mark_ = result_.stashed.size();
    tag_owned_mark_ = owned_used_;
    if (filter) {
      script_type_read_ = id == GUMBO_TAG_SCRIPT && MayBeJsonLd(begin, i);
      CutAttributes(id);
    }
    // What the stages and rules read of this element (ElisionRules), when
    // eliding: HTML content has its attributes in spans_; an <svg> or
    // <math> tag is read here (what svg content holds goes with it, see
    // CheckInside).
    uint8_t reads = 0;
    if (elide_) {
      if (!filter && (id == GUMBO_TAG_SVG || id == GUMBO_TAG_MATH)) {
        spans_.clear();
        size_t a = 0, c = 0;
        SkipAttributes(name_end, &a, &c, &spans_);
        for (const AttrSpan& span : spans_) {
          LowerName(span, span.name_end, &lower_);
          tag_read_ |= AttributeReads(span);
          if (std::string_view(lower_) == "class") tag_class_bits_ |= ClassBits(span);
        }
      }
      reads = tag_read_ | TagReads(id);
      if (tag_class_bits_ & ClassTokenFilter::kSubject) reads |= ElisionRules::kReadInside;
      if (tag_class_bits_ & ClassTokenFilter::kTitleSubject)
        reads |= ElisionRules::kReadInside | ElisionRules::kReadText;
    }
    if (attrs > max_attrs_) {  // Keep the first max_attrs_, drop the rest.
      Cut(cut, i);
      ++result_.trimmed_tags;
    }
    bool self_closing = html_[i - 1] == '/';
    size_t end = i + 1;
    if (id == GUMBO_TAG_PRE || id == GUMBO_TAG_LISTING) after_pre_ = end;

    if (svg_from_ != kNone && Tags().Has(id, TagTable::kBreakout)) svg_from_ = kNone;
    // In foreign content, a start tag of HTML (b, div, p, table..., and
    // <font> with color, face or size) makes the tree builder pop the
    // foreign elements, up to an HTML element or an integration point, and
    // read the tag as HTML: "<svg><i><style>" opens a raw text <style>.
    Content where = Where();
    if (where == Content::kForeign && Tags().Has(id, TagTable::kBreakout) &&
        (id != GUMBO_TAG_FONT || HasFontBreakoutAttribute(name_end, i))) {
      while (Where() == Content::kForeign) Pop();
      where = Where();
    }
    // <link> and <meta> are void and hold no text: those no stage reads go
    // whole, before the body only: in it, the elements on both sides of a
    // dropped one would become siblings, which the rules' test for an
    // inline element inside running text reads ("x<meta><a class=ad>").
    // Not in table text, where any tag ends a run of characters that the
    // tree builder moves out of the table as a whole or not at all. Nor
    // right after a '<', which the cut would join to the next bytes
    // ("<<meta>p" would become the tag "<p").
    if (filter && kept_->reads_meta_key && (id == GUMBO_TAG_LINK || id == GUMBO_TAG_META) &&
        !body_exists_ && where == Content::kHtml && attrs <= max_attrs_ && !InTableText() &&
        byte_before != '<' && begin != after_pre_ && Unread(id)) {
      DropUnread(begin, end);
      return end;
    }
    if (!cands_.empty()) CheckInside(id, reads, where, filter);
    // A second <html>, <head> or <body> opens nothing (see `reopens`): the
    // tree builder adds its attributes to the first one, or ignores it. So
    // does a <form> inside a form (it closes nothing either:
    // "<pre><form><div><form>" leaves the <div> and the <pre> open).
    if (where != Content::kForeign &&
        (reopens || (id == GUMBO_TAG_FORM && (form_pointer_ || OpenCount(id) > 0) &&
                     OpenCount(GUMBO_TAG_TEMPLATE) == 0)))
      return end;
    if (id == GUMBO_TAG_FORM && where != Content::kForeign && !in_select_ &&
        OpenCount(GUMBO_TAG_TEMPLATE) == 0)
      form_pointer_ = true;
    // "In select", the tree builder ignores most tags (even </html>). When a
    // select really ends is hard to tell without its modes, so the scan stays
    // on the safe side: from <select> to </select>, nothing is pruned, not
    // even comments (this scan may not tokenize a select as Gumbo does: the
    // tree builder ignores a <style> there, so its content is markup).
    if (id == GUMBO_TAG_SELECT) in_select_ = true;
    // <noscript> is read as browsers read it with scripting on: its content
    // is raw text up to </noscript>, never shown. Gumbo reads it as markup
    // (scripting off), where "<noscript><div></noscript>" leaves the
    // <noscript> open and the rest of the page inside it, out of the text.
    // So the content is cut, with pruning on or off alike (no stage reads
    // it), unless the element never ends.
    if (id == GUMBO_TAG_NOSCRIPT && where != Content::kForeign && !in_select_) {
      size_t content_end;
      size_t after = SkipRawText(end, &content_end);
      if (content_end < n) {
        if (content_end > end) {
          Cut(end, content_end);
          result_.noscript_bytes += content_end - end;
        }
        return after;
      }
    }
    // In svg and math, the tokenizer reads <style>, <title>... as markup
    // (but not on an integration point: "<svg><desc><style>" is raw text).
    if (Tags().Has(id, TagTable::kRawText) && where != Content::kForeign) {
      if (id == GUMBO_TAG_PLAINTEXT) return n;
      size_t content_end;
      size_t after = SkipRawText(end, &content_end);
      // A script that may not end here stops pruning for the rest of the
      // page (see MayBeDoubleEscaped), inside a <select> too, where a script
      // is raw text as anywhere. In a <select>, the tree builder ignores
      // <style> (and the tokenizer never reads its content as raw text): no
      // pruning there.
      // Inside a candidate, the text of raw text elements other than
      // script and style counts (a <textarea>'s with its character
      // references decoded).
      if (!cands_.empty() && id != GUMBO_TAG_SCRIPT && id != GUMBO_TAG_STYLE) {
        if (content_end >= n) cands_.clear();
        else if (foreign_ == 0 && OpenCount(GUMBO_TAG_A) == 0)
          CountPlain(end, content_end, id == GUMBO_TAG_TEXTAREA);
      }
      if (prune_ && content_end < n) {
        const bool double_escaped = MayBeDoubleEscaped(end, content_end);
        const bool prunable = !in_select_ && PrunableRawText(begin, end);
        // A script or style whose content goes may go whole (see
        // KeptAttributes::drop_raw_text), with what the tree builder would
        // have implied for it before the body (an <html> and a <head>).
        if (prunable && !double_escaped && filter && kept_->drop_raw_text &&
            where == Content::kHtml && attrs <= max_attrs_ && !InTableText() &&
            byte_before != '<' && begin != after_pre_ && html_[after - 1] == '>' &&
            !ReadIfPresent()) {
          html_exists_ = html_existed;
          head_exists_ = head_existed;
          DropUnread(begin, after);
          return after;
        }
        if (content_end > end) {
          if (double_escaped) {
            prune_ = false;
          } else if (prunable) {
            Elide(end, content_end);
          } else if (id == GUMBO_TAG_SCRIPT) {
            cands_.clear();  // A JSON-LD script: the metadata reads it.
            if (stash_ && svg_from_ == kNone && !in_select_ && content_end - end >= kMinStashed)
              StashRuns(end, content_end, false, false);
          }
        }
      }
      return after;
    }
    // Void elements are HTML's: in foreign content, <link>, <image>,
    // <source>... open elements like any other tag, and there `/>` closes
    // any element; an <svg/> or <math/> is closed by its `/>` wherever it is.
    if ((Tags().Has(id, TagTable::kVoid) && where != Content::kForeign) ||
        (self_closing && (where == Content::kForeign || id == GUMBO_TAG_SVG || id == GUMBO_TAG_MATH)))
      return end;
    // Table parts outside any table are ignored by the tree builder.
    if (where != Content::kForeign && IsTablePart(id) && OpenCount(GUMBO_TAG_TABLE) == 0) return end;
    // In foreign content, a start tag closes nothing.
    if (where != Content::kForeign) ImpliedEnds(id);
    if (Tags().Has(id, TagTable::kFormatting)) {
      // Unclosed formatting elements are reopened after every paragraph:
      // with many of them, the tree grows quadratically. Past the cap, new
      // ones are dropped (their text stays), and so are their end tags.
      if (formatting_ >= kMaxFormatting) {
        Drop(begin, end);
        ++dropped_formatting_[id];
        return end;
      }
      ++formatting_;
    }
    if (stack_.size() >= max_depth_) {
      Drop(begin, end);
      ++dropped_open_;
      return end;
    }
    Push(id, reads);
    // The tree builder puts an HTML formatting element on its list of
    // active formatting elements (active_count_ counts at least what the
    // list holds: see the member).
    if (where != Content::kForeign && Tags().Has(id, TagTable::kFormatting)) {
      ++active_count_[id];
      ++active_total_;
    }
    // An <svg>'s content is cut when its own </svg> arrives, if nothing in
    // between took the parser out of foreign content (see EndTag).
    if (prune_ && !self_closing && id == GUMBO_TAG_SVG && svg_from_ == kNone && !in_select_) {
      svg_from_ = end;
      svg_depth_ = stack_.size();
    }
    bool small_only = false;
    if (elide_ && filter && where == Content::kHtml && foreign_ == 0 &&
        !in_select_ && svg_from_ == kNone && stash_ && prune_ && text_read_open_ == 0 &&
        !(reads & ElisionRules::kReadInside) &&
        active_count_[GUMBO_TAG_A] <= OpenCount(GUMBO_TAG_A) && IsCandidate(id, &small_only) &&
        !InTableText())  // (Asked with the candidate, never a table part, on top.)
      StartCandidate(id, end, small_only);
    return end;
  }

  // Elision (see ElisionRules).

  // The read flags (kReadInside, kReadText) of tag `id` for the rules and
  // for the stages.
  uint8_t TagReads(uint32_t id) const {
    uint8_t flags = 0;
    for (const ElisionRules* r : {kept_->elision, kept_->elision_stages})
      if (r) flags |= r->TagFlags(id);
    return flags & (ElisionRules::kReadInside | ElisionRules::kReadText);
  }

  // The read flags attribute `a` (whose lower-case name is in lower_) gives
  // its element.
  uint8_t AttributeReads(const AttrSpan& a) const {
    if (!(attribute_bloom_ & NameBit(lower_))) return 0;
    uint8_t flags = 0;
    bool read = false, has_value = false, rewritable = false;
    std::string_view value;
    for (const ElisionRules* r : {kept_->elision, kept_->elision_stages}) {
      if (!r) continue;
      for (const ElisionRules::AttributeTest& t : r->attributes) {
        if (t.name != lower_ || (flags & t.flags) == t.flags) continue;
        if (!read) {  // The value, once.
          size_t vb = 0, ve = 0;
          has_value = ValueSpan(a, &vb, &ve);
          value = html_.substr(vb, ve - vb);
          rewritable = Rewritable(value);
          read = true;
        }
        if (t.flags == ElisionRules::kRemoves) {
          // As a selector tests it, on the value as written: a value the
          // tokenizer may rewrite (a reference, NUL, CR) is no candidate.
          if (rewritable) continue;
          const bool match = t.op == ElisionRules::AttributeTest::kExists ? true
                             : t.op == ElisionRules::AttributeTest::kEquals
                                 ? value == t.needle
                                 : value.find(t.needle) != std::string_view::npos;
          if (match) flags |= t.flags;
          continue;
        }
        if (t.needle.empty()) {
          flags |= t.flags;
          continue;
        }
        if (!has_value) continue;
        if (rewritable || ContainsLower(value, t.needle)) flags |= t.flags;
      }
    }
    return flags;
  }

  // The ClassTokenFilter bits of the tokens of class attribute `a`, none
  // cut.
  uint8_t ClassBits(const AttrSpan& a) const {
    size_t vb, ve;
    if (!ValueSpan(a, &vb, &ve)) return 0;
    uint8_t bits = 0;
    ForEachToken(vb, ve, [&](size_t t, size_t e, bool entity) {
      bits |= entity ? kEntityBits : kept_->class_tokens->Classify(html_.substr(t, e - t));
    });
    return bits;
  }

  // What a class token holding '&' (which may decode to anything) may be.
  static constexpr uint8_t kEntityBits =
      ClassTokenFilter::kSubject | ClassTokenFilter::kTitleSubject;

  // Calls fn(begin, end, entity) for each token of html_[from, to), split
  // at HTML whitespace; `entity` when it holds '&'.
  template <typename Fn>
  void ForEachToken(size_t from, size_t to, Fn fn) const {
    for (size_t t = from; t < to;) {
      if (IsSpace(html_[t])) {
        ++t;
        continue;
      }
      size_t e = t;
      bool entity = false;
      while (e < to && !IsSpace(html_[e])) entity |= html_[e++] == '&';
      fn(t, e, entity);
      t = e;
    }
  }

  // Whether the id attribute `a` matters (ClassTokenFilter::IdMatters);
  // one holding '&', NUL or CR always does.
  bool IdMatters(const AttrSpan& a) const {
    size_t vb, ve;
    const std::string_view value =
        ValueSpan(a, &vb, &ve) ? html_.substr(vb, ve - vb) : std::string_view();
    if (Rewritable(value)) return true;
    return kept_->class_tokens->IdMatters(value);
  }

  // The ClassTokenFilter bits of an `id` value, which the class patterns
  // read as they read class tokens (rules::AnyClassToken), unless it holds
  // more than three words: kStrips and kStripsSmall only (#id selectors
  // are attribute tests).
  uint8_t IdBits(const AttrSpan& a) const {
    size_t vb, ve;
    if (!ValueSpan(a, &vb, &ve)) return 0;
    const std::string_view value = html_.substr(vb, ve - vb);
    int words = 1;
    for (char c : value) {
      words += c == '-' || c == '_' || IsSpace(c);
      if (c == '&' || c == '\0' || c == '\r') return 0;
    }
    if (words > 3) return 0;
    return ClassBits(a) & (ClassTokenFilter::kStrips | ClassTokenFilter::kStripsSmall);
  }

  // True when the element `id` just opened (its class tokens in
  // tag_class_bits_) is one the rules remove; sets *small_only when only
  // while small (kStripsSmall).
  bool IsCandidate(uint32_t id, bool* small_only) {
    if (id >= kUnknownBase) return false;
    if (Tags().Has(id, TagTable::kFormatting | TagTable::kVoid | TagTable::kRawText) ||
        IsTablePart(id))
      return false;
    switch (id) {
      case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_TABLE:
      case GUMBO_TAG_COLGROUP: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION:
      case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG: case GUMBO_TAG_MATH:
      case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_PRE:
      case GUMBO_TAG_LISTING:
      // Gumbo 0.10.1 takes a <form> off the stack at </form> before it
      // inserts the text read just before: "<form>a</form>" puts the "a"
      // after the form, and a placeholder there would be outside it.
      case GUMBO_TAG_FORM:
        return false;
      default:
        break;
    }
    const uint8_t flags = kept_->elision->TagFlags(id);
    // A tag or attribute rule (tag_read_ holds the attribute rules' bit);
    // a strip-outside tag outside anything an article rule may select.
    if ((flags & ElisionRules::kRemoves) || (tag_read_ & ElisionRules::kRemoves) ||
        ((flags & ElisionRules::kRemovesOutside) && read_open_ == 0))
      return true;
    if (flags & ElisionRules::kInline) return false;
    if (tag_class_bits_ & ClassTokenFilter::kStrips) return true;
    *small_only = (tag_class_bits_ & ClassTokenFilter::kStripsSmall) != 0;
    return *small_only;
  }

  // Starts an elision candidate: element `id`, on top of the stack, whose
  // start tag ends at `end` (inside the candidates open, if any).
  void StartCandidate(uint32_t id, size_t end, bool small_only) {
    if (stashed_count_ + 64 >= kMaxStashed || cands_.size() >= kMaxCandidates) return;
    Cut(end, end);  // The output up to `end`, written (no svg cut is pending here).
    Candidate c;
    c.small_only = small_only;
    c.tag = id;
    c.depth = stack_.size();
    c.out_mark = out_.size();
    c.content_begin = end;
    c.stashed_mark = result_.stashed.size();
    c.elided_mark = result_.elided.size();
    c.pruned_mark = result_.pruned_bytes;
    c.active_total = active_total_;
    c.form_pointer = form_pointer_;
    cands_.push_back(c);
  }

  // Start tag `id` inside a candidate, read flags `reads`, in `where`;
  // `filter`: its attributes were read (HTML content). Gives the candidate
  // up when the tag makes the elision visible from outside (see
  // ElisionRules).
  void CheckInside(uint32_t id, uint8_t reads, Content where, bool filter) {
    auto give_up = [&] { cands_.clear(); };
    // In a <select>, the tree builder ignores most tags, which this scan
    // may not follow: only options may come.
    if (in_select_) {
      if (id != GUMBO_TAG_OPTION && id != GUMBO_TAG_OPTGROUP) give_up();
      return;
    }
    if (!filter && id != GUMBO_TAG_SVG && id != GUMBO_TAG_MATH) {
      // Inside svg content whose cut is pending, what the tag holds goes
      // with the svg's content, if that cut is made (see EndTag).
      if (where == Content::kForeign && svg_from_ != kNone) {
        for (Candidate& c : cands_)
          if (c.unchecked_svg == kNone) c.unchecked_svg = svg_from_;
        return;
      }
      return give_up();
    }
    if (reads & ElisionRules::kReadInside) return give_up();
    if (where == Content::kForeign) return;
    switch (id) {
      case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_FRAMESET:
      case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TITLE:
      case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_ISINDEX: case GUMBO_TAG_COL:
      case GUMBO_TAG_COLGROUP:
        return give_up();
      case GUMBO_TAG_FORM:
        // A <form> opens only while the tree builder's form pointer is
        // unset, and sets it; its </form> (see CheckEndInside) must come
        // inside too.
        if (form_pointer_) return give_up();
        for (Candidate& c : cands_) c.inner_form = true;
        return;
      default:
        break;
    }
    // A table part acts on the candidates without a table of their own
    // open inside (the innermost ones).
    if (IsTablePart(id))
      while (!cands_.empty() && cands_.back().tables == 0) cands_.pop_back();
    if (Tags().Has(id, TagTable::kFormatting) &&
        (active_count_[id] >= 3 ||
         ((id == GUMBO_TAG_A || id == GUMBO_TAG_NOBR) && active_count_[id] > 0)))
      return give_up();
  }

  // Counts the plain bytes of the text html_[from, to) inside a candidate,
  // as PlainTextBytes will: non-whitespace bytes, character references
  // decoded. Gives the candidate up on what it cannot count exactly.
  void CountPlain(size_t from, size_t to, bool references = true) {
    const unsigned char* d = reinterpret_cast<const unsigned char*>(html_.data());
    size_t plain = 0;
    for (size_t k = from; k < to;) {
      const unsigned char c = d[k];
      if (c < 0x80) {
        if (IsSpace(static_cast<char>(c))) {
          ++k;
          continue;
        }
        if (c < 0x20 || c == 0x7F) return cands_.clear();
        if (c == '&' && references) {
          size_t bytes;
          if (!CharRefBytes(k, to, &k, &bytes)) return cands_.clear();
          plain += bytes;
          continue;
        }
        ++plain;
        ++k;
        continue;
      }
      const size_t len = PassedNonAsciiLength(k, to);
      if (len == 0) return cands_.clear();
      plain += len;
      k += len;
    }
    for (Candidate& c : cands_) c.plain += plain;
  }

  // The character reference at html_[at] ('&') in text ending at `to`:
  // sets *next past it and *bytes to the plain bytes of what it decodes
  // to. False for one this scan does not know (a name outside its table,
  // one without its ';', a control character...).
  bool CharRefBytes(size_t at, size_t to, size_t* next, size_t* bytes) const {
    size_t j = at + 1;
    if (j >= to || !(IsAlpha(html_[j]) || (html_[j] >= '0' && html_[j] <= '9') || html_[j] == '#')) {
      *next = at + 1;  // A lone '&' is itself.
      *bytes = 1;
      return true;
    }
    if (html_[j] == '#') {
      ++j;
      const bool hex = j < to && (html_[j] == 'x' || html_[j] == 'X');
      if (hex) ++j;
      uint32_t cp = 0;
      size_t digits = 0;
      for (; j < to && digits < 8; ++j, ++digits) {
        const char c = AsciiLower(html_[j]);
        uint32_t v;
        if (c >= '0' && c <= '9') v = static_cast<uint32_t>(c - '0');
        else if (hex && c >= 'a' && c <= 'f') v = static_cast<uint32_t>(c - 'a' + 10);
        else break;
        cp = cp * (hex ? 16 : 10) + v;
      }
      if (digits == 0 || digits >= 8 || j >= to || html_[j] != ';') return false;
      *next = j + 1;
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        *bytes = 3;  // U+FFFD.
        return true;
      }
      if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\f' || cp == '\r') {
        *bytes = 0;
        return true;
      }
      if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
          (cp & 0xFFFE) == 0xFFFE)
        return false;
      *bytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      return true;
    }
    size_t e = j;
    while (e < to && e - j <= 8 && (IsAlpha(html_[e]) || (html_[e] >= '0' && html_[e] <= '9'))) ++e;
    if (e >= to || html_[e] != ';') return false;
    const int known = NamedReferenceBytes(html_.substr(j, e - j));
    if (known < 0) return false;
    *next = e + 1;
    *bytes = static_cast<size_t>(known);
    return true;
  }

  // The candidate's own end tag, starting at `end_tag`, has closed it:
  // its content is elided when nothing gave it up (see ElisionRules).
  void FinishCandidate(size_t end_tag) {
    if (cands_.empty() || cands_.back().depth != closing_depth_) return;
    const Candidate cand = cands_.back();
    cands_.pop_back();
    if (foreign_ != 0 || svg_from_ != kNone || cand.unchecked_svg != kNone ||
        form_pointer_ != cand.form_pointer ||
        active_total_ != cand.active_total || !prune_ || !stash_ || in_select_ ||
        end_tag - cand.content_begin < kMinElided ||
        (cand.small_only && cand.plain >= kept_->elision->small_plain) ||
        cand.plain >= kMaxElidedPlain)
      return;
    out_.resize(cand.out_mark);
    result_.stashed.resize(cand.stashed_mark);
    result_.elided.resize(cand.elided_mark);  // Candidates elided inside it.
    stashed_count_ = cand.stashed_mark;
    const std::string_view fill = Fill();
    size_t plain = cand.plain, written = 0;
    do {
      const size_t k = std::min(plain, fill.size());
      result_.elided.push_back(static_cast<uint32_t>(stashed_count_));
      written += AppendPlaceholder(fill.substr(0, k));
      plain -= k;
    } while (plain > 0);
    copied_ = end_tag;
    result_.pruned_bytes = cand.pruned_mark + (end_tag - cand.content_begin) - written;
  }

  static std::string_view Fill() {
    static const std::string fill(4096, 'x');
    return fill;
  }

  // Skips raw text up to its end tag; `*content_end` is where that end tag
  // starts (the input size when there is none).
  size_t SkipRawText(size_t i, size_t* content_end) {
    const size_t n = html_.size();
    *content_end = n;
    while (true) {
      size_t lt = html_.find("</", i);
      if (lt == std::string_view::npos) return n;
      size_t k = lt + 2, m = 0;
      while (m < name_.size() && k + m < n && AsciiLower(html_[k + m]) == name_[m]) ++m;
      if (m == name_.size() && k + m < n &&
          (IsSpace(html_[k + m]) || html_[k + m] == '/' || html_[k + m] == '>')) {
        *content_end = lt;
        // The end tag's attributes are read as a start tag's, quotes and
        // all: "</script m='>'>" ends at the second '>'.
        size_t attrs = 0, cut = 0;
        size_t e = SkipAttributes(k + m, &attrs, &cut, nullptr);
        return e >= n ? n : e + 1;
      }
      i = lt + 2;
    }
  }

  size_t EndTag(size_t begin) {
    size_t i = ReadName(begin + 2, &name_);
    // End tags may carry attributes too (a parse error the tokenizer still
    // reads, quotes and all): "</d n='>'>" ends at the second '>'.
    size_t attrs = 0, cut = 0;
    size_t e = SkipAttributes(i, &attrs, &cut, nullptr);
    size_t end = (e >= html_.size()) ? html_.size() : e + 1;
    const uint32_t id = TagId(name_);
    if (!cands_.empty()) CheckEndInside(id);
    // </form> clears the tree builder's form pointer, whatever it closes.
    if (id == GUMBO_TAG_FORM && !in_select_ && Where() != Content::kForeign &&
        OpenCount(GUMBO_TAG_TEMPLATE) == 0)
      form_pointer_ = false;
    if (id == GUMBO_TAG_SELECT) in_select_ = false;
    // Before the body, </body>, </html> and </br> open it (and </br> is read
    // as <br>); other end tags are ignored there.
    if (!body_exists_ && (id == GUMBO_TAG_BODY || id == GUMBO_TAG_HTML || id == GUMBO_TAG_BR))
      ImplyBody();
    // </html> and </body> only move the tree builder to its "after body"
    // modes: both elements stay open to the end, every element inside them
    // too (an <svg> as well), and the next tag goes on "in body" where the
    // page was. </head> closes <head> only while it is the current node; it
    // is ignored once the head was left, which is often implicit ("<head>
    // <svg>" starts the body).
    if (id == GUMBO_TAG_HTML || id == GUMBO_TAG_BODY) return end;
    if (id == GUMBO_TAG_HEAD && (stack_.empty() || stack_.back() != GUMBO_TAG_HEAD)) return end;
    if (svg_from_ != kNone && (id == GUMBO_TAG_P || id == GUMBO_TAG_BR)) svg_from_ = kNone;
    if (svg_from_ != kNone && id == GUMBO_TAG_SVG && stack_.size() == svg_depth_ &&
        stack_.back() == GUMBO_TAG_SVG) {
      size_t from = svg_from_;
      svg_from_ = kNone;
      if (begin > from) {
        Cut(from, begin);
        result_.pruned_bytes += begin - from;
      }
      for (Candidate& c : cands_)
        if (c.unchecked_svg == from) c.unchecked_svg = kNone;
    }
    if (id >= kUnknownBase) return UnknownEndTag(id, begin, end);
    if (Tags().Has(id, TagTable::kFormatting)) {
      if (dropped_formatting_[id] > 0 && OpenCount(id) == 0) {
        Drop(begin, end);
        --dropped_formatting_[id];
        return end;
      }
      // The adoption agency: when a special element (a "furthest block":
      // pre, div, p...) was opened inside the formatting element, the tree
      // builder keeps that block open ("<a><pre></a>  t" keeps the spaces
      // in the <pre>) and takes the formatting element off the stack (see
      // AdoptionAgency). When a table, a cell or another scope boundary
      // stands in between, the end tag is ignored.
      if (OpenCount(id) > 0 && Where() != Content::kForeign) {
        bool block = false;
        for (size_t k = stack_.size(); k-- > 0 && stack_[k] != id;) {
          const uint32_t t = stack_[k];
          if (BoundsDefaultScope(t)) return end;
          block |= Tags().Has(t, TagTable::kSpecial);
        }
        // (A formatting element off the list of active formatting elements
        // is closed as an ordinary element: not across a special one.)
        if (block) {
          if (active_count_[id] > 0) AdoptionAgency(id);
          return end;
        }
      }
      if (formatting_ > 0) --formatting_;  // The end tag takes it off the list.
    }
    // An end tag closes its element only when that element is "in scope"
    // for the tree builder; otherwise it is ignored. Table parts and
    // <table> need table scope: no <table> (or html, template) opened inside
    // since. Every other element needs the default scope, which a table, a
    // cell, a caption, an applet, object or marquee, or an svg or MathML
    // integration point also bounds ("<pre><table></pre>" leaves the <pre>
    // open, and its white space with it); <p> also needs no <button> in
    // between, <li> no <ol> or <ul>. The end tag of an ordinary element
    // (see below) is ignored when a special element stands above it.
    // </h1> ... </h6> close whichever heading is open: "<h1></h4>" closes
    // the <h1>.
    uint32_t target = id;
    if (Tags().Has(id, TagTable::kHeading) && Where() != Content::kForeign) {
      for (size_t k = stack_.size(); k-- > 0;) {
        if (Tags().Has(stack_[k], TagTable::kHeading)) {
          target = stack_[k];
          break;
        }
      }
    }
    bool in_scope = OpenCount(target) > 0;
    // In foreign content, an end tag closes the svg or MathML element of
    // its name among those on top of the stack; when none has it, the tree
    // builder reads it as HTML, with the scope check below
    // ("<table><pre><math></header>" closes nothing: the table bounds it).
    bool foreign_match = false;
    if (in_scope && Where() == Content::kForeign) {
      for (size_t k = stack_.size(); k-- > 0;) {
        if (stack_[k] == target) {
          foreign_match = true;
          break;
        }
        if (stack_[k] == GUMBO_TAG_SVG || stack_[k] == GUMBO_TAG_MATH) break;
      }
    }
    if (in_scope && !foreign_match) {
      const bool table_scope = IsTablePart(id) || id == GUMBO_TAG_TABLE;
      // An ordinary element (not special, not formatting: span, an unknown
      // tag...) is closed only if no special element stands above it.
      const bool ordinary =
          !Tags().Has(id, TagTable::kSpecial) && !Tags().Has(id, TagTable::kFormatting);
      const size_t floor = table_scope ? kNone : IntegrationFloor();
      for (size_t k = stack_.size(); k-- > 0;) {
        const uint32_t t = stack_[k];
        if (t == target) {
          in_scope = k != floor;
          break;
        }
        bool boundary;
        if (table_scope)
          boundary = t == GUMBO_TAG_TABLE || t == GUMBO_TAG_HTML || t == GUMBO_TAG_TEMPLATE;
        else if (ordinary)
          boundary = Tags().Has(t, TagTable::kSpecial);
        else
          boundary = BoundsDefaultScope(t) || (id == GUMBO_TAG_P && t == GUMBO_TAG_BUTTON) ||
                     (id == GUMBO_TAG_LI && (t == GUMBO_TAG_OL || t == GUMBO_TAG_UL));
        if (boundary) {
          in_scope = false;
          break;
        }
      }
    }
    // </form> removes the form alone from the stack: what was opened inside
    // it stays open ("<pre><form><div></form></div>" leaves the <pre> open).
    if (in_scope && id == GUMBO_TAG_FORM && Where() != Content::kForeign) {
      for (size_t k = stack_.size(); k-- > 0;) {
        if (stack_[k] != GUMBO_TAG_FORM) continue;
        // An elided <form> must be closed with nothing opened inside it
        // left open: that would hold what follows.
        const bool own = !cands_.empty() && k + 1 == cands_.back().depth && k + 1 == stack_.size();
        closing_depth_ = own ? k + 1 : 0;
        Remove(k);
        closing_depth_ = 0;
        if (own) {
          closing_depth_ = k + 1;
          FinishCandidate(begin);
          closing_depth_ = 0;
        }
        svg_from_ = kNone;  // The svg's place in the stack may have moved.
        break;
      }
      return end;
    }
    if (in_scope) {
      // The end tag of an elision candidate closes it (and what was opened
      // inside it) when the nearest open `target` is the candidate.
      // (The nearest open `target` may be a candidate inside others.)
      size_t own = 0;  // Its depth.
      for (size_t k = stack_.size(); k-- > 0 && !cands_.empty() && own == 0;) {
        if (stack_[k] != target) continue;
        for (const Candidate& c : cands_)
          if (c.depth == k + 1) own = k + 1;
        break;
      }
      const bool formatting = Tags().Has(target, TagTable::kFormatting);
      closing_depth_ = own;
      while (!stack_.empty()) {
        bool match = stack_.back() == target;
        Pop();
        if (match) break;
      }
      // The tree builder takes a formatting element it closes off its list
      // of active formatting elements.
      if (formatting && active_count_[target] > 0) {
        --active_count_[target];
        --active_total_;
      }
      if (own) FinishCandidate(begin);
      closing_depth_ = 0;
      if (stack_.size() < svg_depth_) svg_from_ = kNone;
    } else if (dropped_open_ > 0) {
      Drop(begin, end);
      --dropped_open_;
    }
    return end;
  }

  // End tag `id` inside a candidate: gives it up when the tag acts
  // outside it (see ElisionRules). The candidate's own end tag is seen in
  // the pops that follow.
  void CheckEndInside(uint32_t id) {
    if (in_select_) {
      if (id != GUMBO_TAG_OPTION && id != GUMBO_TAG_OPTGROUP && id != GUMBO_TAG_SELECT)
        cands_.clear();
      return;
    }
    if (Where() == Content::kForeign) return;
    switch (id) {
      case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SELECT:
        cands_.clear();
        return;
      case GUMBO_TAG_FORM:
        // The end tag of a form clears the tree builder's form pointer,
        // whatever it closes: it may come for a form opened inside.
        // (A candidate whose form pointer was set outside it goes, with
        // those inside it.)
        for (size_t k = 0; k < cands_.size(); ++k)
          if (form_pointer_ && !cands_[k].inner_form) {
            cands_.resize(k);
            break;
          }
        for (Candidate& c : cands_) c.inner_form = false;
        return;
      default:
        break;
    }
    // A formatting end tag for an element opened outside the candidate
    // acts on that element.
    // (Candidates outside the one it was opened in stay.)
    if (Tags().Has(id, TagTable::kFormatting)) {
      size_t open = 0;  // Depth of the nearest open `id`.
      for (size_t k = stack_.size(); k-- > 0 && open == 0;)
        if (stack_[k] == id) open = k + 1;
      while (!cands_.empty() && cands_.back().depth >= open) cands_.pop_back();
    }
  }

  // What a start tag opens before it, implicitly or not, as the tree
  // builder's first modes ("before html" to "after head") go: any tag opens
  // the <html>; any but <html> the <head>; and any but those that belong in
  // the head (and <frameset>) the <body>.
  void NoteStartTag(uint32_t id) {
    html_exists_ = true;
    if (id == GUMBO_TAG_HTML) return;
    head_exists_ = true;
    switch (id) {
      case GUMBO_TAG_HEAD: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
      case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_SCRIPT:
      case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TITLE: case GUMBO_TAG_NOSCRIPT:
      case GUMBO_TAG_FRAMESET:
        return;
      default:
        if (!body_exists_) ImplyBody();
    }
  }

  // The body opens (text, or a tag that does not belong in the head): an
  // explicit <head> still open on the stack closes first.
  void ImplyBody() {
    html_exists_ = head_exists_ = body_exists_ = true;
    if (!stack_.empty() && stack_.back() == GUMBO_TAG_HEAD) Pop();
  }

  // The elements that put a marker on the tree builder's list of active
  // formatting elements.
  static bool PushesMarker(uint32_t t) {
    return t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION ||
           t == GUMBO_TAG_APPLET || t == GUMBO_TAG_OBJECT || t == GUMBO_TAG_MARQUEE ||
           t == GUMBO_TAG_TEMPLATE;
  }

  // The elements that bound the tree builder's default scope.
  static bool BoundsDefaultScope(uint32_t t) {
    return PushesMarker(t) || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_HTML || IsIntegrationPoint(t);
  }

  static bool IsIntegrationPoint(uint32_t t) {
    return t == GUMBO_TAG_FOREIGNOBJECT || t == GUMBO_TAG_DESC || t == GUMBO_TAG_TITLE ||
           t == GUMBO_TAG_MI || t == GUMBO_TAG_MO || t == GUMBO_TAG_MN || t == GUMBO_TAG_MS ||
           t == GUMBO_TAG_MTEXT || t == GUMBO_TAG_ANNOTATION_XML;
  }

  // The end tag html_[begin, end) of an element Gumbo does not know (id is
  // an unknown tag's). Gumbo 0.10.1 tells such elements apart by their tag
  // number alone, which all of them share: outside svg and MathML, an end
  // tag of any unknown name closes the nearest unknown HTML element, unless
  // a special element stands in between ("<y></x>" closes the <y>, and
  // "<x><y></x>" only the <y>). When the current node is an svg or MathML
  // element, the end tag first closes the nearest of the foreign elements
  // on top of the stack that has its name, as the standard says; when none
  // has, it goes on as above. Inside a <select> it is ignored.
  size_t UnknownEndTag(uint32_t id, size_t begin, size_t end) {
    auto pop_to = [&](size_t k) {
      while (stack_.size() > k) Pop();
      if (stack_.size() < svg_depth_) svg_from_ = kNone;
      return end;
    };
    if (!in_select_ && !stack_.empty()) {
      // Which entries are svg or MathML elements: an <svg> or <math>, and
      // what stands above it up to an integration point (whose children
      // are HTML). One pass, so that the scan stays linear; none at all
      // outside svg and MathML, the common case (custom elements).
      const bool any_foreign = foreign_ > 0;
      if (any_foreign) {
        foreign_at_.assign(stack_.size(), 0);
        bool foreign = false;
        for (size_t k = 0; k < stack_.size(); ++k) {
          const uint32_t t = stack_[k];
          if (t == GUMBO_TAG_SVG || t == GUMBO_TAG_MATH) foreign = true;
          foreign_at_[k] = foreign;
          if (foreign && IsIntegrationPoint(t)) foreign = false;
        }
      }
      auto foreign_at = [&](size_t k) { return any_foreign && foreign_at_[k]; };
      if (foreign_at(stack_.size() - 1)) {
        for (size_t k = stack_.size(); k-- > 0 && foreign_at(k);)
          if (stack_[k] == id) return pop_to(k);
      }
      for (size_t k = stack_.size(); k-- > 0;) {
        const uint32_t t = stack_[k];
        const bool foreign = foreign_at(k);
        if (!foreign && t >= kUnknownBase) return pop_to(k);
        if (foreign ? IsIntegrationPoint(t) : Tags().Has(t, TagTable::kSpecial)) break;
      }
    }
    if (dropped_open_ > 0) {
      Drop(begin, end);
      --dropped_open_;
    }
    return end;
  }

  std::vector<uint8_t> foreign_at_;  // UnknownEndTag's scratch.
  std::string_view html_;
  size_t max_depth_;
  size_t max_attrs_;
  bool prune_;
  const KeptAttributes* kept_;
  std::vector<AttrSpan> spans_;  // The start tag's attributes, when filtered.
  std::string lower_;            // An attribute name in lower case.
  // out_, copied_ and pruned_bytes before the start tag's attribute cuts.
  size_t tag_out_mark_ = 0, tag_copied_mark_ = 0, tag_pruned_mark_ = 0;
  size_t tag_stashed_mark_ = 0, tag_owned_mark_ = 0;  // Values stashed in it come after.
  static constexpr size_t kNone = static_cast<size_t>(-1);
  size_t svg_from_ = kNone;  // Start of the content of an <svg> to cut, if any.
  size_t svg_depth_ = 0;     // Stack size with that <svg> on top.
  bool in_select_ = false;   // Inside a <select>, as the tree builder sees it.
  size_t owned_used_ = 0;  // Bytes of result_.owned in use.
  std::vector<std::pair<size_t, size_t>> kept_tokens_;  // CutClassTokens' scratch.
  bool script_type_read_ = false;  // The <script> being cut may be JSON-LD: its type stays.
  // The tree builder's form element pointer is set: a <form> opened, and
  // no </form> came since (the form may be off the stack: "<div><form>
  // </div>" leaves it set, and a later <form> opens nothing).
  bool form_pointer_ = false;
  // The <html>, <head> and <body> exist, opened by a tag or implied (see
  // NoteStartTag).
  bool html_exists_ = false, head_exists_ = false, body_exists_ = false;
  bool stash_ = false;       // Text is stashed on this page (KeptAttributes::stash_text).
  size_t after_pre_ = kNone;  // Just past the last <pre> or <listing> start tag.
  size_t stashed_count_ = 0;
  static constexpr size_t kMaxStashed = 62 * 62 * 62 * 62;  // kStashDigits base-62 digits.
  // The shortest attribute value stashed: a placeholder is 8 bytes, and
  // putting it back costs Dom::Parse a string.
  static constexpr size_t kMinStashedValue = 16;
  std::vector<uint32_t> stack_;
  // Elision (ElisionRules): per stack entry, whether a stage reads its
  // text, and how many such entries are open.
  std::vector<uint8_t> stack_read_;
  size_t text_read_open_ = 0;
  size_t read_open_ = 0;  // Entries a stage or rule reads (kReadInside).
  // NameBit of every attribute an ElisionRules test names, and of every
  // attribute kept_ keeps.
  uint64_t attribute_bloom_ = 0, kept_bloom_ = 0;
  static uint64_t NameBit(std::string_view lower_name) {
    uint32_t h = 2166136261u;  // FNV-1a.
    for (char c : lower_name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return uint64_t{1} << (h >> 26);
  }
  bool elide_ = false;
  uint8_t tag_read_ = 0;        // The start tag's read flags from its attributes.
  uint8_t tag_class_bits_ = 0;  // ClassTokenFilter bits of its class tokens.
  // Per formatting tag, at least as many entries as the tree builder's
  // list of active formatting elements holds (it only ever counts down
  // where the tree builder surely takes one off: a formatting element that
  // its end tag or the adoption agency of an <a> closes), and their total.
  int active_count_[GUMBO_TAG_LAST + 1] = {};
  size_t active_total_ = 0;
  // The elements whose content may be elided, while they are open,
  // outermost first (at most kMaxCandidates), and the depth of the one
  // whose end tag is closing it (0: none).
  struct Candidate {
    bool small_only = false;  // Removed only under ElisionRules::small_plain.
    uint32_t tag = 0;
    size_t depth = 0;          // stack_.size() with it on top.
    size_t out_mark = 0;       // out_.size() after its start tag.
    size_t content_begin = 0;  // In html_.
    size_t stashed_mark = 0;   // result_.stashed.size() then.
    size_t elided_mark = 0;    // result_.elided.size() then.
    size_t pruned_mark = 0;    // result_.pruned_bytes then.
    size_t plain = 0;          // Plain bytes of its text so far.
    size_t active_total = 0;   // active_total_ then.
    int tables = 0;            // <table> elements open inside it.
    size_t unchecked_svg = kNone;  // A pending svg cut covering tags not read.
    bool form_pointer = false;     // form_pointer_ at its start.
    bool inner_form = false;       // form_pointer_ was set by a <form> inside it.
  };
  static constexpr size_t kMaxCandidates = 64;
  std::vector<Candidate> cands_;
  size_t closing_depth_ = 0;
  size_t formatting_ = 0;  // Formatting elements opened and not yet closed.
  int dropped_formatting_[GUMBO_TAG_LAST + 1] = {};
  int known_open_[GUMBO_TAG_LAST + 1] = {};
  std::unordered_map<uint32_t, int> unknown_open_;
  int foreign_ = 0;
  size_t dropped_open_ = 0;
  size_t copied_ = 0;
  std::string name_;
  std::string out_;
  GuardResult result_;
};

}  // namespace

GuardResult CapDepth(std::string_view html, size_t max_depth) {
  return Scanner(html, max_depth, kDefaultMaxAttributes, /*prune=*/false, nullptr).Run();
}

GuardResult Prescan(std::string_view html, size_t max_depth, bool prune, size_t max_attrs,
                    const KeptAttributes* kept) {
  return Scanner(html, max_depth, max_attrs, prune, kept).Run();
}

uint8_t ElisionRules::TagFlags(uint32_t id) const {
  const size_t k = id < kUnknownBase ? id : static_cast<uint32_t>(GUMBO_TAG_UNKNOWN);
  return k < tags.size() ? tags[k] : 0;
}

bool KeptAttributes::Keeps(uint32_t tag, std::string_view lower_name) const {
  if (!anchor_href && lower_name == "href" && (tag == GUMBO_TAG_A || tag == GUMBO_TAG_AREA))
    return false;
  return std::binary_search(names.begin(), names.end(), lower_name);
}

}  // namespace pith::parse
