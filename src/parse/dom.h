// dom: the parsed page as a flat, read-only array of nodes.
//
// Gumbo parses the (guarded) UTF-8 page; the tree is then laid out in
// pre-order in one vector. Node i's subtree is exactly the index range
// [i, node(i).end), so every later stage walks subtrees with plain loops:
// no recursion, no stack that a deep page could overflow. Comments are left
// out. Strings are views into Gumbo's output, which the Dom keeps alive: the
// page text is never copied.
#ifndef PITH_PARSE_DOM_H_
#define PITH_PARSE_DOM_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct GumboInternalOutput;

namespace pith::parse {

constexpr uint32_t kNoNode = 0xFFFFFFFFu;

struct Attribute {
  std::string_view name;   // Lower case.
  std::string_view value;  // Entities decoded.
};

// The bit of attribute name `lower_name` in Node::attr_bits.
inline uint64_t AttrNameBit(std::string_view lower_name) {
  uint32_t h = 2166136261u;  // FNV-1a.
  for (char c : lower_name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return uint64_t{1} << (h >> 26);
}

struct Node {
  enum class Type : uint8_t { kElement, kText };
  Type type = Type::kElement;
  uint16_t tag = 0;        // GumboTag value (GUMBO_TAG_UNKNOWN for custom tags).
  uint32_t parent = kNoNode;
  uint32_t end = 0;        // One past the last node of the subtree.
  uint32_t attr_begin = 0;
  uint32_t attr_count = 0;
  // Elements: the union of AttrNameBit over the attribute names, a Bloom
  // filter that lets a matcher skip elements lacking an attribute cheaply.
  uint64_t attr_bits = 0;
  std::string_view name;   // Elements: lower-case tag name.
  std::string_view text;   // Text nodes: the text (entities decoded).

  bool is_element() const { return type == Type::kElement; }
  bool is_text() const { return type == Type::kText; }
};

// A bump allocator for Gumbo: every allocation of one parse comes from a few
// large blocks, and the whole tree is freed at once, without Gumbo's
// recursive free (which deep trees overflow).
class Arena {
 public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  void* Allocate(size_t size);
  size_t bytes_reserved() const { return reserved_; }

 private:
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t reserved_ = 0;
};

class Dom {
 public:
  ~Dom();
  Dom(const Dom&) = delete;
  Dom& operator=(const Dom&) = delete;

  // Parses valid UTF-8 HTML. Never fails: Gumbo builds a tree for any input.
  // `stashed`, when given, holds the runs of text that the prescan put in
  // `utf8_html` as placeholders (parse/guard.h): each text node gets its
  // runs back. `elided` (ascending indices into `stashed`) names the
  // placeholders that stand for elided content (parse::ElisionRules): the
  // text nodes holding them are listed in elided().
  static std::unique_ptr<Dom> Parse(std::string_view utf8_html,
                                    const std::vector<std::string_view>* stashed = nullptr,
                                    const std::vector<uint32_t>* elided = nullptr);

  // The text nodes that hold elided content, ascending.
  const std::vector<uint32_t>& elided() const { return elided_; }

  size_t size() const { return nodes_.size(); }
  const Node& node(uint32_t i) const { return nodes_[i]; }
  const std::vector<Node>& nodes() const { return nodes_; }

  // The value of attribute `name` (lower case) of element i, or nullptr.
  const std::string_view* Attr(uint32_t i, std::string_view name) const;
  const Attribute* attrs_begin(uint32_t i) const { return attrs_.data() + nodes_[i].attr_begin; }
  const Attribute* attrs_end(uint32_t i) const {
    return attrs_.data() + nodes_[i].attr_begin + nodes_[i].attr_count;
  }

  // Index of the <html>, <head> and <body> elements (kNoNode if absent).
  uint32_t html() const { return html_; }
  uint32_t head() const { return head_; }
  uint32_t body() const { return body_; }

  // First child and next sibling, for the occasional sibling walk.
  uint32_t first_child(uint32_t i) const {
    return (i + 1 < nodes_[i].end) ? i + 1 : kNoNode;
  }
  uint32_t next_sibling(uint32_t i) const {
    uint32_t p = nodes_[i].parent;
    uint32_t n = nodes_[i].end;
    return (p != kNoNode && n < nodes_[p].end) ? n : kNoNode;
  }

  // The text of node i's subtree, whitespace collapsed, at most `max_chars`
  // UTF-8 characters (0 = no limit). Text inside script, style, svg, math,
  // noscript and template is skipped.
  std::string TextOf(uint32_t i, size_t max_chars = 0) const;

 private:
  Dom() = default;
  Arena arena_;  // Owns Gumbo's output; declared first, destroyed last.
  GumboInternalOutput* output_ = nullptr;
  std::vector<Node> nodes_;
  std::vector<Attribute> attrs_;
  std::deque<std::string> owned_;  // Lower-cased names of unknown tags/attrs; unstashed text.
  uint32_t html_ = kNoNode, head_ = kNoNode, body_ = kNoNode;
  std::vector<uint32_t> elided_;
};

// Puts back the runs of text that Prescan stashed (see
// KeptAttributes::stash_text): writes `text` to `out` with each placeholder
// replaced by its run of `stashed` (the vector of the GuardResult), and
// returns true; returns false, `out` untouched, when `text` holds no
// placeholder. A malformed placeholder, or one numbered past `stashed`,
// stays as it is. Dom::Parse does this for every text node.
// With `elided` (ascending indices into `stashed`), sets *holds_elided
// when a placeholder put back is one of them.
bool Unstash(std::string_view text, const std::vector<std::string_view>& stashed,
             std::string* out, const std::vector<uint32_t>* elided = nullptr,
             bool* holds_elided = nullptr);

// Appends `text` to `out` with every whitespace run collapsed to one space,
// never starting `out` with a space nor doubling one.
void AppendCollapsed(std::string_view text, std::string* out);

// True for ASCII whitespace as HTML defines it.
inline bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

}  // namespace pith::parse

#endif  // PITH_PARSE_DOM_H_
