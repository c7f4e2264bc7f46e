#define BOOST_TEST_MODULE warc
#include <boost/test/unit_test.hpp>

#include <cstdlib>

#include <brotli/encode.h>
#include <sys/resource.h>
#include <zlib.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

#include "input/warc.h"
#include "support.h"

using pith::input::WarcLimits;
using pith::input::WarcReader;
using pith::input::WarcRecord;
using Result = WarcReader::Result;

namespace {


// ---------------------------------------------------------------------------
// Building inputs.

std::string Zip(const std::string& data, int window_bits, int level = 6) {
  z_stream z{};
  BOOST_REQUIRE(deflateInit2(&z, level, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(&out[0]);
  z.avail_out = static_cast<uInt>(out.size());
  BOOST_REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}
std::string Gzip(const std::string& data, int level = 6) { return Zip(data, 15 + 16, level); }
std::string ZlibDeflate(const std::string& data) { return Zip(data, 15); }
std::string RawDeflate(const std::string& data) { return Zip(data, -15); }

std::string Brotli(const std::string& data) {
  size_t size = BrotliEncoderMaxCompressedSize(data.size());
  std::string out(size, '\0');
  BOOST_REQUIRE(BrotliEncoderCompress(BROTLI_DEFAULT_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, data.size(),
                                      reinterpret_cast<const uint8_t*>(data.data()), &size,
                                      reinterpret_cast<uint8_t*>(&out[0])));
  out.resize(size);
  return out;
}

// Chunked transfer coding with chunks of `size` bytes.
std::string Chunked(const std::string& data, size_t size) {
  std::string out;
  char hex[32];
  for (size_t p = 0; p < data.size(); p += size) {
    const size_t n = std::min(size, data.size() - p);
    snprintf(hex, sizeof hex, "%zx", n);
    out += std::string(hex) + ";ext=1\r\n" + data.substr(p, n) + "\r\n";
  }
  return out + "0\r\nX-Trailer: y\r\n\r\n";
}

// An HTTP response: `head` holds header lines, each ending with \r\n.
std::string Http(const std::string& head, const std::string& body, const std::string& status = "200 OK") {
  return "HTTP/1.1 " + status + "\r\n" + head + "\r\n" + body;
}

std::string Page(int n) {
  return "<!DOCTYPE html>\n<html><head><title>Page " + std::to_string(n) + "</title></head><body><p>Text of page " +
         std::to_string(n) + ".</p></body></html>\n";
}

struct Rec {
  Rec(std::string t, std::string u, std::string ct, std::string b)
      : type(std::move(t)), uri(std::move(u)), content_type(std::move(ct)), block(std::move(b)) {}
  std::string type;
  std::string uri;
  std::string content_type;
  std::string block;
  std::string version = "WARC/1.0";
  std::vector<std::string> extra;  // Whole header lines, without line ends.
  std::string length;              // Content-Length as written; "" for the block's size.
  std::string eol = "\r\n";
};

std::string Id(int id) {
  char buf[64];
  snprintf(buf, sizeof buf, "<urn:uuid:00000000-0000-4000-8000-%012d>", id);
  return buf;
}

std::string Build(const Rec& r, int id) {
  const std::string& e = r.eol;
  std::string s = r.version + e + "WARC-Type: " + r.type + e + "WARC-Record-ID: " + Id(id) + e +
                  "WARC-Date: 2024-05-01T12:00:00Z" + e;
  if (!r.uri.empty()) s += "WARC-Target-URI: " + r.uri + e;
  if (!r.content_type.empty()) s += "Content-Type: " + r.content_type + e;
  for (const std::string& h : r.extra) s += h + e;
  s += "Content-Length: " + (r.length.empty() ? std::to_string(r.block.size()) : r.length) + e;
  return s + e + r.block + e + e;
}

// A WARC with every kind of record the reader meets.
std::vector<Rec> Sample() {
  const std::string html_type = "Content-Type: text/html; charset=UTF-8\r\n";
  std::vector<Rec> v;
  v.push_back({"warcinfo", "", "application/warc-fields", "software: pith-test\r\nformat: WARC 1.0\r\n"});
  v.push_back({"request", "http://example.com/1", "application/http; msgtype=request",
               "GET /1 HTTP/1.1\r\nHost: example.com\r\n\r\n"});
  v.push_back({"response", "http://example.com/1", "application/http; msgtype=response",
               Http(html_type + "Content-Length: 99\r\n", Page(1))});
  v.push_back({"response", "http://example.com/2", "application/http; msgtype=response",
               Http(html_type + "Transfer-Encoding: chunked\r\n", Chunked(Page(2), 7))});
  v.push_back({"response", "http://example.com/3", "application/http; msgtype=response",
               Http(html_type + "Content-Encoding: gzip\r\n", Gzip(Page(3)))});
  v.push_back({"response", "http://example.com/4", "application/http; msgtype=response",
               Http(html_type + "Content-Encoding: deflate\r\n", RawDeflate(Page(4)))});
  v.push_back({"response", "http://example.com/5", "application/http; msgtype=response",
               Http(html_type + "Content-Encoding: deflate\r\n", ZlibDeflate(Page(5)))});
  v.push_back({"response", "http://example.com/6", "application/http; msgtype=response",
               Http(html_type + "Content-Encoding: br\r\nTransfer-Encoding: chunked\r\n", Chunked(Brotli(Page(6)), 10))});
  v.push_back({"resource", "http://example.com/7", "text/html; charset=\"ISO-8859-1\"", Page(7)});
  v.push_back({"metadata", "http://example.com/1", "application/warc-fields", "via: http://example.com/\r\n"});
  v.push_back({"response", "http://example.com/logo.png", "application/http; msgtype=response",
               Http("Content-Type: image/png\r\n", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16))});
  Rec v11{"response", "http://example.com/9", "application/http;msgtype=response",
          Http("Content-Type: application/xhtml+xml\r\n", Page(9), "404 Not Found")};
  v11.version = "WARC/1.1";
  v.push_back(v11);
  return v;
}

std::string Join(const std::vector<Rec>& recs, bool gzip_each, std::vector<uint64_t>* offsets = nullptr) {
  std::string out;
  for (size_t i = 0; i < recs.size(); ++i) {
    if (offsets) offsets->push_back(out.size());
    std::string r = Build(recs[i], static_cast<int>(i));
    out += gzip_each ? Gzip(r) : r;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Reading.

struct Item {
  Result result;
  WarcRecord rec;
  std::string error;
};

std::vector<Item> ReadAll(const std::string& data, WarcLimits limits = {}) {
  std::istringstream in(data);
  WarcReader reader(in, limits);
  std::vector<Item> items;
  // Every call but the last consumes input, so this many calls is plenty.
  const size_t max_calls = data.size() + 10;
  for (size_t calls = 0;; ++calls) {
    BOOST_REQUIRE_MESSAGE(calls <= max_calls, "the reader does not end");
    Item item;
    item.result = reader.Next(&item.rec, &item.error);
    if (item.result == Result::kEnd) break;
    items.push_back(std::move(item));
  }
  WarcRecord rec;
  std::string error;
  BOOST_TEST((reader.Next(&rec, &error) == Result::kEnd));  // And it stays ended.
  return items;
}

std::vector<WarcRecord> Records(const std::vector<Item>& items) {
  std::vector<WarcRecord> out;
  for (const Item& i : items)
    if (i.result == Result::kRecord) out.push_back(i.rec);
  return out;
}

std::vector<std::string> Errors(const std::vector<Item>& items) {
  std::vector<std::string> out;
  for (const Item& i : items)
    if (i.result == Result::kError) out.push_back(i.error);
  return out;
}

std::string Describe(const std::vector<Item>& items) {
  std::string s;
  for (const Item& i : items)
    s += (i.result == Result::kRecord ? "record " + i.rec.type + " " + i.rec.target_uri : "error " + i.error) + "\n";
  return s;
}

// The sample, read back in any of the three forms. `offsets` are the
// expected record offsets; `in_member` the expected offsets in members.
void CheckSample(const std::vector<Item>& items, const std::vector<uint64_t>& offsets,
                 const std::vector<uint64_t>& in_member) {
  BOOST_TEST_INFO(Describe(items));
  BOOST_TEST(Errors(items).empty());
  const std::vector<WarcRecord> r = Records(items);
  const std::vector<Rec> want = Sample();
  BOOST_REQUIRE_EQUAL(r.size(), want.size());
  for (size_t i = 0; i < r.size(); ++i) {
    BOOST_TEST_CONTEXT("record " << i) {
      BOOST_TEST(r[i].type == want[i].type);
      BOOST_TEST(r[i].target_uri == want[i].uri);
      BOOST_TEST(r[i].record_id == Id(static_cast<int>(i)));
      BOOST_TEST(r[i].date == "2024-05-01T12:00:00Z");
      BOOST_TEST(r[i].version == want[i].version);
      BOOST_TEST(r[i].offset == offsets[i]);
      BOOST_TEST(r[i].offset_in_member == in_member[i]);
    }
  }
  BOOST_TEST(r[0].body == want[0].block);
  BOOST_TEST(r[0].content_type == "application/warc-fields");
  BOOST_TEST(!r[0].is_html);
  BOOST_TEST(r[1].body == want[1].block);  // Requests are not parsed.
  BOOST_TEST(!r[1].is_html);
  for (int i = 2; i <= 7; ++i) {
    BOOST_TEST_CONTEXT("response " << i) {
      BOOST_TEST(r[i].body == Page(i - 1));
      BOOST_TEST(r[i].http.status == 200);
      BOOST_TEST(r[i].http.content_type == "text/html");
      BOOST_TEST(r[i].http.charset == "utf-8");
      BOOST_TEST(r[i].content_type == "text/html");
      BOOST_TEST(r[i].is_html);
    }
  }
  BOOST_TEST(r[8].body == Page(7));
  BOOST_TEST(r[8].content_type == "text/html");
  BOOST_TEST(r[8].charset == "iso-8859-1");
  BOOST_TEST(r[8].http.status == 0);
  BOOST_TEST(r[8].is_html);
  BOOST_TEST(r[9].body == want[9].block);
  BOOST_TEST(!r[9].is_html);
  BOOST_TEST(r[10].content_type == "image/png");
  BOOST_TEST(r[10].body.size() == 16u);
  BOOST_TEST(!r[10].is_html);
  BOOST_TEST(r[11].http.status == 404);
  BOOST_TEST(r[11].content_type == "application/xhtml+xml");
  BOOST_TEST(r[11].body == Page(9));
  BOOST_TEST(r[11].is_html);
}

long MaxRssKb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

// An endless-looking input made one record at a time, so that the test
// itself holds no more than one record.
class GeneratedWarc : public std::streambuf {
 public:
  GeneratedWarc(int records, size_t page_bytes, bool gzip)
      : records_(records), page_bytes_(page_bytes), gzip_(gzip) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (next_ >= records_) return traits_type::eof();
    std::string page = "<html><body>";
    while (page.size() < page_bytes_) page += "<p>Paragraph " + std::to_string(page.size() + next_) + " of the page.</p>\n";
    page += "</body></html>";
    Rec r{"response", "http://example.com/" + std::to_string(next_), "application/http; msgtype=response",
          Http("Content-Type: text/html\r\n", page)};
    cur_ = Build(r, next_);
    if (gzip_) cur_ = Gzip(cur_, 1);
    ++next_;
    setg(&cur_[0], &cur_[0], &cur_[0] + cur_.size());
    return traits_type::to_int_type(*gptr());
  }

 private:
  int records_;
  size_t page_bytes_;
  bool gzip_;
  int next_ = 0;
  std::string cur_;
};

void CheckFlatMemory(bool gzip, size_t page_bytes) {
  // Reset the peak so that earlier tests do not hide growth (Linux only;
  // without it the bound is only looser).
  { std::ofstream("/proc/self/clear_refs") << "5"; }
  GeneratedWarc gen(1000, page_bytes, gzip);
  std::istream in(&gen);
  WarcReader reader(in);
  WarcRecord rec;
  std::string error;
  int records = 0;
  long before = 0;
  for (;;) {
    Result r = reader.Next(&rec, &error);
    if (r == Result::kEnd) break;
    BOOST_REQUIRE_MESSAGE(r == Result::kRecord, error);
    BOOST_REQUIRE(rec.is_html);
    BOOST_REQUIRE(rec.target_uri == "http://example.com/" + std::to_string(records));
    if (++records == 50) before = MaxRssKb();
  }
  const long after = MaxRssKb();
  BOOST_TEST(records == 1000);
  BOOST_TEST_MESSAGE((gzip ? "gzip" : "plain") << ": " << 1000 * page_bytes / (1 << 20) << " MB of pages, peak RSS "
                                               << before / 1024 << " MB after 50 records, " << after / 1024
                                               << " MB after 1000");
#if defined(__SANITIZE_ADDRESS__)
  // ASan keeps freed blocks in quarantine, so RSS grows whatever the reader
  // does; the bound only holds in normal builds.
  BOOST_TEST_MESSAGE("ASan build: the RSS bound is not checked");
#else
  BOOST_TEST(after - before < 24 * 1024);  // KB: a leak would add the whole stream.
#endif
}

}  // namespace

// First, while the process is small.
BOOST_AUTO_TEST_CASE(memory_stays_flat_over_1000_records) {
  CheckFlatMemory(false, 160 * 1024);  // 160 MB of pages.
  CheckFlatMemory(true, 64 * 1024);    // 64 MB of pages, gzip per record.
}

BOOST_AUTO_TEST_CASE(empty_stream_ends_at_once) {
  std::istringstream in("");
  WarcReader reader(in);
  WarcRecord rec;
  std::string error = "stale";
  BOOST_TEST((reader.Next(&rec, &error) == Result::kEnd));
  BOOST_TEST(error.empty());
  BOOST_TEST((reader.Next(&rec, &error) == Result::kEnd));
  BOOST_TEST(ReadAll("\r\n\r\n").empty());
}

BOOST_AUTO_TEST_CASE(plain_warc) {
  std::vector<uint64_t> offsets;
  const std::string data = Join(Sample(), false, &offsets);
  CheckSample(ReadAll(data), offsets, std::vector<uint64_t>(offsets.size(), 0));
}

BOOST_AUTO_TEST_CASE(a_record_after_blank_bytes_starts_at_its_warc_line) {
  // Whitespace before a record, a form feed included (which the version
  // line's trimming also takes off), is skipped: the offset a record
  // reports is where its "WARC/" is.
  const std::string data = "\f \r\nWARC/1.0\r\nContent-Length: 1\r\n\r\nx\r\n\r\n";
  auto r = ReadAll(data);
  BOOST_TEST_REQUIRE(r.size() == 1u);
  BOOST_TEST((r[0].result == Result::kRecord));
  BOOST_TEST(r[0].rec.offset == 4u);
  BOOST_TEST(data.compare(r[0].rec.offset, 5, "WARC/") == 0);
}

BOOST_AUTO_TEST_CASE(gzip_per_record_warc) {
  std::vector<uint64_t> offsets;
  const std::string data = Join(Sample(), true, &offsets);
  CheckSample(ReadAll(data), offsets, std::vector<uint64_t>(offsets.size(), 0));
}

BOOST_AUTO_TEST_CASE(whole_file_gzip_warc) {
  std::vector<uint64_t> plain_offsets;
  const std::string data = Gzip(Join(Sample(), false, &plain_offsets));
  CheckSample(ReadAll(data), std::vector<uint64_t>(plain_offsets.size(), 0), plain_offsets);
}

BOOST_AUTO_TEST_CASE(multi_member_gzip_that_splits_records) {
  // Members cut at arbitrary points (as bgzip or pigz make them).
  const std::string plain = Join(Sample(), false);
  std::string data;
  for (size_t p = 0; p < plain.size(); p += 333) data += Gzip(plain.substr(p, 333));
  const std::vector<WarcRecord> r = Records(ReadAll(data));
  BOOST_REQUIRE_EQUAL(r.size(), Sample().size());
  BOOST_TEST(r[4].body == Page(3));
}

BOOST_AUTO_TEST_CASE(lf_line_ends_continuations_and_angle_brackets) {
  Rec r{"resource", "<http://example.com/a>", "text/html", Page(1)};
  r.eol = "\n";
  r.version = "WARC/1.1";
  r.extra = {"X-Long: one", "  two", "wArC-tRuNcAtEd: length"};
  const std::vector<WarcRecord> recs = Records(ReadAll(Build(r, 1) + Build(r, 2)));
  BOOST_REQUIRE_EQUAL(recs.size(), 2u);
  BOOST_TEST(recs[0].target_uri == "http://example.com/a");
  BOOST_TEST(recs[0].version == "WARC/1.1");
  BOOST_TEST(recs[0].truncated == "length");
  BOOST_TEST(recs[0].body == Page(1));
  BOOST_TEST(recs[1].record_id == Id(2));
}

BOOST_AUTO_TEST_CASE(http_codings) {
  const std::string page = Page(1);
  const std::string gz_chunked =
      Http("Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", Chunked(Gzip(page), 5));
  const std::string x_gzip = Http("Content-Encoding: x-gzip\r\n", Gzip(page));
  const std::string two_members = Http("Content-Encoding: gzip\r\n", Gzip(page.substr(0, 20)) + Gzip(page.substr(20)));
  const std::string stacked = Http("Content-Encoding: deflate, gzip\r\n", Gzip(ZlibDeflate(page)));
  const std::string identity = Http("Content-Encoding: identity\r\nContent-Type: text/html\r\n", page);
  const std::string head = Http("Content-Encoding: gzip\r\n", "", "304 Not Modified");
  std::string data;
  int id = 0;
  for (const std::string& block : {gz_chunked, x_gzip, two_members, stacked, identity, head})
    data += Build({"response", "http://x/", "application/http; msgtype=response", block}, id++);
  const auto items = ReadAll(data);
  BOOST_TEST_INFO(Describe(items));
  const std::vector<WarcRecord> r = Records(items);
  BOOST_REQUIRE_EQUAL(r.size(), 6u);
  for (int i = 0; i < 5; ++i) BOOST_TEST(r[i].body == page);
  BOOST_TEST(r[0].is_html);  // No Content-Type: sniffed.
  BOOST_TEST(r[4].content_type == "text/html");
  BOOST_TEST(r[5].http.status == 304);
  BOOST_TEST(r[5].body.empty());
}

BOOST_AUTO_TEST_CASE(payloads_stored_decoded_are_kept) {
  // Crawlers often store the payload de-chunked or decompressed and keep the
  // original headers.
  const std::string page = Page(1);
  std::string data =
      Build({"response", "http://x/", "application/http", Http("Transfer-Encoding: chunked\r\n", page)}, 1) +
      Build({"response", "http://x/", "application/http", Http("Content-Encoding: gzip\r\n", page)}, 2) +
      Build({"response", "http://x/", "application/http", Http("Content-Encoding: br\r\n", page)}, 3);
  const std::vector<WarcRecord> r = Records(ReadAll(data));
  BOOST_REQUIRE_EQUAL(r.size(), 3u);
  for (const WarcRecord& rec : r) BOOST_TEST(rec.body == page);
}

BOOST_AUTO_TEST_CASE(payload_errors_are_per_record) {
  const std::string page = Page(1);
  std::string broken_chunks = Chunked(page, 10);
  broken_chunks.replace(broken_chunks.find("\r\na;ext") + 2, 1, "z");  // Second chunk size is not hex.
  std::string corrupt_gzip = Gzip(page + page + page);
  corrupt_gzip[corrupt_gzip.size() / 2] ^= 0x55;
  corrupt_gzip[corrupt_gzip.size() / 2 + 1] ^= 0x55;
  std::vector<std::string> blocks = {
      Http("Transfer-Encoding: chunked\r\n", broken_chunks),
      Http("Transfer-Encoding: chunked\r\n", Chunked(page, 10).substr(0, 40)),  // No last chunk.
      Http("Content-Encoding: compress\r\n", page),
      Http("Content-Encoding: gzip\r\n", corrupt_gzip),
      Http("Content-Encoding: gzip\r\n", Gzip(page).substr(0, 30)),
      "HTTP/1.1 abc\r\n\r\n",
      "not http at all",
  };
  std::string data;
  std::vector<uint64_t> offsets;
  for (size_t i = 0; i < blocks.size(); ++i) {
    offsets.push_back(data.size());
    data += Build({"response", "http://x/" + std::to_string(i), "application/http; msgtype=response", blocks[i]},
                  static_cast<int>(i));
  }
  data += Build({"resource", "http://x/ok", "text/html", page}, 99);
  const auto items = ReadAll(data);
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE_EQUAL(items.size(), blocks.size() + 1);
  for (size_t i = 0; i < blocks.size(); ++i) {
    BOOST_TEST((items[i].result == Result::kError));
    BOOST_TEST(items[i].error.rfind("record at offset " + std::to_string(offsets[i]) + ": ", 0) == 0);
    BOOST_TEST(items[i].rec.body.empty());
  }
  BOOST_TEST(items[0].error.find("broken chunked encoding") != std::string::npos);
  BOOST_TEST(items[1].error.find("no last chunk") != std::string::npos);
  BOOST_TEST(items[2].error.find("unknown Content-Encoding 'compress'") != std::string::npos);
  BOOST_TEST(items[3].error.find("corrupt gzip data") != std::string::npos);
  BOOST_TEST(items[4].error.find("gzip body cut short") != std::string::npos);
  BOOST_TEST(items[5].error.find("bad HTTP status line") != std::string::npos);
  BOOST_TEST(items[6].error.find("not an HTTP message") != std::string::npos);
  BOOST_TEST((items.back().result == Result::kRecord));
  BOOST_TEST(items.back().rec.target_uri == "http://x/ok");
}

BOOST_AUTO_TEST_CASE(truncated_payload_with_warc_truncated_keeps_the_part_that_decodes) {
  std::string page;
  for (int i = 0; i < 200; ++i) page += Page(i);
  Rec r{"response", "http://x/", "application/http; msgtype=response",
        Http("Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", Chunked(Gzip(page), 100).substr(0, 1500))};
  r.extra = {"WARC-Truncated: length"};
  const std::vector<WarcRecord> recs = Records(ReadAll(Build(r, 1)));
  BOOST_REQUIRE_EQUAL(recs.size(), 1u);
  BOOST_TEST(recs[0].truncated == "length");
  BOOST_TEST(!recs[0].body.empty());
  BOOST_TEST(page.compare(0, recs[0].body.size(), recs[0].body) == 0);
}

BOOST_AUTO_TEST_CASE(html_detection) {
  struct Case {
    std::string type, content_type, block;
    bool html;
  };
  const std::vector<Case> cases = {
      {"resource", "", "\xEF\xBB\xBF \n<!DOCTYPE HTML>\n<p>x", true},
      {"resource", "application/octet-stream", "<HTML lang=en>", true},
      {"resource", "unknown/unknown", "\t<head><title>", true},
      {"resource", "", "<body>", true},
      {"resource", "", "<htmlx>", false},
      {"resource", "", "{\"json\": 1}", false},
      {"resource", "text/plain", "<html>", false},
      {"resource", "image/png", "<html>", false},
      {"resource", "application/xhtml+xml; charset=utf-8", "<?xml version='1.0'?>", true},
      {"response", "application/http", Http("", "<html><body>"), true},
      {"response", "application/http", Http("Content-Type: image/png\r\n", "<html>"), false},
      {"metadata", "text/html", "<html>", false},
      {"conversion", "text/html", "<p>", true},
  };
  std::string data;
  for (size_t i = 0; i < cases.size(); ++i)
    data += Build({cases[i].type, "http://x/", cases[i].content_type, cases[i].block}, static_cast<int>(i));
  const std::vector<WarcRecord> r = Records(ReadAll(data));
  BOOST_REQUIRE_EQUAL(r.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) BOOST_TEST(r[i].is_html == cases[i].html, "case " << i);
}

BOOST_AUTO_TEST_CASE(content_length_larger_than_the_record) {
  const std::string a = Build({"resource", "http://x/a", "text/html", Page(1)}, 1);
  Rec bad{"resource", "http://x/bad", "text/html", Page(2)};
  bad.length = std::to_string(Page(2).size() + 30);  // Reaches into the next record's header.
  const std::string b = Build(bad, 2);
  const std::string c = Build({"resource", "http://x/c", "text/html", Page(3)}, 3);
  const auto items = ReadAll(a + b + c);
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE_EQUAL(items.size(), 3u);
  BOOST_TEST(items[0].rec.target_uri == "http://x/a");
  BOOST_TEST((items[1].result == Result::kError));
  BOOST_TEST(items[1].error == "record at offset " + std::to_string(a.size()) + ": Content-Length " + bad.length +
                                   " does not end the record (no blank line after the block)");
  BOOST_TEST(items[2].rec.target_uri == "http://x/c");
  BOOST_TEST(items[2].rec.offset == a.size() + b.size());
  BOOST_TEST(items[2].rec.body == Page(3));
}

BOOST_AUTO_TEST_CASE(content_length_larger_than_the_bytes_left) {
  const std::string a = Build({"resource", "http://x/a", "text/html", Page(1)}, 1);
  Rec bad{"resource", "http://x/bad", "text/html", "short block"};
  bad.length = "5000";
  const auto items = ReadAll(a + Build(bad, 2));
  BOOST_REQUIRE_EQUAL(items.size(), 2u);
  BOOST_TEST(items[0].rec.body == Page(1));
  BOOST_TEST(items[1].error == "record at offset " + std::to_string(a.size()) +
                                   ": Content-Length 5000 larger than the 15 bytes left");
}

BOOST_AUTO_TEST_CASE(content_length_smaller_than_the_record) {
  Rec bad{"response", "http://x/bad", "application/http", Http("Content-Type: text/html\r\n", Page(2))};
  bad.length = "20";
  const std::string b = Build(bad, 2);
  const std::string c = Build({"resource", "http://x/c", "text/html", Page(3)}, 3);
  const auto items = ReadAll(b + c);
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE_EQUAL(items.size(), 2u);
  BOOST_TEST(items[0].error == "record at offset 0: Content-Length 20 does not end the record (no blank line after the block)");
  BOOST_TEST(items[1].rec.target_uri == "http://x/c");
  BOOST_TEST(items[1].rec.offset == b.size());
}

BOOST_AUTO_TEST_CASE(missing_and_invalid_content_length) {
  std::string no_length = Build({"resource", "http://x/a", "text/html", Page(1)}, 1);
  no_length.erase(no_length.find("Content-Length"), no_length.find("\r\n\r\n") - no_length.find("Content-Length") + 2);
  Rec bad{"resource", "http://x/b", "text/html", Page(2)};
  bad.length = "12x";
  Rec negative = bad;
  negative.length = "-5";
  Rec huge = bad;
  huge.length = "99999999999999999999999";
  const std::string good = Build({"resource", "http://x/ok", "text/html", Page(3)}, 4);
  const std::string data = no_length + Build(bad, 2) + Build(negative, 3) + Build(huge, 5) + good;
  const auto items = ReadAll(data);
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE_EQUAL(items.size(), 5u);
  BOOST_TEST(items[0].error == "record at offset 0: no Content-Length header");
  BOOST_TEST(items[1].error.find("invalid Content-Length '12x'") != std::string::npos);
  BOOST_TEST(items[2].error.find("invalid Content-Length '-5'") != std::string::npos);
  BOOST_TEST(items[3].error.find("invalid Content-Length") != std::string::npos);
  BOOST_TEST(items[4].rec.target_uri == "http://x/ok");
}

BOOST_AUTO_TEST_CASE(record_over_the_size_limit) {
  WarcLimits limits;
  limits.max_record_bytes = 1000;
  std::string big(5000, 'x');
  const std::string a = Build({"resource", "http://x/big", "text/plain", big}, 1);
  const std::string b = Build({"resource", "http://x/ok", "text/html", Page(1)}, 2);
  const auto items = ReadAll(a + b, limits);
  BOOST_REQUIRE_EQUAL(items.size(), 2u);
  BOOST_TEST(items[0].error == "record at offset 0: Content-Length 5000 over the limit of 1000 bytes");
  BOOST_TEST(items[1].rec.target_uri == "http://x/ok");
}

BOOST_AUTO_TEST_CASE(ten_megabyte_header_line) {
  Rec bad{"resource", "http://x/bad", "text/html", Page(1)};
  bad.extra = {"X-Junk: " + std::string(10u << 20, 'j')};
  const std::string a = Build(bad, 1);
  const std::string b = Build({"resource", "http://x/ok", "text/html", Page(2)}, 2);
  for (bool gzip : {false, true}) {
    const auto items = ReadAll(gzip ? Gzip(a) + Gzip(b) : a + b);
    BOOST_TEST_INFO(Describe(items));
    BOOST_REQUIRE_EQUAL(items.size(), 2u);
    BOOST_TEST(items[0].error == "record at offset 0: header line longer than 65536 bytes");
    BOOST_TEST(items[1].rec.target_uri == "http://x/ok");
    BOOST_TEST(items[1].rec.body == Page(2));
  }
}

BOOST_AUTO_TEST_CASE(garbage_between_records) {
  const std::string a = Build({"resource", "http://x/a", "text/html", Page(1)}, 1);
  const std::string junk = "garbage line\r\nWARC/ not a record either\r\n\x01\x02 binary junk WARC/1.0 mid-line\n";
  const std::string b = Build({"resource", "http://x/b", "text/html", Page(2)}, 2);
  const auto items = ReadAll(a + junk + b);
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE_EQUAL(items.size(), 3u);
  BOOST_TEST(items[0].rec.target_uri == "http://x/a");
  BOOST_TEST(items[1].error == "record at offset " + std::to_string(a.size()) +
                                   ": expected a WARC/1.x line, found 'garbage line'");
  BOOST_TEST(items[2].rec.target_uri == "http://x/b");
  BOOST_TEST(items[2].rec.offset == a.size() + junk.size());

  // Garbage before the first record, and a header cut by a new record.
  std::string cut = a.substr(0, a.find("Content-Length"));
  const auto items2 = ReadAll("junk\n" + cut + b);
  BOOST_TEST_INFO(Describe(items2));
  BOOST_REQUIRE_EQUAL(items2.size(), 3u);
  BOOST_TEST(items2[0].error == "record at offset 0: expected a WARC/1.x line, found 'junk'");
  BOOST_TEST(items2[1].error == "record at offset 5: record header cut short by a new WARC/ line");
  BOOST_TEST(items2[2].rec.target_uri == "http://x/b");
}

BOOST_AUTO_TEST_CASE(garbage_between_gzip_members) {
  const std::string a = Gzip(Build({"resource", "http://x/a", "text/html", Page(1)}, 1));
  const std::string b = Gzip(Build({"resource", "http://x/b", "text/html", Page(2)}, 2));
  const std::string junk(100, 'q');
  const auto items = ReadAll(a + junk + b);
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE_EQUAL(items.size(), 3u);
  BOOST_TEST(items[0].rec.target_uri == "http://x/a");
  BOOST_TEST(items[1].error == "offset " + std::to_string(a.size()) + ": not gzip data; skipped to the next gzip member");
  BOOST_TEST(items[2].rec.target_uri == "http://x/b");
  BOOST_TEST(items[2].rec.offset == a.size() + junk.size());
}

BOOST_AUTO_TEST_CASE(truncated_final_record) {
  const std::vector<Rec> sample = Sample();
  const std::string last = Build(sample.back(), 99);
  std::vector<uint64_t> offsets;
  const std::string body = Join(sample, false, &offsets);

  // Plain: the block is cut.
  auto items = ReadAll(body + last.substr(0, last.size() - 60));
  BOOST_REQUIRE_EQUAL(items.size(), sample.size() + 1);
  BOOST_TEST(items.back().error.find("record at offset " + std::to_string(body.size()) + ": Content-Length") == 0);
  BOOST_TEST(items.back().error.find("bytes left") != std::string::npos);

  // Plain: the header is cut.
  items = ReadAll(body + last.substr(0, 40));
  BOOST_REQUIRE_EQUAL(items.size(), sample.size() + 1);
  BOOST_TEST(items.back().error == "record at offset " + std::to_string(body.size()) +
                                       ": record header cut short by the end of the input");

  // gzip per record: the last member is cut.
  const std::string gz = Join(sample, true);
  const std::string last_gz = Gzip(last);
  items = ReadAll(gz + last_gz.substr(0, last_gz.size() / 2));
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE_EQUAL(items.size(), sample.size() + 1);
  BOOST_TEST(Records(items).size() == sample.size());
  BOOST_TEST(items.back().error.find("gzip member at offset " + std::to_string(gz.size()) +
                                     ": truncated at the end of the input") != std::string::npos);

  // Whole-file gzip cut in its trailer: all the data is there, the member
  // is not.
  const std::string whole = Gzip(body + last);
  items = ReadAll(whole.substr(0, whole.size() - 4));
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE_EQUAL(items.size(), sample.size() + 2);
  BOOST_TEST(Records(items).size() == sample.size() + 1);
  BOOST_TEST(items.back().error == "gzip member at offset 0: truncated at the end of the input");

  // Whole-file gzip cut in its data: the records before the cut are read,
  // and the cut one is reported with its place in the decompressed data.
  items = ReadAll(whole.substr(0, whole.size() / 2));
  BOOST_TEST_INFO(Describe(items));
  BOOST_REQUIRE(!items.empty());
  BOOST_TEST(Records(items).size() >= 3u);
  BOOST_TEST((items.back().result == Result::kError));
  BOOST_TEST(items.back().error.find("bytes into the gzip member's data: gzip member at offset 0: truncated") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(broken_gzip_member_in_the_middle) {
  std::vector<std::string> members;
  for (int i = 0; i < 6; ++i) {
    std::string page;
    for (int k = 0; k < 20; ++k) page += Page(i * 100 + k);
    members.push_back(Gzip(Build({"resource", "http://x/" + std::to_string(i), "text/html", page}, i)));
  }
  // Member 1 is cut in half (a crawler died mid-write); member 3 has
  // corrupt bytes in its middle.
  members[1].resize(members[1].size() / 2);
  for (size_t k = 0; k < 8; ++k) members[3][members[3].size() / 2 + k] ^= 0xa5;
  std::string data;
  std::vector<uint64_t> offsets;
  for (const std::string& m : members) {
    offsets.push_back(data.size());
    data += m;
  }
  const auto items = ReadAll(data);
  BOOST_TEST_INFO(Describe(items));
  const std::vector<WarcRecord> r = Records(items);
  BOOST_REQUIRE_EQUAL(r.size(), 4u);
  const int good[] = {0, 2, 4, 5};
  for (int i = 0; i < 4; ++i) {
    BOOST_TEST(r[i].target_uri == "http://x/" + std::to_string(good[i]));
    BOOST_TEST(r[i].offset == offsets[good[i]]);
  }
  const std::vector<std::string> errors = Errors(items);
  BOOST_REQUIRE_EQUAL(errors.size(), 2u);
  BOOST_TEST(errors[0].find("record at offset " + std::to_string(offsets[1])) == 0);
  BOOST_TEST(errors[0].find("gzip member at offset " + std::to_string(offsets[1])) != std::string::npos);
  BOOST_TEST(errors[1].find("record at offset " + std::to_string(offsets[3])) == 0);
}

BOOST_AUTO_TEST_CASE(error_offsets_in_a_whole_file_gzip) {
  const std::string a = Build({"resource", "http://x/a", "text/html", Page(1)}, 1);
  Rec bad{"resource", "http://x/bad", "text/html", Page(2)};
  bad.length = "abc";
  const auto items = ReadAll(Gzip(a + Build(bad, 2)));
  BOOST_REQUIRE_EQUAL(items.size(), 2u);
  BOOST_TEST(items[1].error == "record at offset 0, " + std::to_string(a.size()) +
                                   " bytes into the gzip member's data: invalid Content-Length 'abc'");
}

namespace {

// gzip of `megabytes` MiB of zeros, built without compressing them all: a
// deflate segment for 1 MiB of zeros after zeros, repeated.
std::string GzipBombOfZeros(size_t megabytes) {
  const std::string zeros(1u << 20, '\0');
  z_stream z{};
  BOOST_REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) == Z_OK);
  std::vector<char> buf(1u << 20);
  auto step = [&](bool input, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zeros.data()));
    z.avail_in = input ? static_cast<uInt>(zeros.size()) : 0;
    z.next_out = reinterpret_cast<Bytef*>(buf.data());
    z.avail_out = static_cast<uInt>(buf.size());
    deflate(&z, flush);
    BOOST_REQUIRE(z.avail_in == 0u);
    return std::string(buf.data(), buf.size() - z.avail_out);
  };
  const std::string first = step(true, Z_SYNC_FLUSH);
  const std::string next = step(true, Z_SYNC_FLUSH);
  const std::string last = step(false, Z_FINISH);
  deflateEnd(&z);
  std::string out("\x1f\x8b\x08\0\0\0\0\0\0\xff", 10);
  out += first;
  for (size_t i = 1; i < megabytes; ++i) out += next;
  out += last;
  const uLong one = crc32(0, reinterpret_cast<const Bytef*>(zeros.data()), static_cast<uInt>(zeros.size()));
  uLong crc = one;
  for (size_t i = 1; i < megabytes; ++i) crc = crc32_combine(crc, one, static_cast<z_off_t>(zeros.size()));
  const uint64_t size = static_cast<uint64_t>(megabytes) << 20;
  for (int k = 0; k < 4; ++k) out += static_cast<char>((crc >> (8 * k)) & 0xff);
  for (int k = 0; k < 4; ++k) out += static_cast<char>((size >> (8 * k)) & 0xff);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(gzip_bomb_stops_at_the_cap) {
  // The bomb builder itself: 3 MiB of zeros come back.
  {
    const std::string small = GzipBombOfZeros(3);
    std::string out(4u << 20, 'x');
    uLongf out_size = out.size();
    z_stream z{};
    BOOST_REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(small.data()));
    z.avail_in = static_cast<uInt>(small.size());
    z.next_out = reinterpret_cast<Bytef*>(&out[0]);
    z.avail_out = static_cast<uInt>(out_size);
    BOOST_REQUIRE(inflate(&z, Z_FINISH) == Z_STREAM_END);
    BOOST_TEST(z.total_out == 3u << 20);
    inflateEnd(&z);
  }
  const std::string bomb = GzipBombOfZeros(1024);  // 1 GiB of zeros.
  BOOST_TEST_MESSAGE("1 GiB of zeros as " << bomb.size() << " bytes of gzip");
  BOOST_TEST(bomb.size() < (2u << 20));
  const std::string a = Build({"response", "http://x/bomb", "application/http; msgtype=response",
                               Http("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", bomb)},
                              1);
  const std::string b = Build({"resource", "http://x/ok", "text/html", Page(1)}, 2);
  for (bool gzip : {false, true}) {
    const std::string data = gzip ? Gzip(a, 1) + Gzip(b, 1) : a + b;
    { std::ofstream("/proc/self/clear_refs") << "5"; }  // Reset the peak RSS (Linux).
    const long rss_before = MaxRssKb();
    const auto t0 = std::chrono::steady_clock::now();
    const auto items = ReadAll(data);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const long rss_growth_mb = (MaxRssKb() - rss_before) / 1024;
    BOOST_TEST_MESSAGE("bomb stopped after " << seconds << " s; peak RSS grew by " << rss_growth_mb << " MB");
    BOOST_TEST(seconds < pith::test::TimeLimit(1.0));
#if !defined(__SANITIZE_ADDRESS__)
    BOOST_TEST(rss_growth_mb < 150);  // About the 16 MiB cap, not 1 GiB.
#endif
    BOOST_REQUIRE_EQUAL(items.size(), 2u);
    BOOST_TEST(items[0].error == "record at offset 0: decompressed size over the limit of 16777216 bytes");
    BOOST_TEST(items[1].rec.target_uri == "http://x/ok");
  }
  // A lower cap stops it sooner, and brotli and deflate obey it too.
  WarcLimits limits;
  limits.max_decompressed_bytes = 1000;
  const std::string big(5000, 'a');
  std::string data;
  int id = 0;
  for (const std::string& block : {Http("Content-Encoding: br\r\n", Brotli(big)),
                                   Http("Content-Encoding: deflate\r\n", RawDeflate(big)),
                                   Http("Content-Encoding: gzip\r\n", Gzip(std::string(1000, 'a')))})
    data += Build({"response", "http://x/", "application/http", block}, id++);
  const auto items = ReadAll(data, limits);
  BOOST_REQUIRE_EQUAL(items.size(), 3u);
  BOOST_TEST(items[0].error.find("decompressed size over the limit of 1000 bytes") != std::string::npos);
  BOOST_TEST(items[1].error.find("decompressed size over the limit of 1000 bytes") != std::string::npos);
  BOOST_TEST((items[2].result == Result::kRecord));  // Exactly at the cap is fine.
}

BOOST_AUTO_TEST_CASE(damaged_inputs_always_end) {
  // Every cut and many byte flips of the three forms: the reader must end
  // (ReadAll bounds the calls) without crashing, and read the records before
  // the damage.
  const std::string plain = Join(Sample(), false);
  const std::string per_record = Join(Sample(), true);
  const std::string whole = Gzip(plain);
  uint32_t seed = 12345;
  auto rnd = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
  };
  for (const std::string* input : {&plain, &per_record, &whole}) {
    for (size_t cut = 0; cut < input->size(); cut += 11) ReadAll(input->substr(0, cut));
    for (int round = 0; round < 300; ++round) {
      std::string damaged = *input;
      for (int k = 0; k < 3; ++k) damaged[rnd() % damaged.size()] = static_cast<char>(rnd());
      ReadAll(damaged);
    }
  }
  // A cut in the last record leaves the others readable.
  std::vector<uint64_t> offsets;
  Join(Sample(), false, &offsets);
  BOOST_TEST(Records(ReadAll(plain.substr(0, offsets.back() + 100))).size() == Sample().size() - 1);
}

BOOST_AUTO_TEST_CASE(extreme_limits_null_arguments_and_moves) {
  const std::string data = Join(Sample(), false) + "  \t\r\n\n" + Build({"resource", "http://x/z", "text/html", Page(1)}, 1);
  WarcLimits unlimited;
  unlimited.max_record_bytes = SIZE_MAX;
  unlimited.max_decompressed_bytes = SIZE_MAX;
  unlimited.max_header_line = SIZE_MAX;
  BOOST_TEST(Records(ReadAll(data, unlimited)).size() == Sample().size() + 1);
  WarcLimits tiny;
  tiny.max_record_bytes = 1;
  tiny.max_decompressed_bytes = 0;
  tiny.max_header_line = 1;
  const auto items = ReadAll(data, tiny);
  BOOST_TEST(Records(items).empty());
  BOOST_TEST(!Errors(items).empty());

  std::istringstream in(data);
  WarcReader reader(in);
  BOOST_TEST((reader.Next(nullptr, nullptr) == Result::kRecord));
  WarcReader moved = std::move(reader);
  WarcRecord rec;
  std::string error;
  BOOST_TEST((moved.Next(&rec, &error) == Result::kRecord));
  BOOST_TEST(rec.type == "request");
  BOOST_TEST((reader.Next(&rec, &error) == Result::kEnd));  // NOLINT(bugprone-use-after-move): defined as kEnd.
}
