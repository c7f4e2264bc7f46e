#include "rules/selector.h"
#include "util/ascii.h"

#include <unordered_set>

namespace pith::rules {
namespace {

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

using util::AsciiLower;

}  // namespace

bool HasToken(std::string_view list, std::string_view token) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && parse::IsHtmlSpace(list[i])) ++i;
    size_t j = i;
    while (j < list.size() && !parse::IsHtmlSpace(list[j])) ++j;
    if (j > i && list.substr(i, j - i) == token) return true;
    i = j;
  }
  return false;
}

class Selector::Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  bool ParseList(std::vector<Complex>* out, std::string* error) {
    SkipSpace();
    if (AtEnd()) return Fail("empty selector", error);
    while (true) {
      Complex c;
      if (!ParseComplex(&c, error)) return false;
      out->push_back(std::move(c));
      SkipSpace();
      if (AtEnd()) return true;
      if (Peek() != ',') return Fail(std::string("unexpected '") + Peek() + "'", error);
      ++pos_;
      SkipSpace();
      if (AtEnd()) return Fail("selector list ends with ','", error);
    }
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && parse::IsHtmlSpace(Peek())) ++pos_;
  }
  bool Fail(const std::string& msg, std::string* error) {
    *error = "bad selector: " + msg + " at column " + std::to_string(pos_ + 1);
    return false;
  }

  std::string ReadName() {
    size_t start = pos_;
    while (!AtEnd() && IsNameChar(Peek())) ++pos_;
    return std::string(s_.substr(start, pos_ - start));
  }

  bool ParseComplex(Complex* out, std::string* error) {
    Compound first;
    if (!ParseCompound(&first, error)) return false;
    out->parts.push_back(std::move(first));
    while (true) {
      size_t before = pos_;
      SkipSpace();
      if (AtEnd() || Peek() == ',' || Peek() == ')') return true;
      char comb = ' ';
      if (Peek() == '>') {
        comb = '>';
        ++pos_;
        SkipSpace();
      } else if (Peek() == '+' || Peek() == '~') {
        return Fail(std::string("combinator '") + Peek() + "' is not supported", error);
      } else if (pos_ == before) {
        return Fail(std::string("unexpected '") + Peek() + "'", error);
      }
      if (AtEnd()) return Fail("selector ends with a combinator", error);
      Compound next;
      if (!ParseCompound(&next, error)) return false;
      out->parts.push_back(std::move(next));
      out->combinators.push_back(comb);
      if (out->parts.size() > kMaxCompounds)
        return Fail("more than " + std::to_string(kMaxCompounds) + " compound parts", error);
    }
  }

  bool ParseCompound(Compound* c, std::string* error) {
    bool any = false;
    if (!AtEnd() && Peek() == '*') {
      ++pos_;
      any = true;
    } else if (!AtEnd() && IsNameChar(Peek())) {
      c->tag = AsciiLower(ReadName());
      any = true;
    }
    while (!AtEnd()) {
      char ch = Peek();
      if (ch == '#' || ch == '.') {
        ++pos_;
        std::string name = ReadName();
        if (name.empty()) return Fail(std::string("expected a name after '") + ch + "'", error);
        (ch == '#' ? c->ids : c->classes).push_back(std::move(name));
      } else if (ch == '[') {
        ++pos_;
        AttrTest t;
        if (!ParseAttr(&t, error)) return false;
        c->attrs.push_back(std::move(t));
      } else if (ch == ':') {
        ++pos_;
        std::string pseudo = AsciiLower(ReadName());
        if (pseudo != "not") return Fail("pseudo-class ':" + pseudo + "' is not supported", error);
        if (AtEnd() || Peek() != '(') return Fail("expected '(' after :not", error);
        ++pos_;
        if (depth_ > 0) return Fail(":not() cannot be nested", error);
        ++depth_;
        while (true) {
          SkipSpace();
          Compound inner;
          if (AtEnd() || Peek() == ')') return Fail("empty :not()", error);
          if (!ParseCompound(&inner, error)) return false;
          c->nots.push_back(std::move(inner));
          SkipSpace();
          if (AtEnd()) return Fail("unclosed :not(", error);
          if (Peek() == ')') break;
          if (Peek() != ',') return Fail(":not() takes compound selectors only", error);
          ++pos_;
        }
        ++pos_;
        --depth_;
      } else {
        break;
      }
      any = true;
    }
    if (!any) {
      if (AtEnd()) return Fail("expected a selector", error);
      return Fail(std::string("unexpected '") + Peek() + "'", error);
    }
    return true;
  }

  bool ParseAttr(AttrTest* t, std::string* error) {
    SkipSpace();
    t->name = AsciiLower(ReadName());
    if (t->name.empty()) return Fail("expected an attribute name", error);
    SkipSpace();
    if (AtEnd()) return Fail("unclosed '['", error);
    if (Peek() == ']') {
      ++pos_;
      return true;
    }
    using Op = AttrTest::Op;
    char ch = Peek();
    if (ch == '=') {
      t->op = Op::kEquals;
      ++pos_;
    } else if ((ch == '~' || ch == '^' || ch == '$' || ch == '*' || ch == '|') &&
               pos_ + 1 < s_.size() && s_[pos_ + 1] == '=') {
      t->op = ch == '~' ? Op::kIncludes : ch == '^' ? Op::kPrefix : ch == '$' ? Op::kSuffix
              : ch == '*' ? Op::kSubstring : Op::kDash;
      pos_ += 2;
    } else {
      return Fail(std::string("unexpected '") + ch + "' in attribute selector", error);
    }
    SkipSpace();
    if (AtEnd()) return Fail("expected an attribute value", error);
    if (Peek() == '"' || Peek() == '\'') {
      char q = Peek();
      size_t close = s_.find(q, pos_ + 1);
      if (close == std::string_view::npos) return Fail("unterminated string", error);
      t->value = std::string(s_.substr(pos_ + 1, close - pos_ - 1));
      pos_ = close + 1;
    } else {
      t->value = ReadName();
      if (t->value.empty()) return Fail("expected an attribute value", error);
    }
    SkipSpace();
    if (AtEnd() || Peek() != ']') return Fail("expected ']'", error);
    ++pos_;
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
  int depth_ = 0;
};

bool Selector::Parse(std::string_view text, std::string* error) {
  text_ = std::string(text);
  alternatives_.clear();
  Parser p(text);
  if (!p.ParseList(&alternatives_, error)) return false;
  for (Complex& c : alternatives_) {
    const Compound& last = c.parts.back();
    c.needed_bits = 0;
    if (!last.ids.empty()) c.needed_bits |= parse::AttrNameBit("id");
    if (!last.classes.empty()) c.needed_bits |= parse::AttrNameBit("class");
    for (const AttrTest& a : last.attrs) c.needed_bits |= parse::AttrNameBit(a.name);
  }
  return true;
}

template <typename Fn>
void Selector::ForEachCompound(Fn fn) const {
  std::vector<const Compound*> todo;
  for (const Complex& c : alternatives_)
    for (const Compound& part : c.parts) todo.push_back(&part);
  while (!todo.empty()) {
    const Compound* c = todo.back();
    todo.pop_back();
    fn(*c);
    for (const Compound& inner : c->nots) todo.push_back(&inner);
  }
}

void Selector::AttributeNames(std::vector<std::string>* out) const {
  ForEachCompound([&](const Compound& c) {
    if (!c.ids.empty()) out->push_back("id");
    if (!c.classes.empty()) out->push_back("class");
    for (const AttrTest& a : c.attrs) out->push_back(a.name);
  });
}

void Selector::AttributeValues(std::vector<std::pair<std::string, std::string>>* out) const {
  ForEachCompound([&](const Compound& c) {
    for (const AttrTest& a : c.attrs)
      out->emplace_back(a.name, a.op == AttrTest::Op::kExists ? std::string() : a.value);
  });
}

void Selector::UntypedNeeds(std::vector<std::string>* attrs, bool* any) const {
  for (const Complex& c : alternatives_) {
    const Compound& last = c.parts.back();
    if (!last.tag.empty()) continue;
    const size_t before = attrs->size();
    if (!last.ids.empty()) attrs->push_back("id");
    if (!last.classes.empty()) attrs->push_back("class");
    for (const AttrTest& a : last.attrs) attrs->push_back(a.name);
    if (attrs->size() == before) *any = true;
  }
}

void Selector::SubjectNeeds(std::vector<SubjectNeed>* out) const {
  for (const Complex& c : alternatives_) {
    const Compound& last = c.parts.back();
    SubjectNeed need;
    if (!last.tag.empty()) {
      need.tag = last.tag;
    } else if (!last.classes.empty()) {
      need.class_name = last.classes.front();
    } else if (!last.attrs.empty()) {
      need.attribute = last.attrs.front().name;
      if (last.attrs.front().op != AttrTest::Op::kExists)
        need.needle = util::AsciiLower(last.attrs.front().value);
    } else if (!last.ids.empty()) {
      need.attribute = "id";
      need.needle = util::AsciiLower(last.ids.front());
    }
    out->push_back(std::move(need));
  }
}

void Selector::BareTags(std::vector<std::string>* out) const {
  for (const Complex& c : alternatives_) {
    if (c.parts.size() != 1) continue;
    const Compound& only = c.parts.front();
    if (!only.tag.empty() && only.ids.empty() && only.classes.empty() && only.attrs.empty() &&
        only.nots.empty())
      out->push_back(only.tag);
  }
}

void Selector::BareAttributes(std::vector<BareAttribute>* out) const {
  for (const Complex& c : alternatives_) {
    if (c.parts.size() != 1) continue;
    const Compound& only = c.parts.front();
    if (!only.tag.empty() || !only.ids.empty() || !only.classes.empty() || !only.nots.empty() ||
        only.attrs.size() != 1)
      continue;
    const AttrTest& t = only.attrs.front();
    using Op = AttrTest::Op;
    if (t.op != Op::kExists && t.op != Op::kEquals && t.op != Op::kSubstring) continue;
    out->push_back({t.name, t.value,
                    t.op == Op::kExists   ? BareAttribute::Test::kExists
                    : t.op == Op::kEquals ? BareAttribute::Test::kEquals
                                          : BareAttribute::Test::kContains});
  }
}

bool Selector::NamesTag(std::string_view tag) const {
  bool named = false;
  ForEachCompound([&](const Compound& c) { named |= c.tag == tag; });
  return named;
}

void Selector::ClassNames(std::vector<std::string>* classes, bool* reads_value) const {
  ForEachCompound([&](const Compound& c) {
    classes->insert(classes->end(), c.classes.begin(), c.classes.end());
    for (const AttrTest& a : c.attrs)
      if (a.name == "class") *reads_value = true;
  });
}

void Selector::IdNames(std::vector<std::string>* ids, bool* reads_value) const {
  ForEachCompound([&](const Compound& c) {
    ids->insert(ids->end(), c.ids.begin(), c.ids.end());
    for (const AttrTest& a : c.attrs)
      if (a.name == "id") *reads_value = true;
  });
}

bool Selector::MatchCompound(const parse::Dom& dom, uint32_t i, const Compound& c) {
  const parse::Node& n = dom.node(i);
  if (!n.is_element()) return false;
  if (!c.tag.empty() && n.name != c.tag) return false;
  for (const std::string& id : c.ids) {
    const std::string_view* v = dom.Attr(i, "id");
    if (!v || *v != id) return false;
  }
  if (!c.classes.empty()) {
    const std::string_view* v = dom.Attr(i, "class");
    if (!v) return false;
    for (const std::string& cls : c.classes)
      if (!HasToken(*v, cls)) return false;
  }
  using Op = AttrTest::Op;
  for (const AttrTest& t : c.attrs) {
    const std::string_view* v = dom.Attr(i, t.name);
    if (!v) return false;
    std::string_view val = *v;
    switch (t.op) {
      case Op::kExists: break;
      case Op::kEquals: if (val != t.value) return false; break;
      case Op::kIncludes: if (!HasToken(val, t.value)) return false; break;
      case Op::kPrefix:
        if (t.value.empty() || val.substr(0, t.value.size()) != t.value) return false;
        break;
      case Op::kSuffix:
        if (t.value.empty() || val.size() < t.value.size() ||
            val.substr(val.size() - t.value.size()) != t.value)
          return false;
        break;
      case Op::kSubstring:
        if (t.value.empty() || val.find(t.value) == std::string_view::npos) return false;
        break;
      case Op::kDash:
        if (!(val == t.value || (val.size() > t.value.size() &&
                                 val.substr(0, t.value.size()) == t.value &&
                                 val[t.value.size()] == '-')))
          return false;
        break;
    }
  }
  for (const Compound& inner : c.nots)
    if (MatchCompound(dom, i, inner)) return false;
  return true;
}

// Matches parts[0..part] with parts[part] at node i. `memo` records the
// (part, node) pairs already known to fail, so that no pair is tried twice:
// the cost is bounded by parts x depth on any tree.
bool Selector::MatchComplex(const parse::Dom& dom, uint32_t i, const Complex& c, size_t part,
                            std::unordered_set<uint64_t>* memo) {
  while (true) {
    if (!MatchCompound(dom, i, c.parts[part])) return false;
    if (part == 0) return true;
    char comb = c.combinators[part - 1];
    if (comb == '>') {
      i = dom.node(i).parent;
      if (i == parse::kNoNode) return false;
      --part;
      continue;
    }
    // Descendant combinator. When no '>' remains on the left, the nearest
    // matching ancestor is always the best choice (its ancestors include
    // those of any farther one), so no backtracking is needed.
    bool greedy = true;
    for (size_t k = 0; k + 1 < part; ++k)
      if (c.combinators[k] == '>') greedy = false;
    for (uint32_t a = dom.node(i).parent; a != parse::kNoNode; a = dom.node(a).parent) {
      if (greedy) {
        if (MatchCompound(dom, a, c.parts[part - 1])) return MatchComplex(dom, a, c, part - 1, memo);
        continue;
      }
      uint64_t key = (uint64_t(part - 1) << 32) | a;
      if (memo->count(key)) continue;
      if (MatchComplex(dom, a, c, part - 1, memo)) return true;
      memo->insert(key);
    }
    return false;
  }
}

bool Selector::Matches(const parse::Dom& dom, uint32_t i) const {
  const parse::Node& n = dom.node(i);
  if (!n.is_element()) return false;
  std::unordered_set<uint64_t> memo;
  for (const Complex& c : alternatives_) {
    if ((n.attr_bits & c.needed_bits) != c.needed_bits) continue;
    if (!c.parts.back().tag.empty() && n.name != c.parts.back().tag) continue;
    memo.clear();
    if (MatchComplex(dom, i, c, c.parts.size() - 1, &memo)) return true;
  }
  return false;
}

}  // namespace pith::rules
