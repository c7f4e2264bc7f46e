// Inline template of rules/apply.h.
#ifndef PITH_RULES_APPLY_INL_H_
#define PITH_RULES_APPLY_INL_H_

#include <string>
#include <string_view>

namespace pith::rules {

template <typename Fn>
bool AnyClassPiece(std::string_view value, std::string* piece, Fn fn) {
  piece->clear();
  for (size_t k = 0; k <= value.size(); ++k) {
    char c = k < value.size() ? value[k] : ' ';
    if (parse::IsHtmlSpace(c) || c == '-' || c == '_') {
      if (!piece->empty()) {
        if (fn(std::string_view(*piece))) return true;
        piece->clear();
      }
    } else if (piece->size() < kMaxClassPiece) {
      piece->push_back((c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c);
    }
  }
  return false;
}

template <typename Fn>
bool AnyClassToken(const parse::Dom& dom, uint32_t i, Fn fn) {
  std::string token;
  for (const parse::Attribute* a = dom.attrs_begin(i); a != dom.attrs_end(i); ++a) {
    if (a->name != "class" && a->name != "id") continue;
    std::string_view v = a->value;
    // An id of more than three words is a slug made from a heading
    // ("sharing-with-a-single-developer"), not a description of the element.
    if (a->name == "id") {
      int words = 1;
      for (char c : v) words += (c == '-' || c == '_' || parse::IsHtmlSpace(c));
      if (words > 3) continue;
    }
    if (AnyClassPiece(v, &token, fn)) return true;
  }
  return false;
}

}  // namespace pith::rules

#endif  // PITH_RULES_APPLY_INL_H_
