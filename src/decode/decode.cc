#include "decode/decode.h"
#include "util/ascii.h"

#include <iconv.h>
#include <uchardet/uchardet.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace pith::decode {
namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";

using util::AsciiLower;

std::string LowerTrim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' ||
                        s.front() == '\r' || s.front() == '\f' || s.front() == '"' ||
                        s.front() == '\''))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' ||
                        s.back() == '\r' || s.back() == '\f' || s.back() == '"' ||
                        s.back() == '\''))
    s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// Length of one valid UTF-8 sequence at s[i], or 0 if invalid or truncated.
// NUL counts as invalid unless `nul_ok`.
size_t SequenceLength(std::string_view s, size_t i, bool nul_ok = false) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  unsigned char c = b(0);
  size_t n = s.size() - i;
  if (c < 0x80) return (c == 0 && !nul_ok) ? 0 : 1;
  if (c >= 0xC2 && c <= 0xDF) return (n >= 2 && (b(1) & 0xC0) == 0x80) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (b(1) & 0xC0) != 0x80 || (b(2) & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (b(1) & 0xC0) != 0x80 || (b(2) & 0xC0) != 0x80 || (b(3) & 0xC0) != 0x80)
      return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

// Copies `s` as UTF-8, replacing each invalid sequence (and NUL) by U+FFFD.
void SanitizeUtf8(std::string_view s, Decoded* out) {
  out->text.reserve(out->text.size() + s.size());
  size_t i = 0;
  while (i < s.size()) {
    size_t good = i;
    size_t len;
    while (good < s.size() && (len = SequenceLength(s, good)) != 0) good += len;
    out->text.append(s.data() + i, good - i);
    if (good >= s.size()) break;
    out->text.append(kReplacement);
    ++out->replaced;
    // One U+FFFD per maximal invalid subpart (WHATWG): a valid lead byte
    // takes the continuation bytes that follow it, up to its length; any
    // other byte stands alone.
    unsigned char lead = static_cast<unsigned char>(s[good]);
    size_t want = (lead >= 0xC2 && lead <= 0xDF) ? 1 : (lead >= 0xE0 && lead <= 0xEF) ? 2
                  : (lead >= 0xF0 && lead <= 0xF4) ? 3 : 0;
    i = good + 1;
    while (want > 0 && i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) {
      ++i;
      --want;
    }
  }
}

bool ConvertWithIconv(std::string_view s, const std::string& from, Decoded* out) {
  iconv_t cd = iconv_open("UTF-8", from.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string& dst = out->text;
  dst.clear();
  dst.resize(s.size() * 2 + 16);
  char* in = const_cast<char*>(s.data());
  size_t in_left = s.size();
  size_t used = 0;
  while (in_left > 0) {
    char* op = &dst[used];
    size_t out_left = dst.size() - used;
    size_t r = iconv(cd, &in, &in_left, &op, &out_left);
    used = dst.size() - out_left;
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      dst.resize(dst.size() * 2);
    } else {  // EILSEQ or EINVAL: one bad byte becomes U+FFFD.
      if (dst.size() - used < 3) dst.resize(dst.size() * 2);
      std::memcpy(&dst[used], kReplacement, 3);
      used += 3;
      ++out->replaced;
      ++in;
      --in_left;
    }
  }
  iconv_close(cd);
  dst.resize(used);
  // iconv passes NUL through; the output must hold none.
  if (dst.find('\0') != std::string::npos) {
    std::string tmp;
    tmp.swap(dst);
    for (char c : tmp) {
      if (c == '\0') {
        dst.append(kReplacement);
        ++out->replaced;
      } else {
        dst.push_back(c);
      }
    }
  }
  out->charset = from;
  return true;
}

}  // namespace

std::string DetectCharset(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  if (!ud) return "";
  // The first 64 KB are plenty for a statistical guess, and keep it cheap.
  std::string_view sample = bytes.substr(0, 64 * 1024);
  std::string result;
  if (uchardet_handle_data(ud, sample.data(), sample.size()) == 0) {
    uchardet_data_end(ud);
    const char* cs = uchardet_get_charset(ud);
    if (cs && *cs) result = CanonicalCharset(cs);
  }
  uchardet_delete(ud);
  return result;
}

std::string RepairUtf8(std::string_view s) {
  Decoded out;
  SanitizeUtf8(s, &out);
  return std::move(out.text);
}

size_t ValidUtf8Prefix(std::string_view s) {
  size_t i = 0, len;
  const size_t n = s.size();
  while (i < n) {
    // ASCII fast path, eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    if ((len = SequenceLength(s, i, /*nul_ok=*/true)) == 0) break;
    i += len;
  }
  return i;
}

std::string CanonicalCharset(std::string_view label) {
  std::string l = LowerTrim(label);
  struct Alias {
    const char* label;
    const char* name;
  };
  static const Alias kAliases[] = {
      {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
      {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
      {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
      {"latin1", "WINDOWS-1252"}, {"l1", "WINDOWS-1252"}, {"windows-1252", "WINDOWS-1252"},
      {"cp1252", "WINDOWS-1252"}, {"x-cp1252", "WINDOWS-1252"}, {"iso_8859-1", "WINDOWS-1252"},
      {"iso-8859-2", "ISO-8859-2"}, {"latin2", "ISO-8859-2"},
      {"iso-8859-5", "ISO-8859-5"}, {"iso-8859-7", "ISO-8859-7"}, {"greek", "ISO-8859-7"},
      {"iso-8859-8", "ISO-8859-8"}, {"iso-8859-9", "WINDOWS-1254"}, {"latin5", "WINDOWS-1254"},
      {"iso-8859-15", "ISO-8859-15"}, {"latin9", "ISO-8859-15"},
      {"iso-8859-13", "ISO-8859-13"}, {"iso-8859-16", "ISO-8859-16"},
      {"windows-1250", "WINDOWS-1250"}, {"cp1250", "WINDOWS-1250"},
      {"windows-1251", "WINDOWS-1251"}, {"cp1251", "WINDOWS-1251"}, {"x-cp1251", "WINDOWS-1251"},
      {"windows-1253", "WINDOWS-1253"}, {"windows-1254", "WINDOWS-1254"},
      {"windows-1255", "WINDOWS-1255"}, {"windows-1256", "WINDOWS-1256"},
      {"windows-1257", "WINDOWS-1257"}, {"windows-1258", "WINDOWS-1258"},
      {"koi8-r", "KOI8-R"}, {"koi8r", "KOI8-R"}, {"koi8-u", "KOI8-U"},
      {"shift_jis", "SHIFT_JIS"}, {"shift-jis", "SHIFT_JIS"}, {"sjis", "SHIFT_JIS"},
      {"x-sjis", "SHIFT_JIS"}, {"ms_kanji", "SHIFT_JIS"}, {"windows-31j", "SHIFT_JIS"},
      {"euc-jp", "EUC-JP"}, {"iso-2022-jp", "ISO-2022-JP"},
      {"gb2312", "GB18030"}, {"gbk", "GB18030"}, {"gb18030", "GB18030"}, {"x-gbk", "GB18030"},
      {"chinese", "GB18030"}, {"big5", "BIG5-HKSCS"}, {"big5-hkscs", "BIG5-HKSCS"},
      {"euc-kr", "EUC-KR"}, {"ks_c_5601-1987", "EUC-KR"}, {"windows-949", "EUC-KR"},
      {"windows-874", "WINDOWS-874"}, {"tis-620", "WINDOWS-874"},
      {"utf-16", "UTF-16LE"}, {"utf-16le", "UTF-16LE"}, {"utf-16be", "UTF-16BE"},
      {"ibm866", "IBM866"}, {"cp866", "IBM866"}, {"mac-cyrillic", "MAC-CYRILLIC"},
      {"x-mac-cyrillic", "MAC-CYRILLIC"}, {"iso-8859-3", "ISO-8859-3"},
      {"iso-8859-4", "ISO-8859-4"}, {"iso-8859-6", "ISO-8859-6"}, {"iso-8859-10", "ISO-8859-10"},
      {"iso-8859-14", "ISO-8859-14"}, {"iso-2022-kr", "EUC-KR"}, {"uhc", "EUC-KR"},
      {"euc-tw", "BIG5-HKSCS"}, {"hz-gb-2312", "GB18030"}, {"x-euc-jp", "EUC-JP"},
      {"ascii", "WINDOWS-1252"}, {"tis620", "WINDOWS-874"}, {"viscii", "VISCII"},
  };
  for (const Alias& a : kAliases)
    if (l == a.label) return a.name;
  return "";
}

std::string PrescanMetaCharset(std::string_view bytes) {
  std::string head(bytes.substr(0, 1024));
  for (char& c : head) c = AsciiLower(c);
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string::npos) end = head.size();
    std::string_view tag(head.data() + pos, end - pos);
    size_t cs = tag.find("charset");
    if (cs != std::string_view::npos) {
      size_t i = cs + 7;
      while (i < tag.size() && (tag[i] == ' ' || tag[i] == '=' || tag[i] == '"' || tag[i] == '\''))
        ++i;
      size_t j = i;
      while (j < tag.size() && tag[j] != '"' && tag[j] != '\'' && tag[j] != ';' &&
             tag[j] != ' ' && tag[j] != '/' && tag[j] != '>')
        ++j;
      if (j > i) return std::string(tag.substr(i, j - i));
    }
    pos = end;
  }
  return "";
}

Decoded ToUtf8(std::string_view bytes, std::string_view transport) {
  Decoded out;
  if (ToUtf8View(bytes, transport, &out).data() == bytes.data() && out.text.empty())
    out.text.assign(bytes.data(), bytes.size());
  return out;
}

std::string_view ToUtf8View(std::string_view bytes, std::string_view transport, Decoded* result) {
  Decoded& out = *result;
  out = Decoded();
  // 1. BOM.
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    out.charset = "UTF-8";
    SanitizeUtf8(bytes.substr(3), &out);
    return out.text;
  }
  if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    std::string from = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    if (ConvertWithIconv(bytes.substr(2), from, &out)) return out.text;
  }
  // 2. Transport, 3. <meta> prescan.
  std::string declared = CanonicalCharset(transport);
  if (declared.empty()) declared = CanonicalCharset(PrescanMetaCharset(bytes));
  // A page that declares UTF-16 in <meta> is read as UTF-8 (WHATWG).
  if (declared == "UTF-16LE" || declared == "UTF-16BE") declared = "UTF-8";
  bool valid_utf8 = ValidUtf8Prefix(bytes) == bytes.size();
  // UTF-8 bytes under a legacy label are a common mislabelling: if the bytes
  // hold multi-byte sequences and are all valid UTF-8, trust the bytes.
  if (!declared.empty() && declared != "UTF-8" && valid_utf8) {
    bool has_multibyte = false;
    for (char c : bytes)
      if (static_cast<unsigned char>(c) >= 0x80) { has_multibyte = true; break; }
    if (has_multibyte && declared.rfind("ISO-2022", 0) != 0) declared = "UTF-8";
  }
  // 4. Nothing declared: UTF-8 when the bytes are valid UTF-8, else a
  // statistical guess, 5. else windows-1252.
  if (declared.empty()) declared = valid_utf8 ? "UTF-8" : DetectCharset(bytes);
  if (declared.empty()) declared = "WINDOWS-1252";
  if (declared != "UTF-8" && ConvertWithIconv(bytes, declared, &out)) return out.text;
  out.charset = "UTF-8";
  out.text.clear();
  if (valid_utf8 && std::memchr(bytes.data(), '\0', bytes.size()) == nullptr)
    return bytes;  // Nothing to repair: no copy.
  SanitizeUtf8(bytes, &out);
  return out.text;
}

}  // namespace pith::decode
