// metadata: see metadata.h for the sources and their order of trust.
#include "metadata/metadata.h"

#include "util/ascii.h"
#include "util/utf8.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <deque>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

namespace pith::metadata {
namespace {

using Json = nlohmann::json;

// ---------------------------------------------------------------------------
// Small string helpers.

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

using util::AsciiLower;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Length of the Unicode space at s[i] (0 if none): U+0085, U+00A0, U+1680,
// U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
size_t UnicodeSpaceAt(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (b(i) == 0xC2 && i + 1 < s.size() && (b(i + 1) == 0x85 || b(i + 1) == 0xA0)) return 2;
  if (i + 2 >= s.size()) return 0;
  if (b(i) == 0xE1 && b(i + 1) == 0x9A && b(i + 2) == 0x80) return 3;
  if (b(i) == 0xE2 && b(i + 1) == 0x80 &&
      (b(i + 2) <= 0x8A || b(i + 2) == 0xA8 || b(i + 2) == 0xA9 || b(i + 2) == 0xAF))
    return 3;
  if (b(i) == 0xE2 && b(i + 1) == 0x81 && b(i + 2) == 0x9F) return 3;
  if (b(i) == 0xE3 && b(i + 1) == 0x80 && b(i + 2) == 0x80) return 3;
  return 0;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
void TruncateUtf8(std::string* s, size_t max) {
  if (s->size() <= max) return;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>((*s)[n]) & 0xC0) == 0x80) --n;
  s->resize(n);
  while (!s->empty() && s->back() == ' ') s->pop_back();
}

// Collapsed, trimmed and length-capped: the form of every field.
std::string CleanField(std::string_view s) {
  std::string out = CollapseSpaces(s.substr(0, kMaxFieldBytes * 2));
  TruncateUtf8(&out, kMaxFieldBytes);
  return out;
}

bool IsUrl(std::string_view s) {
  s = TrimAscii(s);
  std::string l = AsciiLower(s.substr(0, 12));
  return StartsWith(l, "http://") || StartsWith(l, "https://") || StartsWith(l, "//") ||
         StartsWith(l, "www.");
}

bool IsAbsoluteUrl(std::string_view s) {
  s = TrimAscii(s);
  return s.find("://") != std::string_view::npos || StartsWith(s, "//");
}

// Decodes the HTML entities that JSON-LD strings commonly carry (the script
// is raw text, so the HTML parser left them alone): numeric references and a
// few named ones. Anything else is kept as written.
std::string DecodeEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static constexpr std::pair<const char*, const char*> kNamed[] = {
      {"amp", "&"},
      {"lt", "<"},
      {"gt", ">"},
      {"quot", "\""},
      {"apos", "'"},
      {"nbsp", "\xC2\xA0"},
      {"ndash", "\xE2\x80\x93"},
      {"mdash", "\xE2\x80\x94"},
      {"hellip", "\xE2\x80\xA6"},
      {"rsquo", "\xE2\x80\x99"},
      {"lsquo", "\xE2\x80\x98"},
      {"rdquo", "\xE2\x80\x9D"},
      {"ldquo", "\xE2\x80\x9C"},
  };
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '&') {
      out.push_back(s[i++]);
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 12) {
      out.push_back(s[i++]);
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (name.size() >= 2 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      uint32_t cp = 0;
      bool ok = !digits.empty() && digits.size() <= 7;
      for (char c : digits) {
        int d = IsDigit(c)                      ? c - '0'
                : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (hex && c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                : -1;
        if (d < 0) {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + uint32_t(d);
      }
      if (ok) {
        util::AppendUtf8(cp, &out);
        done = true;
      }
    } else {
      for (const auto& [n, v] : kNamed) {
        if (name == n) {
          out += v;
          done = true;
          break;
        }
      }
    }
    if (done) {
      i = semi + 1;
    } else {
      out.push_back(s[i++]);
    }
  }
  return out;
}

// Splits on ASCII whitespace.
std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !IsAsciiSpace(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

size_t WordCount(std::string_view s) { return Tokens(s).size(); }

// The comparison key of a site name: lower case, ASCII letters and digits
// and every non-ASCII byte, nothing else.
std::string SiteKey(std::string_view s) {
  std::string out;
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || IsDigit(c) || IsAlpha(c)) out.push_back(AsciiLower(c));
  }
  return out;
}

bool SiteMatches(std::string_view part, const std::string& site_key) {
  std::string k = SiteKey(part);
  if (k.empty() || site_key.empty()) return false;
  if (k == site_key) return true;
  const std::string& shorter = k.size() < site_key.size() ? k : site_key;
  const std::string& longer = k.size() < site_key.size() ? site_key : k;
  return shorter.size() >= 3 && longer.size() * 2 <= shorter.size() * 5 &&
         longer.find(shorter) != std::string::npos;
}

// ---------------------------------------------------------------------------
// Dates.

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ValidDate(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  int max = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  return d <= max;
}

std::string Pad(int v, int width) {
  std::string s = std::to_string(v);
  while (int(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

std::string FormatDate(int y, int m, int d) {
  return Pad(y, 4) + "-" + Pad(m, 2) + "-" + Pad(d, 2);
}

// Reads 1..max_digits digits at s[*pos]; false if none.
bool ReadNumber(std::string_view s, size_t* pos, size_t min_digits, size_t max_digits, int* out) {
  size_t i = *pos;
  int v = 0;
  while (i < s.size() && IsDigit(s[i]) && i - *pos < max_digits) v = v * 10 + (s[i++] - '0');
  if (i - *pos < min_digits) return false;
  if (i < s.size() && IsDigit(s[i])) return false;  // Too many digits.
  *pos = i;
  *out = v;
  return true;
}

// A zone at s[*pos]: "Z", "UTC", "GMT", "+hh", "+hhmm", "+hh:mm" (also after
// "GMT"/"UTC"). Writes "+hh:mm".
bool ReadZone(std::string_view s, size_t* pos, std::string* out) {
  size_t i = *pos;
  std::string l = AsciiLower(s.substr(i, 3));
  bool named = false;
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z') && (i + 1 == s.size() || !IsAlpha(s[i + 1]))) {
    *pos = i + 1;
    *out = "+00:00";
    return true;
  }
  if (l == "utc" || l == "gmt") {
    i += 3;
    named = true;
  }
  if (i < s.size() &&
      (s[i] == '+' || s[i] == '-' || StartsWith(s.substr(i), "\xE2\x88\x92"))) {  // U+2212 minus.
    char sign = s[i] == '+' ? '+' : '-';
    i += s[i] == '+' || s[i] == '-' ? 1 : 3;
    int h = 0, m = 0;
    if (!ReadNumber(s, &i, 2, 2, &h)) {
      // "+hhmm" is four digits in a row.
      size_t j = i;
      int hm = 0;
      if (!ReadNumber(s, &j, 4, 4, &hm)) return false;
      h = hm / 100;
      m = hm % 100;
      i = j;
    } else if (i < s.size() && s[i] == ':') {
      ++i;
      if (!ReadNumber(s, &i, 2, 2, &m)) return false;
    } else if (i + 1 < s.size() && IsDigit(s[i])) {
      if (!ReadNumber(s, &i, 2, 2, &m)) return false;
    }
    if (h > 14 || m > 59) return false;
    *pos = i;
    *out = std::string(1, sign) + Pad(h, 2) + ":" + Pad(m, 2);
    return true;
  }
  if (named) {
    *pos = i;
    *out = "+00:00";
    return true;
  }
  return false;
}

// "hh:mm[:ss[.fff]]" at s[*pos].
bool ReadTime(std::string_view s, size_t* pos, int* h, int* m, int* sec) {
  size_t i = *pos;
  *sec = 0;
  if (!ReadNumber(s, &i, 1, 2, h) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!ReadNumber(s, &i, 2, 2, m)) return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!ReadNumber(s, &i, 2, 2, sec)) return false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      while (i < s.size() && IsDigit(s[i])) ++i;
    }
  }
  if (*h > 23 || *m > 59 || *sec > 60) return false;
  *pos = i;
  return true;
}

// ISO 8601 and its common variants; "" when `s` does not start with one.
std::string NormalizeIso(std::string_view s) {
  size_t i = 0;
  int y = 0, mo = 0, d = 0;
  if (!ReadNumber(s, &i, 4, 4, &y) || i >= s.size()) return "";
  char sep = s[i];
  if (sep != '-' && sep != '/' && sep != '.') return "";
  ++i;
  if (!ReadNumber(s, &i, 1, 2, &mo) || i >= s.size() || s[i] != sep) return "";
  ++i;
  if (!ReadNumber(s, &i, 1, 2, &d)) return "";
  if (!ValidDate(y, mo, d)) return "";
  std::string date = FormatDate(y, mo, d);
  if (i == s.size()) return date;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return IsAlpha(s[i]) ? "" : date;
  size_t j = i + 1;
  while (j < s.size() && s[j] == ' ') ++j;
  int h = 0, m = 0, sec = 0;
  if (!ReadTime(s, &j, &h, &m, &sec)) return date;
  std::string out = date + "T" + Pad(h, 2) + ":" + Pad(m, 2) + ":" + Pad(sec, 2);
  while (j < s.size() && s[j] == ' ') ++j;
  std::string zone;
  if (j < s.size() && ReadZone(s, &j, &zone)) out += zone;
  return out;
}

int MonthFromWord(std::string_view w) {
  static constexpr const char* kMonths[] = {"january",   "february", "march",    "april",
                                            "may",       "june",     "july",     "august",
                                            "september", "october",  "november", "december"};
  std::string l = AsciiLower(w);
  if (!l.empty() && l.back() == '.') l.pop_back();
  if (l.size() < 3) return 0;
  for (int k = 0; k < 12; ++k) {
    std::string_view full = kMonths[k];
    if (l == full || l == full.substr(0, 3) || (k == 8 && l == "sept")) return k + 1;
  }
  return 0;
}

// English month-name dates: "March 9, 2017", "9 Mar 2017", "Thu, 09 Mar
// 2017 23:16:02 GMT", "Published on Mar. 9th, 2017 at 11:16 pm".
std::string NormalizeText(std::string_view s) {
  int year = 0, month = 0, day = 0, h = -1, m = 0, sec = 0;
  bool pm = false, am = false;
  std::string zone;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (IsAlpha(c)) {
      size_t j = i;
      while (j < s.size() && (IsAlpha(s[j]) || s[j] == '.')) ++j;
      std::string_view w = s.substr(i, j - i);
      std::string l = AsciiLower(w);
      while (!l.empty() && l.back() == '.') l.pop_back();
      size_t z = i;
      std::string zz;
      if (int mo = MonthFromWord(w)) {
        if (month) return "";  // Two month names: a range, not a date.
        month = mo;
      } else if (l == "pm" || l == "p.m") {
        pm = true;
      } else if (l == "am" || l == "a.m") {
        am = true;
      } else if ((l == "gmt" || l == "utc" || l == "z") && ReadZone(s, &z, &zz)) {
        zone = zz;
        j = z;
      }
      i = j;
    } else if (IsDigit(c)) {
      size_t j = i;
      int hh = 0, mm = 0, ss = 0;
      if (ReadTime(s, &j, &hh, &mm, &ss)) {
        if (h >= 0) return "";
        h = hh;
        m = mm;
        sec = ss;
        i = j;
        continue;
      }
      j = i;
      while (j < s.size() && IsDigit(s[j])) ++j;
      size_t digits = j - i;
      int v = 0;
      for (size_t k = i; k < j && k - i < 6; ++k) v = v * 10 + (s[k] - '0');
      // Ordinal suffixes: 1st, 2nd, 3rd, 9th.
      std::string suffix = AsciiLower(s.substr(j, 2));
      if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") j += 2;
      if (j < s.size() && (IsDigit(s[j]) || s[j] == '/' || s[j] == '-')) {
        // "03/09/2017", "2017-03": numeric forms this reader does not guess.
        if (j + 1 < s.size() && IsDigit(s[j + 1])) return "";
      }
      if (digits == 4) {
        if (year) return "";
        year = v;
      } else if (digits <= 2) {
        if (day) return "";
        day = v;
      } else {
        return "";
      }
      i = j;
    } else if ((c == '+' || c == '-') && h >= 0 && zone.empty()) {
      size_t z = i;
      std::string zz;
      if (ReadZone(s, &z, &zz)) {
        zone = zz;
        i = z;
      } else {
        ++i;
      }
    } else {
      ++i;
    }
  }
  if (!month || !year || !day || !ValidDate(year, month, day)) return "";
  std::string date = FormatDate(year, month, day);
  if (h < 0 || zone.empty()) return date;
  if (pm || am) {
    if (h < 1 || h > 12) return date;
    if (pm && h < 12) h += 12;
    if (am && h == 12) h = 0;
  }
  return date + "T" + Pad(h, 2) + ":" + Pad(m, 2) + ":" + Pad(sec, 2) + zone;
}

// ---------------------------------------------------------------------------
// Where each field comes from.

enum Field { kTitle, kAuthor, kPublished, kModified, kSite, kDescription, kLang, kUrl, kFields };

enum Source {
  kJsonLd,
  kOpenGraph,
  kDublinCore,
  kMetaName,
  kItempropArticle,  // Microdata inside the article.
  kItemprop,         // Microdata anywhere.
  kH1Article,        // The first <h1> in the article.
  kTitleTag,         // <title>.
  kH1Fallback,       // The first <article>'s <h1>, or the page's only <h1>.
  kPage,             // <time>, <html lang>, <a rel=author>, <link rel=canonical>.
  kSources
};

struct Candidates {
  std::array<std::array<std::string, kSources>, kFields> v;
  std::string article_body;  // JSON-LD articleBody, see Metadata.

  bool Has(Field f, Source s) const { return !v[f][s].empty(); }

  // Keeps the first usable value per field and source.
  void Offer(Field f, Source s, std::string_view value) {
    std::string& slot = v[f][s];
    if (!slot.empty()) return;
    std::string clean = CleanField(value);
    if (clean.empty()) return;
    switch (f) {
      case kPublished:
      case kModified:
        slot = NormalizeDate(clean);
        break;
      case kAuthor: {
        if (IsUrl(clean)) return;
        std::string l = AsciiLower(clean.substr(0, 3));
        if (l == "by " && clean.size() > 3) clean = clean.substr(3);
        slot = clean;
        break;
      }
      case kLang:
        for (char& c : clean)
          if (c == '_') c = '-';
        slot = clean;
        break;
      case kUrl:
        if (IsAbsoluteUrl(clean)) slot = clean;
        break;
      default:
        slot = clean;
    }
  }

  std::string First(Field f, std::initializer_list<Source> order) const {
    for (Source s : order)
      if (!v[f][s].empty()) return v[f][s];
    return "";
  }
};

// ---------------------------------------------------------------------------
// JSON-LD.

// Parses one script's text; values nested deeper than kMaxJsonDepth are
// dropped by the callback as the (iterative) parser goes, so every later
// walk sees a shallow tree. Returns a discarded value on any error.
Json ParseJsonLd(std::string_view text) {
  text = TrimAscii(text);
  // Wrappers some pages put around the JSON: <![CDATA[ ]]>, <!-- -->.
  for (int round = 0; round < 2; ++round) {
    if (StartsWith(text, "<![CDATA[")) text = TrimAscii(text.substr(9));
    if (EndsWith(text, "]]>")) text = TrimAscii(text.substr(0, text.size() - 3));
    if (StartsWith(text, "<!--")) text = TrimAscii(text.substr(4));
    if (EndsWith(text, "-->")) text = TrimAscii(text.substr(0, text.size() - 3));
    if (EndsWith(text, "//")) text = TrimAscii(text.substr(0, text.size() - 2));
  }
  while (!text.empty() && text.back() == ';') text = TrimAscii(text.substr(0, text.size() - 1));
  try {
    Json::parser_callback_t cap = [](int depth, Json::parse_event_t, Json&) {
      return depth <= kMaxJsonDepth;
    };
    return Json::parse(text.data(), text.data() + text.size(), cap,
                       /*allow_exceptions=*/false);
  } catch (...) {
    return Json(Json::value_t::discarded);
  }
}

constexpr size_t kMaxJsonObjects = 4096;
constexpr size_t kMaxJsonVisits = 65536;

// Every object that can describe the page, in document order: the top-level
// object, the elements of top-level arrays, and the members of "@graph" and
// "mainEntity", with arrays flattened. Iterative and depth-capped.
void CollectObjects(const Json& root, std::vector<const Json*>* out) {
  struct Item {
    const Json* v;
    int depth;
  };
  std::vector<Item> stack{{&root, 0}};
  size_t visits = 0;
  while (!stack.empty() && visits < kMaxJsonVisits && out->size() < kMaxJsonObjects) {
    Item it = stack.back();
    stack.pop_back();
    ++visits;
    if (it.depth > kMaxJsonDepth) continue;
    if (it.v->is_array()) {
      size_t n = std::min<size_t>(it.v->size(), kMaxJsonVisits);
      for (size_t k = n; k-- > 0;) stack.push_back({&(*it.v)[k], it.depth + 1});
    } else if (it.v->is_object()) {
      out->push_back(it.v);
      for (const char* key : {"mainEntity", "@graph"}) {
        auto f = it.v->find(key);
        if (f != it.v->end() && (f->is_object() || f->is_array()))
          stack.push_back({&*f, it.depth + 1});
      }
    }
  }
}

const std::string* Str(const Json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto f = obj.find(key);
  return (f != obj.end() && f->is_string()) ? f->get_ptr<const std::string*>() : nullptr;
}

const Json* Member(const Json& obj, const char* key) {
  if (!obj.is_object()) return nullptr;
  auto f = obj.find(key);
  return f != obj.end() ? &*f : nullptr;
}

// "http://schema.org/NewsArticle", "schema:NewsArticle" -> "NewsArticle".
std::string_view BareType(std::string_view t) {
  size_t p = t.find_last_of("/:#");
  return p == std::string_view::npos ? t : t.substr(p + 1);
}

bool IsArticleType(std::string_view t) {
  t = BareType(t);
  return EndsWith(t, "Article") || EndsWith(t, "Posting") || t == "Report" || t == "APIReference";
}
bool IsWebPageType(std::string_view t) { return EndsWith(BareType(t), "Page"); }
bool IsWebSiteType(std::string_view t) { return BareType(t) == "WebSite"; }

bool HasType(const Json& obj, bool (*pred)(std::string_view)) {
  const Json* type = Member(obj, "@type");
  if (!type) return false;
  if (type->is_string()) return pred(type->get_ref<const std::string&>());
  if (type->is_array()) {
    size_t n = 0;
    for (const Json& t : *type) {
      if (++n > 16) break;
      if (t.is_string() && pred(t.get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

struct JsonLdContext {
  const std::vector<const Json*>& objects;

  // The object of the page whose "@id" is `id`, or nullptr.
  const Json* ById(const std::string& id) const {
    for (const Json* o : objects) {
      const std::string* oid = Str(*o, "@id");
      if (oid && *oid == id) return o;
    }
    return nullptr;
  }

  // The name of a person or organization: a string, {"name": ...}, or an
  // {"@id": ...} reference resolved within the page.
  std::string NameOf(const Json& v) const {
    if (v.is_string()) return v.get<std::string>();
    if (!v.is_object()) return "";
    if (const std::string* name = Str(v, "name")) return *name;
    if (const std::string* id = Str(v, "@id")) {
      const Json* target = ById(*id);
      if (target && target != &v)
        if (const std::string* name = Str(*target, "name")) return *name;
    }
    return "";
  }

  // One name, or several joined with ", " (an array; at most 16).
  std::string NamesOf(const Json& v) const {
    if (!v.is_array()) {
      std::string n = CleanField(DecodeEntities(NameOf(v)));
      return IsUrl(n) ? "" : n;
    }
    std::vector<std::string> names;
    for (const Json& e : v) {
      if (names.size() >= 16) break;
      std::string n = CleanField(DecodeEntities(NameOf(e)));
      if (n.empty() || IsUrl(n)) continue;
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
    }
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }
};

void OfferString(Candidates* c, Field f, const Json& obj, const char* key) {
  if (const std::string* s = Str(obj, key)) c->Offer(f, kJsonLd, DecodeEntities(*s));
}

// How much of `title` the words of `candidate` cover: the share of the
// title's bytes (in whitespace-separated words, ignoring case) whose word
// also appears in the candidate. A site name alone covers little of a
// "Headline - Site" title; the headline covers most of it.
double Coverage(std::string_view candidate, std::string_view title) {
  std::vector<std::string> words;
  for (std::string_view w : Tokens(candidate.substr(0, kMaxFieldBytes))) words.push_back(AsciiLower(w));
  size_t total = 0, covered = 0;
  for (std::string_view w : Tokens(title.substr(0, kMaxFieldBytes))) {
    total += w.size();
    if (std::find(words.begin(), words.end(), AsciiLower(w)) != words.end()) covered += w.size();
  }
  return total ? double(covered) / double(total) : 0;
}

// An articleBody as text: entities decoded, line breaks kept, "" when it
// holds markup (a tag: '<' then a letter, '/' or '!'), which would need a
// parse of its own.
std::string PlainBody(const std::string& body) {
  for (size_t i = body.find('<'); i != std::string::npos; i = body.find('<', i + 1)) {
    char n = i + 1 < body.size() ? body[i + 1] : ' ';
    if ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '/' || n == '!') return "";
  }
  return DecodeEntities(body);
}

// `title_tag` is the page's <title>, to choose between headline and name.
void ReadJsonLd(const std::vector<const Json*>& objects, const std::string& title_tag,
                Candidates* c) {
  const Json* best = nullptr;
  for (const Json* o : objects)
    if (HasType(*o, IsArticleType)) {
      best = o;
      break;
    }
  if (!best)
    for (const Json* o : objects)
      if (HasType(*o, IsWebPageType)) {
        best = o;
        break;
      }
  JsonLdContext ctx{objects};
  if (best) {
    // headline, else name; when both differ, the one that covers more of
    // <title> (Wikipedia's headline is a one-line description of the
    // subject, and some sites put their own name in an article's name).
    const std::string* headline = Str(*best, "headline");
    const std::string* name = Str(*best, "name");
    if (headline && name && *headline != *name &&
        Coverage(*name, title_tag) > Coverage(*headline, title_tag))
      std::swap(headline, name);
    if (headline) c->Offer(kTitle, kJsonLd, DecodeEntities(*headline));
    if (name) c->Offer(kTitle, kJsonLd, DecodeEntities(*name));
    if (const Json* a = Member(*best, "author")) c->Offer(kAuthor, kJsonLd, ctx.NamesOf(*a));
    if (!c->Has(kAuthor, kJsonLd))
      if (const Json* a = Member(*best, "creator")) c->Offer(kAuthor, kJsonLd, ctx.NamesOf(*a));
    OfferString(c, kPublished, *best, "datePublished");
    OfferString(c, kPublished, *best, "dateCreated");
    OfferString(c, kModified, *best, "dateModified");
    OfferString(c, kDescription, *best, "description");
    OfferString(c, kLang, *best, "inLanguage");
    OfferString(c, kUrl, *best, "url");
    if (const std::string* b = Str(*best, "articleBody")) c->article_body = PlainBody(*b);
    if (const Json* p = Member(*best, "publisher"))
      c->Offer(kSite, kJsonLd,
               DecodeEntities(ctx.NameOf(p->is_array() && !p->empty() ? (*p)[0] : *p)));
  }
  // Fallbacks within JSON-LD: the WebSite's name, any object's language.
  for (const Json* o : objects) {
    if (!c->Has(kSite, kJsonLd) && HasType(*o, IsWebSiteType)) OfferString(c, kSite, *o, "name");
    if (!c->Has(kLang, kJsonLd)) OfferString(c, kLang, *o, "inLanguage");
  }
}

// ---------------------------------------------------------------------------
// <meta> keys.

// Dublin Core keys without their prefix ("dc.title" -> "title"), or "".
std::string_view DublinCoreKey(std::string_view key) {
  for (std::string_view p : {"dcterms.", "dcterms:", "dcterm.", "dcterm:", "dc.", "dc:"})
    if (StartsWith(key, p)) return key.substr(p.size());
  return {};
}

// The field and source a <meta> key (lower case) offers its content to;
// false when no field reads the key.
bool MetaTarget(std::string_view key, Field* field, Source* source) {
  auto to = [&](Field f, Source s) {
    *field = f;
    *source = s;
    return true;
  };
  // Open Graph and its article: namespace.
  if (key == "og:title") return to(kTitle, kOpenGraph);
  if (key == "og:site_name") return to(kSite, kOpenGraph);
  if (key == "og:description") return to(kDescription, kOpenGraph);
  if (key == "og:locale") return to(kLang, kOpenGraph);
  if (key == "og:url") return to(kUrl, kOpenGraph);
  if (key == "article:published_time" || key == "og:article:published_time")
    return to(kPublished, kOpenGraph);
  if (key == "article:modified_time" || key == "og:article:modified_time" ||
      key == "og:updated_time")
    return to(kModified, kOpenGraph);
  if (key == "article:author" || key == "og:article:author")
    return to(kAuthor, kOpenGraph);
  // Dublin Core.
  std::string_view dc = DublinCoreKey(key);
  if (!dc.empty()) {
    if (dc == "title") return to(kTitle, kDublinCore);
    if (dc == "creator") return to(kAuthor, kDublinCore);
    if (dc == "date" || dc == "date.issued" || dc == "issued" || dc == "created" ||
        dc == "date.created" || dc == "available")
      return to(kPublished, kDublinCore);
    if (dc == "modified" || dc == "date.modified") return to(kModified, kDublinCore);
    if (dc == "description" || dc == "abstract")
      return to(kDescription, kDublinCore);
    if (dc == "language") return to(kLang, kDublinCore);
    if (dc == "publisher") return to(kSite, kDublinCore);
    return false;
  }
  // Other names.
  static constexpr const char* kTitles[] = {"title", "twitter:title", "parsely-title",
                                            "sailthru.title", "headline"};
  static constexpr const char* kAuthors[] = {"author", "parsely-author", "sailthru.author",
                                             "byl",    "article.author", "twitter:creator:name"};
  static constexpr const char* kPublishedKeys[] = {
      "date",          "pubdate",          "publishdate",           "publish-date",
      "publish_date",  "publication_date", "article.published",     "article_date_original",
      "sailthru.date", "parsely-pub-date", "original-publish-date", "datepublished",
      "release_date"};
  static constexpr const char* kModifiedKeys[] = {"last-modified", "lastmod", "article.updated",
                                                  "datemodified", "revised"};
  static constexpr const char* kDescriptions[] = {"description", "twitter:description"};
  static constexpr const char* kLangs[] = {"language", "content-language"};
  static constexpr const char* kSites[] = {"application-name"};
  auto in = [&](const auto& list) {
    for (const char* k : list)
      if (key == k) return true;
    return false;
  };
  if (in(kTitles)) return to(kTitle, kMetaName);
  if (in(kAuthors)) return to(kAuthor, kMetaName);
  if (in(kPublishedKeys)) return to(kPublished, kMetaName);
  if (in(kModifiedKeys)) return to(kModified, kMetaName);
  if (in(kDescriptions)) return to(kDescription, kMetaName);
  if (in(kLangs)) return to(kLang, kMetaName);
  if (in(kSites)) return to(kSite, kMetaName);
  return false;
}

void OfferMeta(std::string_view key, std::string_view content, Candidates* c) {
  Field f;
  Source s;
  if (MetaTarget(key, &f, &s)) c->Offer(f, s, content);
}


bool HasToken(std::string_view list, std::string_view token) {
  for (std::string_view t : Tokens(list))
    if (AsciiLower(t) == token) return true;
  return false;
}

// ---------------------------------------------------------------------------
// The page walk.

// Bounds on the subtree text reads per page, one per purpose, so that a
// page full of empty itemprop elements cannot starve the <title>.
constexpr int kTitleReads = 4;
constexpr int kH1Reads = 4;
constexpr int kItempropReads = 16;
constexpr int kAuthorReads = 8;  // itemprop=author subtrees, <a rel=author>.

class Walker {
 public:
  Walker(const parse::Dom& dom, uint32_t article_root) : dom_(dom), root_(article_root) {
    if (root_ != parse::kNoNode && root_ < dom.size()) {
      root_end_ = dom.node(root_).end;
    } else {
      root_ = parse::kNoNode;
    }
  }

  Candidates Run() {
    std::deque<Json> docs;  // Address-stable: objects point into them.
    std::vector<const Json*> objects;
    uint32_t svg_end = 0, article_el = parse::kNoNode, article_el_end = 0;
    uint32_t h1_count = 0, first_h1 = parse::kNoNode;
    uint32_t body_begin = dom_.body() != parse::kNoNode ? dom_.body() : 0;
    uint32_t body_end =
        dom_.body() != parse::kNoNode ? dom_.node(dom_.body()).end : uint32_t(dom_.size());
    for (uint32_t i = 0; i < dom_.size(); ++i) {
      const parse::Node& n = dom_.node(i);
      if (!n.is_element()) continue;
      bool in_svg = i < svg_end;
      bool in_article = InArticle(i);
      switch (n.tag) {
        case GUMBO_TAG_SVG:
          if (!in_svg) svg_end = n.end;
          break;
        case GUMBO_TAG_HTML:
          if (const std::string_view* lang = dom_.Attr(i, "lang")) c_.Offer(kLang, kPage, *lang);
          break;
        case GUMBO_TAG_SCRIPT:
          if (const std::string_view* type = dom_.Attr(i, "type")) {
            std::string mime = AsciiLower(TrimAscii(type->substr(0, type->find(';'))));
            if (TrimAscii(mime) != "application/ld+json") break;
            std::string text;
            bool too_big = false;
            for (uint32_t k = i + 1; k < n.end && !too_big; ++k) {
              const parse::Node& t = dom_.node(k);
              if (!t.is_text()) continue;
              if (text.size() + t.text.size() > kMaxJsonLdBytes)
                too_big = true;
              else
                text += t.text;
            }
            if (too_big || text.empty() || json_bytes_ + text.size() > kMaxJsonLdPageBytes) break;
            json_bytes_ += text.size();
            docs.push_back(ParseJsonLd(text));
            if (docs.back().is_discarded()) {
              docs.pop_back();
              break;
            }
            CollectObjects(docs.back(), &objects);
          }
          break;
        case GUMBO_TAG_META:
          ReadMeta(i);
          break;
        case GUMBO_TAG_TITLE:
          if (!in_svg && !c_.Has(kTitle, kTitleTag) && Spend(&title_reads_, kTitleReads))
            c_.Offer(kTitle, kTitleTag, dom_.TextOf(i, 1000));
          break;
        case GUMBO_TAG_LINK:
          if (const std::string_view* rel = dom_.Attr(i, "rel"))
            if (HasToken(*rel, "canonical"))
              if (const std::string_view* href = dom_.Attr(i, "href")) c_.Offer(kUrl, kPage, *href);
          break;
        case GUMBO_TAG_ARTICLE:
          if (article_el == parse::kNoNode) {
            article_el = i;
            article_el_end = n.end;
          }
          break;
        case GUMBO_TAG_H1: {
          if (in_svg) break;
          bool in_body = i >= body_begin && i < body_end;
          if (in_body) {
            ++h1_count;
            if (first_h1 == parse::kNoNode) first_h1 = i;
          }
          if (in_article && !c_.Has(kTitle, kH1Article) && Spend(&h1_reads_, kH1Reads))
            c_.Offer(kTitle, kH1Article, dom_.TextOf(i, 500));
          if (i > article_el && i < article_el_end && !article_h1_done_) {
            article_h1_done_ = true;
            c_.Offer(kTitle, kH1Fallback, dom_.TextOf(i, 500));
          }
          break;
        }
        case GUMBO_TAG_TIME:
          if (!c_.Has(kPublished, kPage) &&
              (root_ != parse::kNoNode ? in_article : (i >= body_begin && i < body_end)))
            if (const std::string_view* dt = dom_.Attr(i, "datetime"))
              c_.Offer(kPublished, kPage, *dt);
          break;
        case GUMBO_TAG_A:
          if (const std::string_view* rel = dom_.Attr(i, "rel"))
            if (HasToken(*rel, "author") && !c_.Has(kAuthor, kPage) &&
                Spend(&author_reads_, kAuthorReads)) {
              std::string t = dom_.TextOf(i, 200);
              if (t.size() <= 100) c_.Offer(kAuthor, kPage, t);
            }
          break;
        default:
          break;
      }
      if (const std::string_view* itemprop = dom_.Attr(i, "itemprop"))
        ReadItemprop(i, *itemprop, in_article);
    }
    if (!c_.Has(kTitle, kH1Fallback) && h1_count == 1)
      c_.Offer(kTitle, kH1Fallback, dom_.TextOf(first_h1, 500));
    try {
      ReadJsonLd(objects, c_.v[kTitle][kTitleTag], &c_);
    } catch (...) {
      // Unreachable by construction (every access checks its type); a
      // hostile page must still never throw through Extract.
    }
    return std::move(c_);
  }

 private:
  bool InArticle(uint32_t i) const {
    return root_ != parse::kNoNode && i >= root_ && i < root_end_;
  }

  static bool Spend(int* reads, int max) {
    if (*reads >= max) return false;
    ++*reads;
    return true;
  }

  void ReadMeta(uint32_t i) {
    const std::string_view* content = dom_.Attr(i, "content");
    if (!content) return;
    std::string_view value = *content;
    for (const char* attr : {"property", "name"})
      if (const std::string_view* keys = dom_.Attr(i, attr))
        for (std::string_view k : Tokens(*keys)) OfferMeta(AsciiLower(k), value, &c_);
    if (const std::string_view* eq = dom_.Attr(i, "http-equiv"))
      if (AsciiLower(TrimAscii(*eq)) == "content-language") c_.Offer(kLang, kMetaName, value);
  }

  // The value of a microdata property: content, then datetime, then text.
  std::string ItempropValue(uint32_t i, size_t max_chars) {
    if (const std::string_view* v = dom_.Attr(i, "content")) return std::string(*v);
    if (const std::string_view* v = dom_.Attr(i, "datetime")) return std::string(*v);
    if (!Spend(&itemprop_reads_, kItempropReads)) return "";
    return dom_.TextOf(i, max_chars);
  }

  void ReadItemprop(uint32_t i, std::string_view props, bool in_article) {
    Source s = in_article ? kItempropArticle : kItemprop;
    for (std::string_view p : Tokens(props)) {
      std::string k = AsciiLower(p);
      Field f;
      if (k == "headline")
        f = kTitle;
      else if (k == "author" || k == "creator")
        f = kAuthor;
      else if (k == "datepublished")
        f = kPublished;
      else if (k == "datemodified")
        f = kModified;
      else if (k == "description")
        f = kDescription;
      else
        continue;
      if (c_.Has(f, s)) continue;
      if (f == kAuthor) {
        if (Spend(&author_reads_, kAuthorReads)) c_.Offer(f, s, AuthorName(i));
      } else {
        c_.Offer(f, s, ItempropValue(i, f == kDescription ? 1000 : 500));
      }
    }
  }

  // An itemprop=author element: its own itemprop=name when it has one.
  std::string AuthorName(uint32_t i) {
    const parse::Node& n = dom_.node(i);
    for (uint32_t k = i + 1; k < n.end; ++k) {
      const parse::Node& d = dom_.node(k);
      if (!d.is_element()) continue;
      if (const std::string_view* p = dom_.Attr(k, "itemprop"))
        if (HasToken(*p, "name")) return ItempropValue(k, 200);
    }
    std::string v = ItempropValue(i, 200);
    return v.size() <= 200 ? v : "";
  }

  const parse::Dom& dom_;
  uint32_t root_;
  uint32_t root_end_ = 0;
  Candidates c_;
  size_t json_bytes_ = 0;  // JSON-LD parsed so far.
  int title_reads_ = 0, h1_reads_ = 0, itemprop_reads_ = 0, author_reads_ = 0;
  bool article_h1_done_ = false;
};

}  // namespace

bool ReadsMetaKey(std::string_view lower_key) {
  Field f;
  Source s;
  return MetaTarget(lower_key, &f, &s);
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = true;  // Drops leading spaces.
  for (size_t i = 0; i < s.size();) {
    size_t len = IsAsciiSpace(s[i]) ? 1 : UnicodeSpaceAt(s, i);
    if (len) {
      if (!space) out.push_back(' ');
      space = true;
      i += len;
    } else {
      out.push_back(s[i++]);
      space = false;
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string NormalizeDate(std::string_view text) {
  std::string s = CollapseSpaces(text.substr(0, 256));
  if (s.empty()) return "";
  std::string iso = NormalizeIso(s);
  if (!iso.empty()) return iso;
  return NormalizeText(s);
}

std::string StripSiteName(const std::string& title, const std::string& sitename) {
  std::string t = CollapseSpaces(title);
  // Separators between spaces: " - ", " | ", " – ", " — ", " · ", " » "...
  static constexpr const char* kSeps[] = {
      "-", "|", "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xB7", "\xC2\xBB", "/", "\\"};
  struct Sep {
    size_t begin, end;  // The space before, one past the space after.
  };
  auto find_seps = [](const std::string& s) {
    std::vector<Sep> seps;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] != ' ') continue;
      for (std::string_view sep : kSeps) {
        if (s.compare(i + 1, sep.size(), sep) == 0 && i + 1 + sep.size() < s.size() &&
            s[i + 1 + sep.size()] == ' ') {
          seps.push_back({i, i + 2 + sep.size()});
          break;
        }
      }
    }
    return seps;
  };
  std::vector<Sep> seps = find_seps(t);
  std::string site_key = SiteKey(sitename);
  std::string out = t;
  if (site_key.empty()) {
    // A short part that reads like a name (not "an async task framework").
    if (seps.empty()) return t;
    std::string_view part = std::string_view(t).substr(seps.back().end);
    std::string_view rest = std::string_view(t).substr(0, seps.back().begin);
    bool lower_start = !part.empty() && part[0] >= 'a' && part[0] <= 'z';
    if (!lower_start && WordCount(part) <= 4 && WordCount(rest) >= 5) out = CollapseSpaces(rest);
    return out.empty() ? t : out;
  }
  if (SiteKey(t) == site_key) return t;  // The title is the site name.
  // Suffix: after the last separator, or after an earlier one when the site
  // name holds separators itself ("Title - Fashion - BLOG"). An exact match
  // anywhere wins over a containing one ("Fashion" within "Fashion - BLOG").
  bool stripped = false;
  for (bool exact : {true, false}) {
    for (size_t k = seps.size(); k-- > 0 && !stripped;) {
      std::string_view part = std::string_view(out).substr(seps[k].end);
      if (SiteKey(part).size() > site_key.size() * 5 / 2) break;  // Past the site name.
      std::string rest = CollapseSpaces(std::string_view(out).substr(0, seps[k].begin));
      if (!rest.empty() && (exact ? SiteKey(part) == site_key : SiteMatches(part, site_key))) {
        out = rest;
        seps.resize(k);
        stripped = true;
      }
    }
  }
  // Prefix: before the first separator (or a later one, as above), or
  // before a colon.
  for (bool exact : {true, false}) {
    for (size_t k = 0; k < seps.size(); ++k) {
      std::string_view part = std::string_view(out).substr(0, seps[k].begin);
      if (SiteKey(part).size() > site_key.size() * 5 / 2) break;
      std::string rest = CollapseSpaces(std::string_view(out).substr(seps[k].end));
      if (!rest.empty() && (exact ? SiteKey(part) == site_key : SiteMatches(part, site_key)))
        return rest;
    }
  }
  // "Site: Title": the first colon that follows a word and precedes a space.
  size_t colon = out.find(": ");
  while (colon != std::string::npos && colon > 0 &&
         (out[colon - 1] == ':' || out[colon - 1] == ' '))
    colon = out.find(": ", colon + 1);
  if (colon != std::string::npos && colon > 0) {
    std::string_view part = std::string_view(out).substr(0, colon);
    std::string rest = CollapseSpaces(std::string_view(out).substr(colon + 1));
    if (!rest.empty() && SiteMatches(part, site_key)) return rest;
  }
  return out.empty() ? t : out;
}

Metadata Extract(const parse::Dom& dom, uint32_t article_root) {
  Candidates c = Walker(dom, article_root).Run();
  Metadata m;
  m.article_body = std::move(c.article_body);
  m.sitename = c.First(kSite, {kJsonLd, kOpenGraph, kDublinCore, kMetaName});
  m.author = c.First(
      kAuthor, {kJsonLd, kOpenGraph, kDublinCore, kMetaName, kItempropArticle, kItemprop, kPage});
  m.date_published = c.First(kPublished, {kJsonLd, kOpenGraph, kDublinCore, kMetaName,
                                          kItempropArticle, kItemprop, kPage});
  m.date_modified = c.First(
      kModified, {kJsonLd, kOpenGraph, kDublinCore, kMetaName, kItempropArticle, kItemprop});
  m.description = c.First(
      kDescription, {kJsonLd, kOpenGraph, kDublinCore, kMetaName, kItempropArticle, kItemprop});
  m.lang = c.First(kLang, {kJsonLd, kOpenGraph, kDublinCore, kMetaName, kPage});
  m.url = c.First(kUrl, {kPage, kOpenGraph, kJsonLd});

  // The title: the first candidate; <title>, which sites build as "Article
  // - Site", is stripped of the site name (the other sources name the
  // article as its publisher wrote it). A candidate that is only the site
  // name is passed over when another candidate follows.
  std::string site_key = SiteKey(m.sitename);
  std::string fallback;
  for (Source s : {kJsonLd, kOpenGraph, kDublinCore, kMetaName, kItempropArticle, kItemprop,
                   kTitleTag, kH1Article, kH1Fallback}) {
    const std::string& raw = c.v[kTitle][s];
    if (raw.empty()) continue;
    std::string t = s == kTitleTag ? StripSiteName(raw, m.sitename) : raw;
    if (s == kTitleTag && !c.v[kTitle][kH1Article].empty()) {
      // The article's <h1> beats <title> when <title> is that heading with
      // decorations around it, or looks like a bare site name (one or two
      // words) beside a longer heading.
      const std::string& h1 = c.v[kTitle][kH1Article];
      auto words = [](const std::string& x) {
        size_t w = 0;
        bool in = false;
        for (char ch : x) {
          bool sp = ch == ' ';
          if (!sp && !in) ++w;
          in = !sp;
        }
        return w;
      };
      if (SiteKey(raw).find(SiteKey(h1)) != std::string::npos ||
          (words(t) <= 2 && words(h1) > words(t)))
        t = h1;
    }
    if (!site_key.empty() && SiteKey(t) == site_key) {
      if (fallback.empty()) fallback = t;
      continue;
    }
    m.title = t;
    break;
  }
  if (m.title.empty()) m.title = fallback;
  return m;
}

}  // namespace pith::metadata
