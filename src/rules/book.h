// book: the loaded rule files and the host index (RuleBook's internals).
#ifndef PITH_RULES_BOOK_H_
#define PITH_RULES_BOOK_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "pith/rulebook.h"
#include "rules/rulefile.h"

namespace pith {

namespace parse {
class ClassTokenFilter;
struct ElisionRules;
}  // namespace parse

namespace rules {
// The lower-case host of an absolute URL (`https://Host:80/x` gives
// `host`); "" when `url` has no host or the host is an IP literal.
std::string HostOfUrl(std::string_view url);
}  // namespace rules

struct RuleBook::Impl {
  std::vector<std::unique_ptr<rules::RuleFile>> files;  // Load order.
  std::vector<const rules::RuleFile*> generic;          // Files without host:.
  // host -> files: `exact` holds plain patterns (and their www. form),
  // `wildcard` holds the base domain of `*.` patterns.
  std::unordered_map<std::string, std::vector<const rules::RuleFile*>> exact, wildcard;
  // Every attribute name (lower case, sorted, unique) that a selector or a
  // `title: ...@attr` of any file reads.
  std::vector<std::string> attribute_names;
  // The attributes the rules read only by testing their values for strings
  // (`[style*="display:none"]`), with those strings: sorted by name, each
  // with its strings, one of which a value must contain for any rule to
  // match it. An attribute also read by `[a]`, an empty value, a string
  // holding a line break or NUL, or a `title: ...@a` is not listed.
  std::vector<std::pair<std::string, std::vector<std::string>>> attribute_needles;
  // What the rules may read of <meta> and <link> elements, for the prescan
  // to drop the others: the strings (lower case, sorted) that a selector
  // naming `meta`, or read by a `title: ...@attr` rule, tests `name` and
  // `property` values for (`meta[property="og:title"]`, whatever the
  // operator); and whether one of those selectors tests neither, or names
  // `link`, so that every such element may be read.
  std::vector<std::string> meta_keys;
  bool reads_meta_or_link = false;
  // Whether a body:, title:, keep: or article: selector names `script` or
  // `style`: then the prescan keeps every such element (see
  // parse::KeptAttributes::drop_raw_text).
  bool selects_script_or_style = false;
  // The attributes (lower case, sorted) that a selector whose last compound
  // names no tag tests for (Selector::UntypedNeeds: `.x` needs `class`):
  // a <meta> or <link> with one of them may match such a selector, and is
  // read. (A selector that tests for none, such as `*`, sets
  // reads_meta_or_link.)
  std::vector<std::string> untyped_attributes;
  // The class tokens any rule of any file can read (rules::ClassTokens),
  // for the prescan to cut the others; null when a rule reads class values
  // whole, and then no class token is cut.
  std::shared_ptr<const parse::ClassTokenFilter> class_tokens;
  // What the rules remove and read, for the prescan to elide the content
  // of what they remove (parse::ElisionRules): the tags of the generic
  // files' bare `strip:` selectors, the running-text tags, and what a
  // keep:, body:, article: or title: selector of any file may select (its
  // class tokens are class_tokens' kSubject). Null when class_tokens is,
  // or when such a selector may select any element (`*`).
  std::shared_ptr<const parse::ElisionRules> elision;

  // The site files for `host`: those matching the exact host, else those of
  // the nearest parent domain with a matching `*.` pattern. Empty if none.
  std::vector<const rules::RuleFile*> SiteFilesFor(std::string_view host) const;
};

}  // namespace pith

#endif  // PITH_RULES_BOOK_H_
