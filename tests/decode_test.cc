#define BOOST_TEST_MODULE decode
#include <boost/test/unit_test.hpp>

#include "decode/decode.h"

using pith::decode::CanonicalCharset;
using pith::decode::ToUtf8;

BOOST_AUTO_TEST_CASE(valid_utf8_passes_through) {
  auto d = ToUtf8("<p>Sergueï Lavrov — « oui »</p>");
  BOOST_TEST(d.text == "<p>Sergueï Lavrov — « oui »</p>");
  BOOST_TEST(d.charset == "UTF-8");
  BOOST_TEST(d.replaced == 0u);
}

BOOST_AUTO_TEST_CASE(bom_is_removed) {
  auto d = ToUtf8("\xEF\xBB\xBF<p>x</p>");
  BOOST_TEST(d.text == "<p>x</p>");
}

BOOST_AUTO_TEST_CASE(invalid_sequences_and_nul_become_replacement_characters) {
  // A stray continuation byte, a truncated sequence, an overlong encoding, NUL.
  static const char kBytes[] = "<meta charset=utf-8>a\x80z \xE2\x82 y \xC0\xAF x\0w";
  auto d = ToUtf8(std::string(kBytes, sizeof(kBytes) - 1));
  BOOST_TEST(d.text == "<meta charset=utf-8>a\uFFFDz \uFFFD y \uFFFD\uFFFD x\uFFFDw");
  BOOST_TEST(d.replaced == 5u);
}

BOOST_AUTO_TEST_CASE(nul_in_undeclared_utf8_does_not_switch_charset) {
  auto d = ToUtf8(std::string("é\0é", 5));
  BOOST_TEST(d.text == "é\uFFFDé");
}

BOOST_AUTO_TEST_CASE(meta_charset_is_honoured) {
  // "Привет" in windows-1251.
  auto d = ToUtf8("<meta charset=\"windows-1251\"><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>");
  BOOST_TEST(d.text == "<meta charset=\"windows-1251\"><p>Привет</p>");
  auto k = ToUtf8(
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><p>\xF0\xD2\xC9\xD7\xC5\xD4</p>");
  BOOST_TEST(k.text.find("Привет") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(undeclared_legacy_bytes_fall_back_to_windows_1252) {
  auto d = ToUtf8("<p>caf\xE9 \x93quoted\x94</p>");
  BOOST_TEST(d.text == "<p>café “quoted”</p>");
  BOOST_TEST(d.charset == "WINDOWS-1252");
}

BOOST_AUTO_TEST_CASE(utf8_mislabelled_as_latin1_is_read_as_utf8) {
  auto d = ToUtf8("<meta charset=iso-8859-1><p>café</p>");
  BOOST_TEST(d.text == "<meta charset=iso-8859-1><p>café</p>");
}

BOOST_AUTO_TEST_CASE(whatwg_labels) {
  BOOST_TEST(CanonicalCharset("latin1") == "WINDOWS-1252");
  BOOST_TEST(CanonicalCharset(" ISO-8859-1 ") == "WINDOWS-1252");
  BOOST_TEST(CanonicalCharset("gb2312") == "GB18030");
  BOOST_TEST(CanonicalCharset("x-sjis") == "SHIFT_JIS");
  BOOST_TEST(CanonicalCharset("no-such-charset") == "");
}
