// metadata: the page's title, author, dates, site name, description,
// language and address, read from what the page declares about itself.
//
// Sources, in order of trust; for each field the first source that gives a
// non-empty value wins (within one source, the first value in document
// order that can be used):
//   1. JSON-LD: <script type="application/ld+json">, a single object, a
//      top-level array or an "@graph" array (also "mainEntity"). The object
//      used is the first whose @type is an article type (Article,
//      NewsArticle, BlogPosting, Report, ScholarlyArticle, and every other
//      schema.org type ending in "Article" or "Posting"), else the first
//      WebPage. headline (else name) -> title; author (a string, an object
//      with a name, an {"@id"} reference to another object of the page, or
//      an array of these) -> author; datePublished, dateModified,
//      description, inLanguage; publisher.name (else the WebSite object's
//      name) -> sitename; articleBody -> article_body. HTML entities in
//      JSON-LD strings are decoded.
//   2. Open Graph: og:title, og:site_name, og:description, og:locale
//      ("en_US" -> "en-US"), og:url, article:published_time,
//      article:modified_time (else og:updated_time), article:author when it
//      is not a URL.
//   3. Dublin Core: DC.title, DC.creator, DC.date, DC.description,
//      DC.language, DC.publisher, and the same under dc: / dcterms.
//      (dcterms.created / issued / modified).
//   4. Other <meta name>: author, description, date, pubdate, title,
//      twitter:title, twitter:description, parsely-*, sailthru.*, language,
//      http-equiv content-language...
//   5. Microdata: itemprop headline, author (its itemprop=name when it has
//      one), datePublished, dateModified, description; a content or datetime
//      attribute wins over the element's text. Inside the article first.
//   6. The page itself: <h1> (see the title below), the first
//      <time datetime> in the article (in the body when the article is
//      unknown) for date_published, <html lang> for lang, <a rel=author>
//      for author, and <link rel=canonical> for url.
// Meta keys are matched case-insensitively in both `name` and `property`,
// and a `property` may list several space-separated keys. A meta without a
// content attribute is ignored.
//
// Title: the first of JSON-LD headline, og:title, DC title, other meta
// titles, itemprop headline, <title>, the first <h1> in the article (only
// when `article_root` is given), then (no article known) the first
// <h1> of the first <article> element or the page's only <h1>. <title>
// goes through StripSiteName() with the site name found (sites build it as
// "Article - Site"; the other sources name the article as its publisher
// wrote it); a candidate that is the site name itself is passed over when a
// later one exists. The article's <h1> replaces <title> when <title>
// contains it (the heading with decorations) or has one or two words beside
// a longer heading (a bare site name).
//
// url: <link rel=canonical>, then og:url, then JSON-LD url (absolute
// addresses only), the same order pith::Clean uses to pick site rules.
//
// Every field has its whitespace collapsed (Unicode spaces included) and
// trimmed, and is at most kMaxFieldBytes long. Dates are normalized (see
// NormalizeDate); a source whose date cannot be normalized gives nothing.
//
// Bounds, for hostile pages: JSON-LD scripts over 1 MB are ignored, and so
// are the scripts after the first 4 MB of JSON-LD on a page; values
// nested deeper than 32 levels are dropped while parsing (the parser itself
// is iterative), and every walk over the parsed value is iterative and
// depth-capped. Malformed JSON-LD is ignored. The cost is linear in the page
// size: one pass over the node array, plus a bounded number of subtree text
// reads. Never throws; keeps no state between calls.
#ifndef PITH_METADATA_METADATA_H_
#define PITH_METADATA_METADATA_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "parse/dom.h"

namespace pith::metadata {

constexpr size_t kMaxFieldBytes = 4096;
constexpr size_t kMaxJsonLdBytes = 1u << 20;      // One script.
constexpr size_t kMaxJsonLdPageBytes = 4u << 20;  // All the scripts of a page.
constexpr int kMaxJsonDepth = 32;

struct Metadata {
  std::string title;
  std::string author;          // Several authors are joined with ", ".
  std::string date_published;  // Normalized (NormalizeDate), else "".
  std::string date_modified;   // Normalized (NormalizeDate), else "".
  std::string sitename;
  std::string description;
  std::string lang;  // As declared ("en", "en-US", "fr"...).
  std::string url;   // Absolute, as declared.
  // The JSON-LD article object's articleBody: the publisher's own copy of
  // the article text, entities decoded, line breaks kept, no other
  // cleaning; "" when absent or when it holds markup.
  std::string article_body;
};

// Reads the metadata of a parsed page. `article_root` is the node chosen as
// the article container, or parse::kNoNode when unknown; it is used to
// prefer the <h1>, the microdata and the <time> inside the article.
Metadata Extract(const parse::Dom& dom, uint32_t article_root = parse::kNoNode);

// Removes a site-name suffix or prefix from a title:
//   "Title - Site", "Title | Site", "Title — Site", "Title – Site",
//   "Title · Site", "Title » Site", "Title / Site", "Site | Title",
//   "Site: Title"...
// The separator must stand between spaces (except the colon of a prefix,
// which is followed by one). With a `sitename`, the part after the last
// separator (or before the first one, or before a colon) is removed when it
// matches the site name ignoring case, spaces and ASCII punctuation, or when
// one contains the other and is at most 2.5 times as long ("The Washington
// Post" / "Washington Post", "Libération" / "Libération.fr"); an exact match
// wins, and a site name that holds a separator itself ("Fashion - BLOG")
// is found too. Without a site name, only a suffix is removed, and only
// when it is short (<= 4 words, not starting with a lower-case letter: "an
// async task framework" is no site) and the rest is long (>= 5 words): a
// prefix or a colon cannot be told apart from a title's own structure
// ("Zimbabwe coup: Mugabe...") without knowing the site. At most one
// suffix and one prefix are removed. Never returns an empty title: a title
// that is the site name is kept as it is. Whitespace is collapsed.
std::string StripSiteName(const std::string& title, const std::string& sitename);

// Normalizes a date to ISO 8601: "YYYY-MM-DD", or "YYYY-MM-DDThh:mm:ss"
// followed by the offset ("+hh:mm"; "Z", "UTC" and "GMT" give "+00:00")
// when the source gives a time of day. Accepts ISO 8601 and its common
// variants ("2017-03-09 23:16", "2017/03/09", fractional seconds, "+0000"),
// English month names ("March 9, 2017", "9 Mar 2017", "Thu, 09 Mar 2017
// 23:16:02 GMT"; a time is kept only with an explicit zone). Returns "" for
// anything else, ambiguous numeric forms such as "03/09/2017" included, and
// for impossible dates.
std::string NormalizeDate(std::string_view text);

// Collapses every whitespace run (ASCII and Unicode spaces such as U+00A0)
// to one space and trims both ends.
std::string CollapseSpaces(std::string_view text);

// True when Extract reads the content of a <meta> whose name or property
// holds the token `lower_key` (lower case): "og:title", "description",
// "dc.creator"... False for the keys it ignores ("viewport", "robots",
// "twitter:card"), whose <meta> elements the prescan may drop unparsed.
bool ReadsMetaKey(std::string_view lower_key);

}  // namespace pith::metadata

#endif  // PITH_METADATA_METADATA_H_
