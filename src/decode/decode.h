// decode: raw page bytes -> valid UTF-8, the only encoding Gumbo accepts.
//
// The charset is chosen in the WHATWG sniffing order: the BOM, then a
// transport charset given by the caller (HTTP Content-Type, a JSONL field,
// --charset), then a <meta charset> / http-equiv prescan of the first 1024
// bytes, then, when nothing is declared, UTF-8 if the bytes are valid UTF-8,
// else uchardet's statistical guess, else windows-1252. A declaration that is
// plainly wrong (multi-byte UTF-8 labelled with a single-byte charset) is
// overruled by the bytes. Labels follow the WHATWG table (latin1 and
// iso-8859-1 mean windows-1252, gb2312 means GB18030, x-sjis Shift_JIS...).
// Conversion is iconv's.
//
// Invalid byte sequences become U+FFFD, and so do NUL bytes: nothing is
// dropped silently, and the output is always valid UTF-8.
#ifndef PITH_DECODE_DECODE_H_
#define PITH_DECODE_DECODE_H_

#include <string>
#include <string_view>

namespace pith::decode {

struct Decoded {
  std::string text;     // Valid UTF-8, without BOM.
  std::string charset;  // The charset used, as an iconv name ("UTF-8", ...).
  size_t replaced = 0;  // Number of invalid sequences turned into U+FFFD.
};

// `transport` is a charset label from outside the page (HTTP header), or "".
Decoded ToUtf8(std::string_view bytes, std::string_view transport = {});

// ToUtf8, without copying a page that needs nothing done: when `bytes`
// are UTF-8 as they are (valid, no BOM, no NUL), out->text is left empty
// and the view returned is `bytes` itself; otherwise it is out->text.
std::string_view ToUtf8View(std::string_view bytes, std::string_view transport, Decoded* out);

// Maps a WHATWG encoding label to an iconv name; "" when unknown.
std::string CanonicalCharset(std::string_view label);

// uchardet's guess for `bytes` as an iconv name, or "" when it has none.
std::string DetectCharset(std::string_view bytes);

// The charset declared by <meta> in the first 1024 bytes, or "".
std::string PrescanMetaCharset(std::string_view bytes);

// Length of the valid UTF-8 prefix of `s` (NUL bytes count as valid here).
size_t ValidUtf8Prefix(std::string_view s);

// `s` as valid UTF-8 without NUL: each invalid sequence, and each NUL,
// replaced by U+FFFD.
std::string RepairUtf8(std::string_view s);

}  // namespace pith::decode

#endif  // PITH_DECODE_DECODE_H_
