#include "blocks/blocks.h"

#include <gumbo.h>

#include <string>

#include "extract/extract.h"
#include "util/ascii.h"

namespace pith::blocks {
namespace {

using parse::Dom;
using parse::kNoNode;

bool IsHeading(uint16_t t) { return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6; }

// Trims spaces, newlines and no-break spaces (U+00A0) at the end.
void TrimRight(std::string* s) {
  while (!s->empty()) {
    if (s->back() == ' ' || s->back() == '\n') {
      s->pop_back();
    } else if (s->size() >= 2 && s->compare(s->size() - 2, 2, "\xC2\xA0") == 0) {
      s->resize(s->size() - 2);
    } else {
      break;
    }
  }
}

// Trims spaces and no-break spaces at the start.
void TrimLeft(std::string* s) {
  size_t k = 0;
  while (k < s->size()) {
    if ((*s)[k] == ' ' || (*s)[k] == '\n') ++k;
    else if (s->compare(k, 2, "\xC2\xA0") == 0) k += 2;
    else break;
  }
  s->erase(0, k);
}

// Soft hyphens (U+00AD), zero-width spaces (U+200B) and zero-width
// no-break spaces (U+FEFF) are hints for line breaking that show nothing:
// words keep them only in the markup ("Mit\u00ADtel\u00ADal\u00ADter" reads
// "Mittelalter"), so the text drops them.
constexpr std::string_view kInvisible[] = {"\xC2\xAD", "\xE2\x80\x8B", "\xEF\xBB\xBF"};

bool HasInvisible(std::string_view text) {
  for (std::string_view c : kInvisible)
    if (text.find(c) != std::string_view::npos) return true;
  return false;
}

std::string WithoutInvisible(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    bool skip = false;
    for (std::string_view c : kInvisible)
      if (text.compare(i, c.size(), c) == 0) {
        i += c.size();
        skip = true;
        break;
      }
    if (!skip) out.push_back(text[i++]);
  }
  return out;
}

// A table is read as data (rows and cells) unless it looks like layout.
bool IsDataTable(const Dom& dom, uint32_t t) {
  if (const std::string_view* role = dom.Attr(t, "role"))
    if (*role == "presentation" || *role == "none") return false;
  bool has_header = false, has_caption = false, cell_blocks = false;
  uint32_t rows = 0, max_cols = 0, cols = 0, cell_text = 0, max_cell_text = 0;
  for (uint32_t i = t + 1; i < dom.node(t).end; ++i) {
    const parse::Node& n = dom.node(i);
    if (n.is_text()) {
      for (char c : n.text) cell_text += !parse::IsHtmlSpace(c);
      if (cell_text > max_cell_text) max_cell_text = cell_text;
      continue;
    }
    switch (n.tag) {
      case GUMBO_TAG_TABLE:
        return false;
      case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_THEAD:
        has_header = true;
        has_caption |= n.tag != GUMBO_TAG_TH;
        if (n.tag == GUMBO_TAG_TH) { ++cols; cell_text = 0; }
        break;
      case GUMBO_TAG_TR:
        ++rows;
        cols = 0;
        break;
      case GUMBO_TAG_TD:
        ++cols;
        cell_text = 0;
        break;
      case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_UL: case GUMBO_TAG_OL:
      case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_BLOCKQUOTE:
      case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_FORM:
        if (dom.node(i).end - i > 1) cell_blocks = true;  // A cell holding blocks.
        break;
      default:
        break;
    }
    if (cols > max_cols) max_cols = cols;
  }
  // Cells holding blocks mean layout, unless a caption or a header row
  // (<thead>) names the columns. Header cells or a caption make a data
  // table, however long its cells; without them, long cells mean layout.
  if (cell_blocks && !has_caption) return false;
  if (has_header) return true;
  if (max_cell_text > 400) return false;
  return rows >= 2 && max_cols >= 2;
}

class Builder {
 public:
  Builder(const Dom& dom, const std::vector<uint8_t>& removed, const std::string* link_base)
      : dom_(dom), removed_(removed), link_base_(link_base) {}

  void Walk(uint32_t root) {
    struct Open {
      uint32_t node;
      uint32_t end;
    };
    std::vector<Open> stack;
    const uint32_t root_end = dom_.node(root).end;
    for (uint32_t i = root; i < root_end; ++i) {
      while (!stack.empty() && stack.back().end <= i) {
        Close(stack.back().node);
        stack.pop_back();
      }
      const parse::Node& n = dom_.node(i);
      if (removed_[i]) {
        i = n.end - 1;
        continue;
      }
      if (n.is_text()) {
        Text(n.text);
        continue;
      }
      if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE || n.tag == GUMBO_TAG_TEMPLATE ||
          n.tag == GUMBO_TAG_NOSCRIPT || n.tag == GUMBO_TAG_HEAD || n.tag == GUMBO_TAG_SVG ||
          n.tag == GUMBO_TAG_MATH) {
        i = n.end - 1;
        continue;
      }
      OpenElement(i);
      stack.push_back({i, n.end});
    }
    while (!stack.empty()) {
      Close(stack.back().node);
      stack.pop_back();
    }
    FlushParagraph();
  }

  std::vector<Block> Take() { return std::move(blocks_); }

 private:
  bool InList() const { return list_depth_ > 0; }
  bool InTable() const { return !tables_.empty() && tables_.back(); }

  // The buffer text goes to now.
  std::string* Active() {
    if (pre_depth_ > 0) return &cur_;
    if (InTable()) return &cell_;
    if (InList()) return &line_;
    return &cur_;
  }

  // Links as [text](url): remembered at <a>, written at </a> when the link
  // has text and stayed within one buffer.
  void OpenLink(uint32_t i) {
    const std::string_view* href = dom_.Attr(i, "href");
    links_.push_back({i, Active(), Active()->size(), href ? ResolveUrl(*link_base_, *href) : ""});
  }

  void CloseLink(uint32_t i) {
    if (links_.empty() || links_.back().node != i) return;
    Link l = links_.back();
    links_.pop_back();
    std::string* buf = Active();
    if (l.url.empty() || buf != l.buffer || buf->size() < l.pos) return;
    size_t begin = l.pos;
    while (begin < buf->size() && ((*buf)[begin] == ' ' || (*buf)[begin] == '\n')) ++begin;
    size_t end = buf->size();
    while (end > begin && (*buf)[end - 1] == ' ') --end;
    if (end <= begin) return;  // No text: no link.
    std::string tail = buf->substr(end);
    buf->resize(end);
    buf->insert(begin, "[");
    buf->append("](" + l.url + ")");
    buf->append(tail);
  }

  void Text(std::string_view text) {
    if (pre_depth_ > 0) {
      cur_.append(text);
      return;
    }
    std::string visible;
    if (HasInvisible(text)) {
      visible = WithoutInvisible(text);
      text = visible;
    }
    if (InTable()) {
      parse::AppendCollapsed(text, &cell_);
    } else if (InList()) {
      parse::AppendCollapsed(text, &line_);
    } else {
      parse::AppendCollapsed(text, &cur_);
    }
  }

  void Emit(Block::Kind kind, int level, std::string text) {
    // No-break spaces at either end go; a block of nothing else is empty.
    if (kind != Block::Kind::kPre) {
      TrimRight(&text);
      TrimLeft(&text);
    }
    if (text.empty()) return;
    Block b;
    b.kind = kind;
    b.level = level;
    b.text = std::move(text);
    blocks_.push_back(std::move(b));
  }

  void FlushParagraph() {
    if (pre_depth_ > 0) return;
    TrimRight(&cur_);
    if (cur_.empty()) return;
    Block::Kind kind = Block::Kind::kParagraph;
    int level = 0;
    if (heading_ > 0) {
      kind = Block::Kind::kHeading;
      level = heading_;
    } else if (caption_depth_ > 0) {
      kind = Block::Kind::kCaption;
    } else if (quote_depth_ > 0) {
      kind = Block::Kind::kQuote;
    }
    Emit(kind, level, std::move(cur_));
    cur_.clear();
  }

  void FinishLine() {
    TrimRight(&line_);
    if (!line_.empty()) {
      list_lines_.append(list_lines_.empty() ? "" : "\n");
      list_lines_.append(line_prefix_);
      list_lines_.append(line_);
    }
    line_.clear();
  }

  void FinishCell() {
    TrimRight(&cell_);
    if (!cell_.empty()) {
      if (!row_.empty()) row_.append(" | ");
      row_.append(cell_);
    }
    cell_.clear();
  }

  void FinishRow() {
    FinishCell();
    if (!row_.empty()) {
      table_lines_.append(table_lines_.empty() ? "" : "\n");
      table_lines_.append(row_);
    }
    row_.clear();
  }

  void OpenElement(uint32_t i) {
    const parse::Node& n = dom_.node(i);
    const uint16_t tag = n.tag;
    if (tag == GUMBO_TAG_A && link_base_ && pre_depth_ == 0) {
      OpenLink(i);
      return;
    }
    if (tag == GUMBO_TAG_BR) {
      if (InTable()) { parse::AppendCollapsed(" ", &cell_); return; }
      if (InList()) { parse::AppendCollapsed(" ", &line_); return; }
      if (pre_depth_ > 0) { cur_.push_back('\n'); return; }
      while (!cur_.empty() && cur_.back() == ' ') cur_.pop_back();
      if (!cur_.empty() && cur_.back() == '\n') {
        cur_.pop_back();
        FlushParagraph();
      } else if (!cur_.empty()) {
        cur_.push_back('\n');
      }
      return;
    }
    if (InTable()) {
      if (tag == GUMBO_TAG_TR) FinishRow();
      else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) FinishCell();
      else if (tag == GUMBO_TAG_TABLE) tables_.push_back(false);  // Nested: never data.
      else if (extract::IsBlockTag(tag)) parse::AppendCollapsed(" ", &cell_);
      return;
    }
    if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_DL ||
        tag == GUMBO_TAG_MENU) {
      if (!InList()) {
        FlushParagraph();
        list_lines_.clear();
      } else {
        FinishLine();
      }
      ++list_depth_;
      counters_.push_back(tag == GUMBO_TAG_OL ? 1 : 0);
      return;
    }
    if (InList()) {
      if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DT || tag == GUMBO_TAG_DD) {
        FinishLine();
        std::string indent(2 * (list_depth_ - 1), ' ');
        int& counter = counters_.back();
        if (counter > 0) {
          line_prefix_ = indent + std::to_string(counter) + ". ";
          ++counter;
        } else {
          line_prefix_ = indent + (tag == GUMBO_TAG_LI ? "- " : "");
        }
      } else if (tag == GUMBO_TAG_TABLE) {
        tables_.push_back(false);
      } else if (extract::IsBlockTag(tag)) {
        parse::AppendCollapsed(" ", &line_);
      }
      return;
    }
    if (tag == GUMBO_TAG_TABLE) {
      FlushParagraph();
      bool data = IsDataTable(dom_, i);
      tables_.push_back(data);
      if (data) table_lines_.clear();
      return;
    }
    if (!extract::IsBlockTag(tag) && tag != GUMBO_TAG_HR) return;
    FlushParagraph();
    if (IsHeading(tag)) heading_ = tag - GUMBO_TAG_H1 + 1;
    if (tag == GUMBO_TAG_BLOCKQUOTE) ++quote_depth_;
    if (tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION) ++caption_depth_;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP) ++pre_depth_;
  }

  void Close(uint32_t i) {
    const uint16_t tag = dom_.node(i).tag;
    if (tag == GUMBO_TAG_A) {
      if (link_base_) CloseLink(i);
      return;
    }
    if (tag == GUMBO_TAG_TABLE && !tables_.empty()) {
      bool data = tables_.back();
      tables_.pop_back();
      if (data) {
        FinishRow();
        Emit(Block::Kind::kTable, 0, std::move(table_lines_));
        table_lines_.clear();
      } else if (InTable()) {
        parse::AppendCollapsed(" ", &cell_);
      } else if (!InList()) {
        FlushParagraph();
      }
      return;
    }
    if (InTable()) {
      if (tag == GUMBO_TAG_TR) FinishRow();
      else if (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) FinishCell();
      else if (tag == GUMBO_TAG_CAPTION) {
        // A caption is its own block before the table.
        TrimRight(&cell_);
        Emit(Block::Kind::kCaption, 0, std::move(cell_));
        cell_.clear();
      }
      return;
    }
    if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL || tag == GUMBO_TAG_DL ||
        tag == GUMBO_TAG_MENU) {
      if (!InList()) return;
      FinishLine();
      --list_depth_;
      counters_.pop_back();
      if (list_depth_ == 0) {
        Emit(Block::Kind::kList, 0, std::move(list_lines_));
        list_lines_.clear();
        line_prefix_.clear();
      }
      return;
    }
    if (InList()) {
      if (tag == GUMBO_TAG_LI || tag == GUMBO_TAG_DT || tag == GUMBO_TAG_DD) FinishLine();
      return;
    }
    if (!extract::IsBlockTag(tag)) return;
    if (tag == GUMBO_TAG_PRE || tag == GUMBO_TAG_LISTING || tag == GUMBO_TAG_XMP) {
      if (pre_depth_ > 0 && --pre_depth_ == 0) {
        size_t b = cur_.find_first_not_of("\r\n");
        std::string text = b == std::string::npos ? "" : cur_.substr(b);
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
          text.pop_back();
        Emit(Block::Kind::kPre, 0, std::move(text));
        cur_.clear();
      }
      return;
    }
    FlushParagraph();
    if (IsHeading(tag)) heading_ = 0;
    if (tag == GUMBO_TAG_BLOCKQUOTE && quote_depth_ > 0) --quote_depth_;
    if ((tag == GUMBO_TAG_FIGCAPTION || tag == GUMBO_TAG_CAPTION) && caption_depth_ > 0)
      --caption_depth_;
  }

  struct Link {
    uint32_t node;
    std::string* buffer;
    size_t pos;
    std::string url;
  };
  const Dom& dom_;
  const std::vector<uint8_t>& removed_;
  const std::string* link_base_;  // Set: write links, resolved against it.
  std::vector<Link> links_;
  std::vector<Block> blocks_;
  std::string cur_;          // Current paragraph.
  std::string line_;         // Current list item.
  std::string line_prefix_;
  std::string list_lines_;
  std::vector<int> counters_;  // Per open list: next number, 0 for unordered.
  int list_depth_ = 0;
  std::vector<bool> tables_;  // Per open table: read as data?
  std::string cell_, row_, table_lines_;
  int heading_ = 0, quote_depth_ = 0, caption_depth_ = 0, pre_depth_ = 0;
};

}  // namespace

std::vector<Block> FromPlainText(std::string_view raw) {
  std::vector<Block> out;
  std::string line;
  // Invisible characters go as in the DOM's text (see kInvisible).
  const bool invisible = HasInvisible(raw);
  const std::string visible = invisible ? WithoutInvisible(raw) : std::string();
  const std::string_view text = invisible ? std::string_view(visible) : raw;
  auto flush = [&] {
    TrimRight(&line);
    if (!line.empty()) out.push_back({Block::Kind::kParagraph, 0, std::move(line), ""});
    line.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r') {
      flush();
      continue;
    }
    bool space = parse::IsHtmlSpace(c);
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
      space = true;
      ++i;
    }
    if (space) {
      if (!line.empty() && line.back() != ' ') line.push_back(' ');
    } else {
      line.push_back(c);
    }
  }
  flush();
  return out;
}

std::string ResolveUrl(const std::string& base, std::string_view href) {
  std::string h(href);
  while (!h.empty() && (h.front() == ' ' || h.front() == '\n' || h.front() == '\t')) h.erase(0, 1);
  while (!h.empty() && (h.back() == ' ' || h.back() == '\n' || h.back() == '\t')) h.pop_back();
  if (h.empty() || h[0] == '#') return "";
  std::string lower = util::AsciiLower(std::string_view(h).substr(0, 11));
  if (lower.rfind("javascript:", 0) == 0) return "";
  if (h.find("://") != std::string::npos || lower.rfind("mailto:", 0) == 0) return h;
  size_t scheme = base.find("://");
  if (scheme == std::string::npos) return h;  // No absolute base: keep it relative.
  if (h.rfind("//", 0) == 0) return base.substr(0, scheme + 1) + h;
  size_t path = base.find('/', scheme + 3);
  std::string origin = path == std::string::npos ? base : base.substr(0, path);
  if (h[0] == '/') return origin + h;
  std::string dir = path == std::string::npos ? origin + "/" : base.substr(0, base.find_first_of("?#", path));
  dir = dir.substr(0, dir.rfind('/') + 1);
  return dir + h;
}

std::vector<Block> Build(const Dom& dom, const std::vector<uint8_t>& removed,
                         const std::vector<uint32_t>& roots, const std::string* link_base) {
  Builder b(dom, removed, nullptr);
  for (uint32_t r : roots) b.Walk(r);
  std::vector<Block> blocks = b.Take();
  if (link_base) {
    // The same walk with links written: links never add or remove a block,
    // so the two lists line up.
    Builder linked(dom, removed, link_base);
    for (uint32_t r : roots) linked.Walk(r);
    std::vector<Block> with_links = linked.Take();
    if (with_links.size() == blocks.size())
      for (size_t k = 0; k < blocks.size(); ++k) blocks[k].markdown = std::move(with_links[k].text);
  }
  return blocks;
}

}  // namespace pith::blocks
