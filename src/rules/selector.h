// selector: a CSS selector subset, parsed once and matched over Dom nodes.
//
// Supported: type (`div`), universal (`*`), `#id`, `.class`, `[attr]`,
// `[attr=v]`, `[attr~=v]`, `[attr^=v]`, `[attr$=v]`, `[attr*=v]`,
// `[attr|=v]`, values bare or quoted, the descendant (` `) and child (`>`)
// combinators, selector lists (`a, b`) and `:not(...)` over a list of
// compound selectors. Type and attribute names are case-insensitive; class,
// id and attribute values are case-sensitive, as in HTML's standards mode.
//
// Matching goes right to left over parent links. A complex selector has at
// most kMaxCompounds compound parts, which bounds the backtracking of the
// descendant combinator on any tree.
#ifndef PITH_RULES_SELECTOR_H_
#define PITH_RULES_SELECTOR_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "parse/dom.h"

namespace pith::rules {

class Selector {
 public:
  static constexpr size_t kMaxCompounds = 32;

  // Parses `text`. On error returns false and sets `error` to a message
  // naming the problem and its column (1-based).
  bool Parse(std::string_view text, std::string* error);

  // True when element `i` of `dom` matches any selector of the list.
  bool Matches(const parse::Dom& dom, uint32_t i) const;

  const std::string& text() const { return text_; }

  // Appends the (lower-case) name of every attribute the selector tests,
  // `:not()` included; `#id` and `.class` add "id" and "class".
  void AttributeNames(std::vector<std::string>* out) const;

  // Appends, for every attribute test (`:not()` included), the attribute's
  // (lower-case) name and the value that a matching attribute's value must
  // contain: the test's value for `[a=v]`, `[a~=v]`, `[a^=v]`, `[a$=v]`,
  // `[a*=v]` and `[a|=v]` (none of which an attribute without `v` in its
  // value can pass), and "" for `[a]` or an empty value (any value may
  // match). `#id` and `.class` tests add nothing.
  void AttributeValues(std::vector<std::pair<std::string, std::string>>* out) const;

  // True when a compound of the selector (`:not()` included) names the tag
  // `tag` (lower case), as `meta` in `meta[name=x]`.
  bool NamesTag(std::string_view tag) const;

  // What an element with no children (a void element, such as <meta> or
  // <link>) needs to match through an alternative whose last compound names
  // no tag (`.x`, `#y`, `[role=main]`, `*`): appends the attributes that
  // compound tests for (`id` for `#y`, `class` for `.x`, the name of each
  // `[attr]`) to `attrs`, and sets `*any` when it tests for none (`*`,
  // `:not(.x)`), so that any element may match. Only the last compound can
  // match such an element (it is no one's ancestor); alternatives whose last
  // compound names a tag add nothing (see NamesTag).
  void UntypedNeeds(std::vector<std::string>* attrs, bool* any) const;

  // Appends the name of every `.class` test, `:not()` included, to
  // `classes` (compared case-sensitively with whole class tokens), and sets
  // `*reads_value` when an attribute test (`[class]`, `[class*=x]`...)
  // reads the class attribute itself, whose value no token-by-token cut
  // can leave as it was.
  void ClassNames(std::vector<std::string>* classes, bool* reads_value) const;

  // The same for ids: every `#id` test's name, and `*reads_value` when an
  // attribute test reads the id attribute itself.
  void IdNames(std::vector<std::string>* ids, bool* reads_value) const;

  // One condition that an element must meet to match an alternative: the
  // cheapest its last compound sets (the element is no one's ancestor
  // there). `tag` (lower case) when it names one; else `class_name` when
  // it tests a class; else `attribute` and `needle` (lower case: the value
  // must hold it, ignoring case; "" for any value) when it tests an
  // attribute or an id; else nothing (`*`, `:not(.x)`): any element.
  struct SubjectNeed {
    std::string tag, class_name, attribute, needle;
  };
  void SubjectNeeds(std::vector<SubjectNeed>* out) const;

  // Appends the tag (lower case) of every alternative that is a bare type
  // selector (`nav` in `nav, .x`).
  void BareTags(std::vector<std::string>* out) const;

  // Appends every alternative that is one attribute test and nothing else
  // (`[hidden]`, `[role=navigation]`, `[style*="display:none"]`): its
  // attribute's name (lower case), its value, and whether the test is for
  // presence, equality or a substring (`contains`); others are left out.
  struct BareAttribute {
    enum class Test { kExists, kEquals, kContains };
    std::string name, value;
    Test test;
  };
  void BareAttributes(std::vector<BareAttribute>* out) const;

 private:
  struct AttrTest {
    enum class Op : uint8_t { kExists, kEquals, kIncludes, kPrefix, kSuffix, kSubstring, kDash };
    Op op = Op::kExists;
    std::string name;
    std::string value;
  };
  struct Compound {
    std::string tag;  // Empty: any element.
    std::vector<std::string> ids;
    std::vector<std::string> classes;
    std::vector<AttrTest> attrs;
    std::vector<Compound> nots;  // :not(a, b): matches none of them.
  };
  struct Complex {
    std::vector<Compound> parts;  // Left to right.
    // The AttrNameBit of every attribute the last part needs (id, class and
    // [attr] tests): an element missing one of them cannot match.
    uint64_t needed_bits = 0;
    std::vector<char> combinators;  // combinators[k] joins parts[k] and parts[k+1]: ' ' or '>'.
  };

  class Parser;
  // Calls fn(const Compound&) for every compound, those inside :not()
  // included (defined in selector.cc, its only user).
  template <typename Fn>
  void ForEachCompound(Fn fn) const;
  static bool MatchCompound(const parse::Dom& dom, uint32_t i, const Compound& c);
  static bool MatchComplex(const parse::Dom& dom, uint32_t i, const Complex& c, size_t part,
                           std::unordered_set<uint64_t>* memo);

  std::string text_;
  std::vector<Complex> alternatives_;
};

// True when `list` (a whitespace-separated token list) contains `token`.
bool HasToken(std::string_view list, std::string_view token);

}  // namespace pith::rules

#endif  // PITH_RULES_SELECTOR_H_
