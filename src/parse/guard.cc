#include "parse/guard.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace pith::parse {
namespace {

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

bool In(const std::string& name, std::initializer_list<const char*> set) {
  for (const char* s : set)
    if (name == s) return true;
  return false;
}

bool IsVoid(const std::string& n) {
  return In(n, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                "param", "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame",
                "image"});
}

// Elements whose content the tokenizer reads as raw text up to </name>.
bool IsRawText(const std::string& n) {
  return In(n, {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title",
                "plaintext"});
}

// Start tags that close an open <p> (HTML tree construction, "in body").
bool ClosesP(const std::string& n) {
  return In(n, {"address", "article", "aside", "blockquote", "center", "details", "dialog",
                "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1",
                "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav",
                "ol", "p", "pre", "section", "summary", "table", "ul", "li", "dd", "dt",
                "listing", "xmp"});
}

bool IsHeading(const std::string& n) {
  return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6';
}

class Scanner {
 public:
  Scanner(std::string_view html, size_t max_depth, bool prune)
      : html_(html), max_depth_(max_depth), prune_(prune) {}

  GuardResult Run() {
    size_t i = 0;
    const size_t n = html_.size();
    while (i < n) {
      const char* lt = static_cast<const char*>(std::memchr(html_.data() + i, '<', n - i));
      if (!lt) break;
      i = lt - html_.data();
      if (i + 1 >= n) break;
      char c = html_[i + 1];
      if (c == '!') {
        if (html_.compare(i, 4, "<!--") == 0) {
          size_t e;
          if (html_.compare(i, 5, "<!-->") == 0) e = i + 5;
          else if (html_.compare(i, 6, "<!--->") == 0) e = i + 6;
          else {
            size_t close = html_.find("-->", i + 4);
            size_t bang = html_.find("--!>", i + 4);
            if (bang < close) close = bang + 1;
            e = (close == std::string_view::npos) ? n : close + 3;
          }
          // An unterminated comment runs to the end: left as it is.
          if (prune_ && e < n) Elide(i, e);
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
      } else if (IsAlpha(c)) {
        i = StartTag(i);
      } else {
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
      if (name->size() < 64) name->push_back(Lower(html_[i]));
      ++i;
    }
    return i;
  }

  // Case-insensitive search for `needle` (lower case) in html_[from, to).
  size_t FindNoCase(std::string_view needle, size_t from, size_t to) const {
    for (size_t i = from; i + needle.size() <= to; ++i) {
      size_t m = 0;
      while (m < needle.size() && Lower(html_[i + m]) == needle[m]) ++m;
      if (m == needle.size()) return i;
    }
    return std::string_view::npos;
  }

  // Script and style contents never become text. Kept: JSON-LD (metadata),
  // other raw text elements (xmp, noembed... are shown as text), and a
  // script whose content opens a comment and a nested <script>, where the
  // tokenizer's "double escaped" state could end it elsewhere than here.
  bool PrunableRawText(size_t tag_begin, size_t content_begin, size_t content_end) const {
    if (name_ == "style") return true;
    if (name_ != "script") return false;
    if (FindNoCase("ld+json", tag_begin, content_begin) != std::string_view::npos) return false;
    if (FindNoCase("<!--", content_begin, content_end) != std::string_view::npos &&
        FindNoCase("<script", content_begin, content_end) != std::string_view::npos)
      return false;
    return true;
  }

  // Start of the </svg> that closes an <svg> whose content starts at
  // `from`, counting nested <svg> elements (npos if none).
  size_t MatchingSvgEnd(size_t from) const {
    int depth = 1;
    size_t i = from;
    const size_t n = html_.size();
    while (i < n) {
      const char* lt = static_cast<const char*>(std::memchr(html_.data() + i, '<', n - i));
      if (!lt) return std::string_view::npos;
      i = lt - html_.data();
      if (FindNoCase("</svg", i, std::min(n, i + 5)) == i) {
        if (--depth == 0) return i;
      } else if (FindNoCase("<svg", i, std::min(n, i + 4)) == i && i + 4 < n &&
                 (IsSpace(html_[i + 4]) || html_[i + 4] == '>' || html_[i + 4] == '/')) {
        size_t e = html_.find('>', i);
        if (e == std::string_view::npos) return std::string_view::npos;
        if (html_[e - 1] != '/') ++depth;
      }
      ++i;
    }
    return std::string_view::npos;
  }

  // Removes html_[begin, end) from the output: bytes that cannot matter.
  void Elide(size_t begin, size_t end) {
    if (!result_.modified) {
      result_.modified = true;
      out_.reserve(html_.size());
    }
    out_.append(html_.substr(copied_, begin - copied_));
    copied_ = end;
    result_.pruned_bytes += end - begin;
  }

  // Drops html_[begin, end) from the output.
  void Drop(size_t begin, size_t end) {
    if (!result_.modified) {
      result_.modified = true;
      out_.reserve(html_.size());
    }
    out_.append(html_.substr(copied_, begin - copied_));
    copied_ = end;
    ++result_.dropped_tags;
  }

  void Push(const std::string& name) {
    stack_.push_back(name);
    ++open_[name];
    if (name == "svg" || name == "math") ++foreign_;
  }

  void Pop() {
    const std::string& name = stack_.back();
    if (--open_[name] == 0) open_.erase(name);
    if (name == "svg" || name == "math") --foreign_;
    stack_.pop_back();
  }

  int OpenCount(const std::string& name) const {
    auto it = open_.find(name);
    return it == open_.end() ? 0 : it->second;
  }

  // Pops up to and including the nearest open `target`, unless one of
  // `boundaries` is met first.
  void CloseIfOpen(const std::string& target, std::initializer_list<const char*> boundaries) {
    if (OpenCount(target) == 0) return;
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k] == target) {
        while (stack_.size() > k) Pop();
        return;
      }
      if (In(stack_[k], boundaries)) return;
    }
  }

  // Applies the implied end tags that the tree builder would apply before
  // inserting a start tag `name`.
  void ImpliedEnds(const std::string& name) {
    static const std::initializer_list<const char*> kButtonScope = {
        "button", "table", "td", "th", "caption", "html", "template", "applet", "object",
        "marquee", "svg", "math"};
    if (ClosesP(name)) CloseIfOpen("p", kButtonScope);
    if (name == "li") CloseIfOpen("li", {"ul", "ol", "table", "td", "th", "html", "template"});
    if (name == "dd" || name == "dt") {
      CloseIfOpen("dd", {"dl", "table", "td", "th", "html", "template"});
      CloseIfOpen("dt", {"dl", "table", "td", "th", "html", "template"});
    }
    if (name == "option" && !stack_.empty() && stack_.back() == "option") Pop();
    if (name == "optgroup") {
      if (!stack_.empty() && stack_.back() == "option") Pop();
      if (!stack_.empty() && stack_.back() == "optgroup") Pop();
    }
    if (name == "td" || name == "th") {
      CloseIfOpen("td", {"tr", "table", "html", "template"});
      CloseIfOpen("th", {"tr", "table", "html", "template"});
    }
    if (name == "tr" || name == "tbody" || name == "thead" || name == "tfoot") {
      CloseIfOpen("td", {"table", "html", "template"});
      CloseIfOpen("th", {"table", "html", "template"});
      CloseIfOpen("tr", {"table", "html", "template"});
    }
    if (name == "tbody" || name == "thead" || name == "tfoot") {
      CloseIfOpen("tbody", {"table", "html", "template"});
      CloseIfOpen("thead", {"table", "html", "template"});
      CloseIfOpen("tfoot", {"table", "html", "template"});
    }
    if (IsHeading(name) && !stack_.empty() && IsHeading(stack_.back())) Pop();
    if ((name == "a" || name == "button" || name == "form" || name == "nobr") && OpenCount(name) > 0)
      CloseIfOpen(name, {"html"});
  }

  size_t StartTag(size_t begin) {
    size_t i = ReadName(begin + 1, &name_);
    // Attributes: skip to the closing '>', honouring quoted values.
    const size_t n = html_.size();
    char prev = 0;
    while (i < n && html_[i] != '>') {
      char c = html_[i];
      if ((c == '"' || c == '\'') && prev == '=') {
        size_t q = html_.find(c, i + 1);
        if (q == std::string_view::npos) return n;  // Unterminated: EOF in tag.
        i = q + 1;
        prev = c;
        continue;
      }
      if (!IsSpace(c)) prev = c;
      ++i;
    }
    if (i >= n) return n;
    bool self_closing = html_[i - 1] == '/';
    size_t end = i + 1;

    if (IsRawText(name_)) {
      if (name_ == "plaintext") return n;
      size_t content_end;
      size_t after = SkipRawText(end, &content_end);
      if (prune_ && content_end > end && content_end < n && PrunableRawText(begin, end, content_end))
        Elide(end, content_end);
      return after;
    }
    if (IsVoid(name_) || (self_closing && foreign_ > 0)) return end;
    ImpliedEnds(name_);
    if (stack_.size() >= max_depth_) {
      Drop(begin, end);
      ++dropped_open_;
      return end;
    }
    Push(name_);
    if (prune_ && !self_closing && name_ == "svg") {
      size_t content_end = MatchingSvgEnd(end);
      if (content_end != std::string_view::npos && content_end > end) {
        Elide(end, content_end);
        return content_end;  // The end tag is read next, and pops the element.
      }
    }
    return end;
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
      while (m < name_.size() && k + m < n && Lower(html_[k + m]) == name_[m]) ++m;
      if (m == name_.size() && k + m < n &&
          (IsSpace(html_[k + m]) || html_[k + m] == '/' || html_[k + m] == '>')) {
        *content_end = lt;
        size_t e = html_.find('>', k + m);
        return e == std::string_view::npos ? n : e + 1;
      }
      i = lt + 2;
    }
  }

  size_t EndTag(size_t begin) {
    size_t i = ReadName(begin + 2, &name_);
    size_t e = html_.find('>', i);
    size_t end = (e == std::string_view::npos) ? html_.size() : e + 1;
    if (OpenCount(name_) > 0) {
      while (!stack_.empty()) {
        bool match = stack_.back() == name_;
        Pop();
        if (match) break;
      }
    } else if (dropped_open_ > 0) {
      Drop(begin, end);
      --dropped_open_;
    }
    return end;
  }

  std::string_view html_;
  size_t max_depth_;
  bool prune_;
  std::vector<std::string> stack_;
  std::unordered_map<std::string, int> open_;
  int foreign_ = 0;
  size_t dropped_open_ = 0;
  size_t copied_ = 0;
  std::string name_;
  std::string out_;
  GuardResult result_;
};

}  // namespace

GuardResult CapDepth(std::string_view html, size_t max_depth) {
  return Scanner(html, max_depth, /*prune=*/false).Run();
}

GuardResult Prescan(std::string_view html, size_t max_depth, bool prune) {
  return Scanner(html, max_depth, prune).Run();
}

}  // namespace pith::parse
