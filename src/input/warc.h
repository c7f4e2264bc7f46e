// input/warc: reading web archives (WARC 1.0 and 1.1), one record at a time.
//
//   std::ifstream file("crawl.warc.gz", std::ios::binary);
//   pith::input::WarcReader reader(file);
//   pith::input::WarcRecord rec;
//   std::string error;
//   for (;;) {
//     auto r = reader.Next(&rec, &error);
//     if (r == pith::input::WarcReader::Result::kEnd) break;
//     if (r == pith::input::WarcReader::Result::kError) { std::cerr << error << "\n"; continue; }
//     if (rec.is_html) Clean(rec.body, ...);
//   }
//
// Input forms. The reader takes any std::istream (a file, standard input, a
// pipe, a string) and finds the form from the first two bytes, never from a
// file name:
//   - plain WARC;
//   - gzip, any number of members: one member per record (the usual
//     `.warc.gz`), or one member for the whole file (`gzip crawl.warc`), or
//     anything in between. Members are inflated one after the other
//     (windowBits 15+32), so the records may even straddle members.
// The input is read in chunks and never loaded whole: the reader holds at
// most one record's header and block, the decoded payload, and fixed-size
// buffers (64 KiB of input, plus up to 1 MiB of compressed history in gzip
// mode, kept to find the next member after a corrupt one). So memory is
// bounded by WarcLimits, whatever the size of the file.
//
// Records. Each record is a `WARC/1.x` line, `Name: value` header lines
// (names are case-insensitive; continuation lines that start with a space or
// a tab are joined to the previous value; lines without a colon are
// ignored), a blank line, Content-Length bytes of block, and `\r\n\r\n`.
// Lines may end with `\n` alone, and extra blank lines between records are
// skipped. Every record is returned, in file order, whatever its type: the
// caller skips what it does not want (`is_html` says whether the payload is
// a page).
//
// Payloads. For a `response` record whose block is an HTTP message (its WARC
// Content-Type is `application/http...`, or the block starts with `HTTP/`),
// the status line and headers are parsed and removed, and `body` is the
// entity: Transfer-Encoding chunked is decoded, then Content-Encoding gzip,
// x-gzip, deflate (zlib-wrapped or raw), br, identity (in reverse order when
// several are listed). Two lenient rules follow what crawlers really write:
//   - a body announced as chunked whose first line is not a chunk size was
//     stored de-chunked, and is taken as it is;
//   - a body announced as compressed that cannot be decoded from its first
//     byte but starts (after whitespace) with `<` was stored decoded, and is
//     taken as it is.
// A chunk stream or a compressed stream that breaks later, or ends early, is
// an error for that record, except in a record with a `WARC-Truncated`
// header, where the part that decodes is kept. An unknown encoding is an
// error for that record. For any other record, `body` is the block itself.
//
// Errors. Next() never throws and never crashes, whatever the bytes. A
// problem gives kError with a one-line message that names the record's
// offset, e.g. "record at offset 1234: Content-Length 5000 larger than the
// 1200 bytes left"; the next call goes on with the next record. Problems with
// the framing (a missing or invalid Content-Length, a Content-Length that does
// not end at the record's `\r\n\r\n`, a header line over max_header_line,
// a record over max_record_bytes, bytes that are not a `WARC/` line where a
// record should start) make the reader resynchronise: it scans forward, past
// the broken record's first byte, for the next line that starts with
// `WARC/1.` (in gzip mode, the start of a member counts as the start of a
// line), and reads on from there. A corrupt or truncated gzip member is an
// error for the record it cuts; the reader looks for the next gzip member
// header (1f 8b 08) after the broken member's start and goes on from there.
// Records whose bytes were all inflated before the point where the member
// broke are still returned, before the error: in a whole-file gzip cut short,
// that is every record before the cut (note that a member whose only fault
// is a wrong CRC has given all its bytes by the time the CRC is checked).
// Every resynchronisation moves strictly forward, so reading always ends.
//
// Offsets. `offset` is where the record can be found in the file as it is on
// disk. In a plain WARC it is the offset of the `WARC/` line. In gzip mode it
// is the file offset of the gzip member in which the record starts, and
// `offset_in_member` says how far into that member's decompressed data the
// record starts: 0 for a `.warc.gz` with one member per record, the record's
// offset in the decompressed stream for a whole-file gzip. Error messages use
// the same two numbers ("record at offset 0, 5120 bytes into the gzip
// member's data").
//
// The reader keeps no global state; separate readers may run in separate
// threads. One reader is not thread-safe.
#ifndef PITH_INPUT_WARC_H_
#define PITH_INPUT_WARC_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>

namespace pith::input {

// What an HTTP response header said about the payload.
struct HttpInfo {
  int status = 0;            // The status code (200, 404...); 0 when not parsed.
  std::string content_type;  // The media type, lower-case, without parameters ("text/html").
  std::string charset;       // The charset parameter of Content-Type, lower-case, unquoted; "" if none.
};

struct WarcRecord {
  // Where the record is: see "Offsets" above. In a plain WARC,
  // offset_in_member is always 0.
  uint64_t offset = 0;
  uint64_t offset_in_member = 0;
  std::string version;     // The first line: "WARC/1.0" or "WARC/1.1".
  std::string type;        // WARC-Type as written: response, resource, request, metadata,
                           // warcinfo, conversion, revisit, continuation.
  std::string record_id;   // WARC-Record-ID as written, angle brackets included.
  std::string target_uri;  // WARC-Target-URI, without the angle brackets some WARC 1.0
                           // writers put around it.
  std::string date;        // WARC-Date as written.
  std::string truncated;   // WARC-Truncated ("length", "time"...): the block is not the
                           // whole capture. "" when absent.
  // For a response record with an HTTP payload: its status and headers.
  HttpInfo http;
  // The payload's media type, lower-case, without parameters: the HTTP
  // Content-Type for a response record with an HTTP payload, the WARC
  // Content-Type for every other record. "" when not given.
  std::string content_type;
  // The charset parameter of that same Content-Type, lower-case; "" if none.
  std::string charset;
  // The payload: for an HTTP response the entity with the headers removed
  // and the transfer and content codings decoded; otherwise the block.
  std::string body;
  // The payload is a page. Only for response, resource and conversion
  // records: content_type text/html or application/xhtml+xml; or, when the
  // type is missing or says nothing (application/octet-stream,
  // unknown/unknown...), the body starts, after whitespace and a UTF-8 BOM,
  // with `<!doctype html`, `<html`, `<head` or `<body` (any case).
  bool is_html = false;
};

struct WarcLimits {
  // A record whose header or whose block (Content-Length) is larger is an
  // error, and is skipped by resynchronisation.
  size_t max_record_bytes = 16u << 20;
  // A decoded payload larger than this is an error ("decompressed size over
  // the limit of N bytes"): decoding stops there, so a compression bomb costs
  // only this much memory and the time to inflate this many bytes.
  size_t max_decompressed_bytes = 16u << 20;
  // A WARC header line longer than this (without its line end) is an error.
  size_t max_header_line = 64 * 1024;
};

class WarcReader {
 public:
  enum class Result {
    kRecord,  // *rec holds the next record.
    kError,   // *error holds a one-line message; call Next() again to go on.
    kEnd,     // No more records; every later call returns kEnd too.
  };

  // Reads from `in`, which must outlive the reader. Nothing is read before
  // the first Next(). Open files in binary mode.
  explicit WarcReader(std::istream& in, WarcLimits limits = {});
  ~WarcReader();
  WarcReader(WarcReader&&) noexcept;
  WarcReader& operator=(WarcReader&&) noexcept;
  WarcReader(const WarcReader&) = delete;
  WarcReader& operator=(const WarcReader&) = delete;

  // The next record, in file order. On kRecord, *rec is overwritten whole
  // and *error is cleared; on kError, *error is set and *rec is left
  // cleared. (A null `rec` or `error` is allowed, and then not filled.)
  Result Next(WarcRecord* rec, std::string* error);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pith::input

#endif  // PITH_INPUT_WARC_H_
