// warc_fuzzer: pith::input::WarcReader over arbitrary bytes, read to the end.
//
// Input: byte 0 chooses the reader's limits, so that small inputs reach
// them; the rest is the WARC stream, plain or gzip (the reader tells from
// its first two bytes, 1f 8b, and handles any number of members itself).
//   bits 0-1  max_record_bytes:       the default (16 MiB), 4096, 300, 40
//   bits 2-3  max_decompressed_bytes: the default (16 MiB), 4096, 300, 16
//   bits 4-5  max_header_line:        the default (64 KiB), 1024, 80, 10
//   bit 6     the stream is handed out by a stream buffer that gives 1 to
//             13 bytes per refill (std::istream::read then assembles each
//             chunk from many refills) instead of a std::istringstream
//   bit 7     differential: read the stream a second time through the other
//             kind of stream buffer, and compare every result
// Memory: a record may be up to 16 MiB decompressed with the default
// limits; tests/fuzz/run bounds each process with -rss_limit_mb.
//
// Invariants (abort when violated), from warc.h:
//   - reading ends: kEnd comes after at most 1040 results per input byte
//     (deflate expands a byte to at most 1032, and every result moves the
//     reader strictly forward), and every call after kEnd is kEnd again;
//   - kError: a non-empty one-line message that names an offset ("record at
//     offset N..." or "gzip member at offset N..." or "offset N: ..."), and
//     the record is left cleared;
//   - kRecord: the error is cleared; the version is a "WARC/" line;
//     records come in file order ((offset, offset_in_member) strictly
//     increasing); the offset is in the file: in a plain WARC it is where
//     the `WARC/` line is and offset_in_member is 0, in gzip mode it is where
//     a gzip member (1f 8b) starts;
//   - content_type and the charsets are lower-case, and the media types have
//     no parameters (no ';') and no surrounding white space;
//   - target_uri is not wrapped in angle brackets;
//   - the body is at most the larger of max_record_bytes and
//     max_decompressed_bytes;
//   - is_html only for response, resource and conversion records;
//   - the results do not depend on how the stream buffer hands out bytes.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "input/warc.h"

namespace {

using pith::input::WarcLimits;
using pith::input::WarcReader;
using pith::input::WarcRecord;

// A stream buffer over a string that hands out 1 to 13 bytes per underflow,
// like a pipe that delivers the data in small pieces.
class TrickleBuf : public std::streambuf {
 public:
  explicit TrickleBuf(std::string_view data) : data_(data) {}

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (pos_ >= data_.size()) return traits_type::eof();
    size_t n = std::min<size_t>(1 + (step_++ * 7) % 13, data_.size() - pos_);
    char* p = const_cast<char*>(data_.data() + pos_);
    setg(p, p, p + n);
    pos_ += n;
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  size_t step_ = 0;
};

// What one Next() gave, kept for the differential comparison.
struct Outcome {
  WarcReader::Result result;
  std::string error;
  WarcRecord rec;
};

bool IsLower(std::string_view s) {
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return false;
  return true;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

void CheckMediaType(std::string_view type, const char* what) {
  if (!IsLower(type)) pith_fuzz::Fail(what, type);
  if (type.find(';') != std::string_view::npos) pith_fuzz::Fail(what, type);
  if (!type.empty() && (IsSpace(type.front()) || IsSpace(type.back()))) pith_fuzz::Fail(what, type);
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

void CheckError(const std::string& error, const WarcRecord& rec) {
  PITH_FUZZ_CHECK(!error.empty(), "kError without a message");
  if (error.find('\n') != std::string::npos) pith_fuzz::Fail("multi-line error message", error);
  if (error.rfind("record at offset ", 0) != 0 && error.rfind("gzip member at offset ", 0) != 0 &&
      error.rfind("offset ", 0) != 0)
    pith_fuzz::Fail("error message names no offset", error);
  PITH_FUZZ_CHECK(rec.offset == 0 && rec.offset_in_member == 0 && rec.version.empty() &&
                      rec.type.empty() && rec.target_uri.empty() && rec.body.empty() &&
                      rec.content_type.empty() && !rec.is_html && rec.http.status == 0,
                  "kError left a record behind");
}

void CheckRecord(const WarcRecord& rec, std::string_view stream, const WarcLimits& limits) {
  PITH_FUZZ_CHECK(rec.version.rfind("WARC/", 0) == 0, "version is not a WARC/ line");
  PITH_FUZZ_CHECK(rec.offset < stream.size(), "offset past the end of the input");
  const bool gzip = stream.size() >= 2 && static_cast<unsigned char>(stream[0]) == 0x1f &&
                    static_cast<unsigned char>(stream[1]) == 0x8b;
  if (gzip) {
    PITH_FUZZ_CHECK(rec.offset + 2 <= stream.size() &&
                        static_cast<unsigned char>(stream[rec.offset]) == 0x1f &&
                        static_cast<unsigned char>(stream[rec.offset + 1]) == 0x8b,
                    "gzip mode: the offset is not where a gzip member starts");
  } else {
    PITH_FUZZ_CHECK(rec.offset_in_member == 0, "plain WARC with offset_in_member");
    PITH_FUZZ_CHECK(stream.substr(rec.offset, 5) == "WARC/",
                    "plain WARC: the offset is not where the WARC/ line is");
  }
  CheckMediaType(rec.content_type, "WarcRecord::content_type is not a bare lower-case media type");
  CheckMediaType(rec.http.content_type, "HttpInfo::content_type is not a bare lower-case media type");
  if (!IsLower(rec.charset)) pith_fuzz::Fail("WarcRecord::charset is not lower-case", rec.charset);
  if (!IsLower(rec.http.charset)) pith_fuzz::Fail("HttpInfo::charset is not lower-case", rec.http.charset);
  if (rec.target_uri.size() >= 2 && rec.target_uri.front() == '<' && rec.target_uri.back() == '>')
    pith_fuzz::Fail("target_uri keeps its angle brackets", rec.target_uri);
  if (rec.body.size() > std::max(limits.max_record_bytes, limits.max_decompressed_bytes))
    pith_fuzz::Fail("body over the limits");
  if (rec.is_html && !IEquals(rec.type, "response") && !IEquals(rec.type, "resource") &&
      !IEquals(rec.type, "conversion"))
    pith_fuzz::Fail("is_html on a record that is not a response, resource or conversion", rec.type);
}

// Reads the whole stream and checks every result; returns them all.
std::vector<Outcome> ReadAll(std::istream& in, std::string_view stream, const WarcLimits& limits) {
  WarcReader reader(in, limits);
  std::vector<Outcome> out;
  const size_t max_results = 1040 * (stream.size() + 1);
  bool have_last = false;
  uint64_t last_offset = 0, last_in_member = 0;
  for (;;) {
    Outcome o;
    // Garbage in the record and the message: Next must overwrite both.
    o.rec.type = "stale";
    o.rec.body = "stale";
    o.rec.offset = 12345;
    o.error = "stale";
    o.result = reader.Next(&o.rec, &o.error);
    if (o.result == WarcReader::Result::kEnd) break;
    if (out.size() >= max_results) pith_fuzz::Fail("the reader does not reach the end");
    if (o.result == WarcReader::Result::kError) {
      CheckError(o.error, o.rec);
    } else {
      PITH_FUZZ_CHECK(o.error.empty(), "kRecord with an error message");
      CheckRecord(o.rec, stream, limits);
      if (have_last && !(o.rec.offset > last_offset ||
                         (o.rec.offset == last_offset && o.rec.offset_in_member > last_in_member))) {
        std::fprintf(stderr, "\n*** record at (%llu, %llu) after one at (%llu, %llu)\n",
                     static_cast<unsigned long long>(o.rec.offset),
                     static_cast<unsigned long long>(o.rec.offset_in_member),
                     static_cast<unsigned long long>(last_offset),
                     static_cast<unsigned long long>(last_in_member));
        pith_fuzz::Fail("records out of file order");
      }
      have_last = true;
      last_offset = o.rec.offset;
      last_in_member = o.rec.offset_in_member;
    }
    out.push_back(std::move(o));
  }
  for (int i = 0; i < 2; ++i) {
    WarcRecord rec;
    std::string error;
    PITH_FUZZ_CHECK(reader.Next(&rec, &error) == WarcReader::Result::kEnd, "a result after kEnd");
    PITH_FUZZ_CHECK(reader.Next(nullptr, nullptr) == WarcReader::Result::kEnd, "a result after kEnd");
  }
  return out;
}

std::vector<Outcome> Read(bool trickle, std::string_view stream, const WarcLimits& limits) {
  if (trickle) {
    TrickleBuf buf(stream);
    std::istream in(&buf);
    return ReadAll(in, stream, limits);
  }
  std::istringstream in{std::string(stream)};
  return ReadAll(in, stream, limits);
}

bool Same(const WarcRecord& a, const WarcRecord& b) {
  return a.offset == b.offset && a.offset_in_member == b.offset_in_member && a.version == b.version &&
         a.type == b.type && a.record_id == b.record_id && a.target_uri == b.target_uri &&
         a.date == b.date && a.truncated == b.truncated && a.http.status == b.http.status &&
         a.http.content_type == b.http.content_type && a.http.charset == b.http.charset &&
         a.content_type == b.content_type && a.charset == b.charset && a.body == b.body &&
         a.is_html == b.is_html;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > (1u << 20)) return 0;
  const uint8_t flags = data[0];
  std::string_view stream(reinterpret_cast<const char*>(data + 1), size - 1);

  WarcLimits limits;
  static const size_t kRecord[] = {limits.max_record_bytes, 4096, 300, 40};
  static const size_t kDecompressed[] = {limits.max_decompressed_bytes, 4096, 300, 16};
  static const size_t kHeaderLine[] = {limits.max_header_line, 1024, 80, 10};
  limits.max_record_bytes = kRecord[flags & 3];
  limits.max_decompressed_bytes = kDecompressed[(flags >> 2) & 3];
  limits.max_header_line = kHeaderLine[(flags >> 4) & 3];
  const bool trickle = (flags & 0x40) != 0;

  std::vector<Outcome> first = Read(trickle, stream, limits);
  if (flags & 0x80) {
    std::vector<Outcome> second = Read(!trickle, stream, limits);
    if (first.size() != second.size()) {
      std::fprintf(stderr, "\n*** %zu results through one stream buffer, %zu through the other\n",
                   first.size(), second.size());
      pith_fuzz::Fail("the results depend on how the stream buffer hands out bytes");
    }
    for (size_t i = 0; i < first.size(); ++i) {
      const Outcome& a = first[i];
      const Outcome& b = second[i];
      if (a.result != b.result || a.error != b.error || !Same(a.rec, b.rec)) {
        std::fprintf(stderr, "\n*** result %zu differs:\n*** %s\n*** %s\n", i, a.error.c_str(),
                     b.error.c_str());
        pith_fuzz::Fail("the results depend on how the stream buffer hands out bytes");
      }
    }
  }
  return 0;
}
