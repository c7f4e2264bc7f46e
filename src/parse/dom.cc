#include "parse/dom.h"
#include "decode/decode.h"
#include "parse/guard.h"
#include "util/ascii.h"

#include <gumbo.h>

#include <algorithm>
#include <utility>

namespace pith::parse {
namespace {

bool HasUpper(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return true;
  return false;
}

}  // namespace

void* Arena::Allocate(size_t size) {
  constexpr size_t kAlign = 16, kBlock = 256 * 1024;
  size = (size + kAlign - 1) & ~(kAlign - 1);
  if (size > kBlock / 4) {  // Large: a block of its own.
    blocks_.emplace_back(new char[size]);
    reserved_ += size;
    return blocks_.back().get();
  }
  if (size > left_) {
    blocks_.emplace_back(new char[kBlock]);
    reserved_ += kBlock;
    next_ = blocks_.back().get();
    left_ = kBlock;
  }
  void* p = next_;
  next_ += size;
  left_ -= size;
  return p;
}

namespace {
// The value of a base-62 digit of a stash placeholder; -1 for none.
int StashDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
  if (c >= 'a' && c <= 'z') return c - 'a' + 36;
  return -1;
}

void* ArenaAllocate(void* arena, size_t size) { return static_cast<Arena*>(arena)->Allocate(size); }
void ArenaFree(void*, void*) {}  // Freed all at once with the arena.
}  // namespace

// Gumbo 0.10.1 decodes a numeric character reference past 2^31
// ("&#8560582644;") to a stray byte: what it decoded from a reference
// ("&#" in the source) is checked, and repaired when it is not UTF-8; the
// repair is kept in `owned`.
static std::string_view DecodedChecked(std::string_view decoded, GumboStringPiece source,
                                       std::deque<std::string>* owned) {
  if (std::string_view(source.data, source.length).find("&#") == std::string_view::npos ||
      decode::ValidUtf8Prefix(decoded) == decoded.size())
    return decoded;
  owned->push_back(decode::RepairUtf8(decoded));
  return owned->back();
}

bool Unstash(std::string_view text, const std::vector<std::string_view>& stashed,
             std::string* out, const std::vector<uint32_t>* elided, bool* holds_elided) {
  size_t at = text.find(kStashMarker);
  if (at == std::string_view::npos) return false;
  out->clear();
  size_t from = 0;
  while (at != std::string_view::npos) {
    size_t digits = at + kStashMarker.size();
    size_t index = 0;
    bool ok = digits + kStashDigits <= text.size();
    for (size_t k = 0; ok && k < kStashDigits; ++k) {
      int d = StashDigit(text[digits + k]);
      ok = d >= 0;
      index = index * 62 + static_cast<size_t>(d < 0 ? 0 : d);
    }
    if (ok && index < stashed.size()) {
      out->append(text.substr(from, at - from));
      out->append(stashed[index]);
      if (elided && std::binary_search(elided->begin(), elided->end(), index))
        *holds_elided = true;
      from = digits + kStashDigits;
    }
    // (A malformed placeholder cannot come from the prescan, which stashes
    // nothing on a page holding the marker; it is left as it is.)
    at = text.find(kStashMarker, ok ? digits + kStashDigits : digits);
  }
  out->append(text.substr(from));
  return true;
}

// Gumbo's output lives in arena_, which frees it with the Dom.
Dom::~Dom() = default;

std::unique_ptr<Dom> Dom::Parse(std::string_view html,
                                const std::vector<std::string_view>* stashed,
                                const std::vector<uint32_t>* elided) {
  if (stashed && stashed->empty()) stashed = nullptr;
  if (elided && elided->empty()) elided = nullptr;
  std::string unstashed;
  std::unique_ptr<Dom> dom(new Dom());
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;  // Error collection off: we never read them.
  options.allocator = ArenaAllocate;
  options.deallocator = ArenaFree;
  options.userdata = &dom->arena_;
  dom->output_ = gumbo_parse_with_options(&options, html.data(), html.size());

  // Iterative pre-order walk; `stack` holds (gumbo node, our index).
  struct Frame {
    const GumboNode* node;
    uint32_t index;
    unsigned next_child;
  };
  std::vector<Frame> stack;
  auto& nodes = dom->nodes_;
  nodes.reserve(html.size() / 16 + 16);

  auto add = [&](const GumboNode* g, uint32_t parent) -> bool {
    Node n;
    n.parent = parent;
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
      const GumboElement& e = g->v.element;
      n.type = Node::Type::kElement;
      n.tag = static_cast<uint16_t>(e.tag);
      if (e.tag != GUMBO_TAG_UNKNOWN) {
        n.name = gumbo_normalized_tagname(e.tag);
      } else {
        GumboStringPiece piece = e.original_tag;
        gumbo_tag_from_original_text(&piece);
        dom->owned_.push_back(util::AsciiLower(std::string_view(piece.data, piece.length)));
        n.name = dom->owned_.back();
      }
      n.attr_begin = static_cast<uint32_t>(dom->attrs_.size());
      n.attr_count = e.attributes.length;
      for (unsigned k = 0; k < e.attributes.length; ++k) {
        const GumboAttribute* a = static_cast<const GumboAttribute*>(e.attributes.data[k]);
        std::string_view name(a->name);
        if (HasUpper(name)) {  // Gumbo lower-cases HTML attributes; be safe.
          dom->owned_.push_back(util::AsciiLower(name));
          name = dom->owned_.back();
        }
        std::string_view value = DecodedChecked(a->value, a->original_value, &dom->owned_);
        // A value the prescan stashed (parse/guard.h) comes back whole.
        if (stashed && Unstash(value, *stashed, &unstashed, nullptr, nullptr)) {
          dom->owned_.push_back(std::move(unstashed));
          value = dom->owned_.back();
        }
        dom->attrs_.push_back({name, value});
        n.attr_bits |= AttrNameBit(name);
      }
      uint32_t index = static_cast<uint32_t>(nodes.size());
      nodes.push_back(n);
      if (e.tag == GUMBO_TAG_HTML && dom->html_ == kNoNode) dom->html_ = index;
      if (e.tag == GUMBO_TAG_HEAD && dom->head_ == kNoNode) dom->head_ = index;
      if (e.tag == GUMBO_TAG_BODY && dom->body_ == kNoNode) dom->body_ = index;
      return true;
    }
    if (g->type == GUMBO_NODE_TEXT || g->type == GUMBO_NODE_WHITESPACE ||
        g->type == GUMBO_NODE_CDATA) {
      n.type = Node::Type::kText;
      n.text = DecodedChecked(g->v.text.text, g->v.text.original_text, &dom->owned_);
      bool holds_elided = false;
      if (stashed && Unstash(n.text, *stashed, &unstashed, elided, &holds_elided)) {
        dom->owned_.push_back(std::move(unstashed));
        n.text = dom->owned_.back();
        if (holds_elided) dom->elided_.push_back(static_cast<uint32_t>(nodes.size()));
      }
      n.end = static_cast<uint32_t>(nodes.size() + 1);
      nodes.push_back(n);
    }
    return false;  // Comments and documents are left out.
  };

  const GumboNode* root = dom->output_->document;
  const GumboVector& top = root->v.document.children;
  for (unsigned k = 0; k < top.length; ++k) {
    const GumboNode* child = static_cast<const GumboNode*>(top.data[k]);
    if (!add(child, kNoNode)) continue;
    stack.push_back({child, static_cast<uint32_t>(nodes.size() - 1), 0});
    while (!stack.empty()) {
      Frame& f = stack.back();
      const GumboVector& kids = f.node->v.element.children;
      if (f.next_child < kids.length) {
        const GumboNode* c = static_cast<const GumboNode*>(kids.data[f.next_child++]);
        uint32_t parent = f.index;
        if (add(c, parent)) stack.push_back({c, static_cast<uint32_t>(nodes.size() - 1), 0});
      } else {
        nodes[f.index].end = static_cast<uint32_t>(nodes.size());
        stack.pop_back();
      }
    }
  }
  return dom;
}

const std::string_view* Dom::Attr(uint32_t i, std::string_view name) const {
  for (const Attribute* a = attrs_begin(i); a != attrs_end(i); ++a)
    if (a->name == name) return &a->value;
  return nullptr;
}

void AppendCollapsed(std::string_view text, std::string* out) {
  bool space = out->empty() || out->back() == ' ' || out->back() == '\n';
  for (char c : text) {
    if (IsHtmlSpace(c)) {
      if (!space) {
        out->push_back(' ');
        space = true;
      }
    } else {
      out->push_back(c);
      space = false;
    }
  }
}

std::string Dom::TextOf(uint32_t i, size_t max_chars) const {
  std::string out;
  uint32_t end = nodes_[i].end;
  size_t limit_bytes = max_chars ? max_chars * 4 + 8 : 0;
  for (uint32_t k = i; k < end; ++k) {
    const Node& n = nodes_[k];
    if (n.is_element()) {
      if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_SVG ||
          n.tag == GUMBO_TAG_MATH || n.tag == GUMBO_TAG_NOSCRIPT || n.tag == GUMBO_TAG_TEMPLATE)
        k = n.end - 1;
      continue;
    }
    AppendCollapsed(n.text, &out);
    if (limit_bytes && out.size() > limit_bytes) break;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (max_chars) {
    size_t chars = 0, pos = 0;
    while (pos < out.size()) {
      if ((static_cast<unsigned char>(out[pos]) & 0xC0) != 0x80) {
        if (chars == max_chars) break;
        ++chars;
      }
      ++pos;
    }
    out.resize(pos);
  }
  return out;
}

}  // namespace pith::parse
