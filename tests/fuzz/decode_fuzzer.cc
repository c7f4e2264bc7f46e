// decode_fuzzer: pith::decode::ToUtf8 over arbitrary bytes.
//
// Input: byte 0 chooses the transport charset label (mode = byte 0 & 3):
//   0, 1  no transport label; the page is the whole input (byte 0 included)
//   2     a label from a fixed list (index: byte 1); the page starts at byte 2
//   3     the label is the next (byte 0 >> 2) bytes of input; the page follows
//
// Invariants (abort when violated):
//   - the output is valid UTF-8 without NUL, and decode::ValidUtf8Prefix
//     agrees that all of it is valid;
//   - the charset used is named (non-empty);
//   - with no transport label, input that is valid UTF-8 without NUL, with
//     no BOM and no <meta> charset declaration pith knows, comes out as is, as
//     "UTF-8", with nothing replaced;
//   - CanonicalCharset gives "" or a name without NUL. (PrescanMetaCharset
//     returns the raw declared label, which may hold any byte, NUL included:
//     `<metacharset\0` gives "\0". That is harmless, since CanonicalCharset
//     maps no such label, so it is not checked.)
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "decode/decode.h"
#include "fuzz_util.h"

namespace {

const char* const kLabels[] = {
    "",          "utf-8",      "UTF8",        " Windows-1252 ", "latin1",    "iso-8859-1",
    "iso-8859-2", "iso-8859-8-i", "koi8-r",   "koi8-u",         "shift_jis", "euc-jp",
    "iso-2022-jp", "euc-kr",   "gbk",         "gb18030",        "big5",      "utf-16le",
    "utf-16be",  "utf-16",     "x-user-defined", "replacement", "hz-gb-2312", "macintosh",
    "windows-874", "x-mac-cyrillic", "unicode-1-1-utf-8", "\"utf-8\"", "bogus", "ibm866"};
constexpr size_t kLabelCount = sizeof(kLabels) / sizeof(kLabels[0]);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1u << 20)) return 0;
  const char* bytes = reinterpret_cast<const char*>(data);
  std::string_view page(bytes, size), transport;
  switch (data[0] & 3) {
    case 2:
      if (size < 2) return 0;
      transport = kLabels[data[1] % kLabelCount];
      page = page.substr(2);
      break;
    case 3: {
      size_t n = data[0] >> 2;
      if (size < 1 + n) return 0;
      transport = std::string_view(bytes + 1, n);
      page = page.substr(1 + n);
      break;
    }
    default:
      break;
  }

  pith::decode::Decoded d = pith::decode::ToUtf8(page, transport);
  pith_fuzz::CheckUtf8NoNul(d.text, "Decoded::text");
  PITH_FUZZ_CHECK(pith::decode::ValidUtf8Prefix(d.text) == d.text.size(),
                  "ValidUtf8Prefix disagrees on the decoder's own output");
  PITH_FUZZ_CHECK(!d.charset.empty(), "no charset named");
  pith_fuzz::CheckUtf8NoNul(d.charset, "Decoded::charset");

  std::string canonical = pith::decode::CanonicalCharset(transport);
  PITH_FUZZ_CHECK(canonical.find('\0') == std::string::npos);
  std::string meta = pith::decode::PrescanMetaCharset(page);

  bool bom = page.substr(0, 3) == "\xEF\xBB\xBF" || page.substr(0, 2) == "\xFE\xFF" ||
             page.substr(0, 2) == "\xFF\xFE";
  if (transport.empty() && !bom && pith::decode::CanonicalCharset(meta).empty() &&
      pith_fuzz::FirstInvalidUtf8(page) == page.size() &&
      page.find('\0') == std::string_view::npos) {
    if (d.text != page) pith_fuzz::Fail("valid undeclared UTF-8 was changed", d.text);
    if (d.charset != "UTF-8") pith_fuzz::Fail("valid undeclared UTF-8 not read as UTF-8", d.charset);
    PITH_FUZZ_CHECK(d.replaced == 0, "replacements in valid UTF-8");
  }
  return 0;
}
