// input/warc: see warc.h.
//
// Two layers:
//   - Source turns the input into one stream of bytes: the file itself, or
//     the concatenated data of its gzip members. It remembers where each
//     member starts (as a pair: offset in that stream, offset in the file),
//     and reports a corrupt or truncated member as a "break": the stream goes
//     on with the next member header found after the broken member's start.
//   - WarcReader::Impl frames records in that stream, through a buffer that
//     holds at most one record's header and block. Positions called "abs"
//     below are offsets in the Source's stream; buffer indexes are relative
//     to base_, the stream offset of buf_[0].
#include "input/warc.h"

#include "util/ascii.h"

#include <brotli/decode.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string_view>
#include <utility>
#include <vector>

namespace pith::input {
namespace {

constexpr size_t kReadChunk = 64 * 1024;      // Input is read this much at a time.
constexpr size_t kMaxRead = 4u << 20;         // The most one buffer refill asks for.
constexpr size_t kRawHistory = 1u << 20;      // Compressed bytes kept behind the inflate point.
constexpr size_t kTrailerLookahead = 64;      // Line ends looked at after a block.
constexpr size_t kOutChunk = 256 * 1024;      // Payload decoders grow their output by this.
constexpr size_t kSnippet = 40;               // Bytes of bad input quoted in a message.
constexpr std::string_view kWarcMagic = "WARC/1.";

// ---------------------------------------------------------------------------
// Small string helpers.

using util::AsciiLower;

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  return true;
}

bool IStartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && IEquals(s.substr(0, prefix.size()), prefix);
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Bad input quoted in a one-line message: ASCII only, at most kSnippet bytes.
std::string Snippet(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size() && i < kSnippet; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  if (s.size() > kSnippet) out += "...";
  return out;
}

// A Content-Type value: the media type (lower-case, no parameters) and the
// charset parameter (lower-case, unquoted).
void ParseContentType(std::string_view value, std::string* media, std::string* charset) {
  size_t semi = value.find(';');
  *media = ToLower(Trim(value.substr(0, semi)));
  charset->clear();
  while (semi != std::string_view::npos) {
    value.remove_prefix(semi + 1);
    semi = value.find(';');
    std::string_view param = value.substr(0, semi);
    size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!IEquals(Trim(param.substr(0, eq)), "charset")) continue;
    std::string_view v = Trim(param.substr(eq + 1));
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
      v = Trim(v.substr(1, v.size() - 2));
    *charset = ToLower(v);
    return;
  }
}

// Content-Length: decimal digits only, no sign, fits in 64 bits.
bool ParseLength(std::string_view s, uint64_t* n) {
  s = Trim(s);
  if (s.empty() || s.size() > 19) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  *n = v;
  return true;
}

// "WARC/1.0", "WARC/1.1", "WARC/0.18": "WARC/", then digits and dots.
bool IsVersionLine(std::string_view line) {
  if (line.substr(0, 5) != "WARC/" || line.size() == 5) return false;
  for (char c : line.substr(5))
    if (!((c >= '0' && c <= '9') || c == '.')) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Page detection.

bool IsHtmlType(std::string_view media) {
  return media == "text/html" || media == "application/xhtml+xml";
}

// A media type that says nothing about the payload.
bool IsUnknownType(std::string_view media) {
  return media.empty() || media.find('/') == std::string_view::npos ||
         media == "application/octet-stream" || media == "binary/octet-stream" ||
         media == "application/unknown" || media == "unknown/unknown" ||
         media == "application/x-unknown" || media == "application/x-unknown-content-type" ||
         media == "*/*";
}

// The body starts, after a UTF-8 BOM and whitespace, with a tag that only
// HTML documents start with.
bool SniffHtml(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  while (!body.empty() && IsSpace(body.front())) body.remove_prefix(1);
  for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body"}) {
    if (!IStartsWith(body, tag)) continue;
    if (body.size() == tag.size()) return true;
    char next = body[tag.size()];
    if (IsSpace(next) || next == '>' || next == '/') return true;
  }
  return false;
}

// Stored decoded although a Content-Encoding is announced.
bool LooksDecoded(std::string_view body) {
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  while (!body.empty() && IsSpace(body.front())) body.remove_prefix(1);
  return !body.empty() && body.front() == '<';
}

// ---------------------------------------------------------------------------
// Payload decoders. Each returns true on success, with the result in *out.
// On failure *err says why and *early says whether it failed before
// producing a single byte (the lenient "stored decoded" rule needs that).

// Where a decoder writes each step: into *out, up to `limit` bytes in all,
// then into one spare byte; a byte there means the output is over the
// limit. (Asking the string for limit + 1 bytes would make it double to twice
// the limit, and touch all of it as it copies.)
class Sink {
 public:
  Sink(std::string* out, size_t limit) : out_(out), limit_(limit) { out_->clear(); }

  // The window for the next step, of Avail() bytes.
  char* Begin() {
    old_ = out_->size();
    room_ = std::min(kOutChunk, limit_ - old_);
    if (room_ == 0) return &spare_;
    const size_t need = old_ + room_;
    if (need > out_->capacity()) out_->reserve(std::min(std::max(need, out_->capacity() * 2), limit_));
    out_->resize(need);
    return &(*out_)[old_];
  }
  size_t Avail() const { return room_ == 0 ? 1 : room_; }
  // After the step, `unused` bytes of the window were left. False when the
  // output went over the limit.
  bool End(size_t unused) {
    if (room_ == 0) return unused == 1;
    out_->resize(old_ + room_ - unused);
    return true;
  }

 private:
  std::string* out_;
  size_t limit_;
  size_t old_ = 0;
  size_t room_ = 0;
  char spare_ = 0;
};

std::string OverLimit(size_t limit) {
  return "decompressed size over the limit of " + std::to_string(limit) + " bytes";
}

bool ZInflate(std::string_view in, int window_bits, const char* name, size_t limit,
              bool truncated_ok, std::string* out, std::string* err, bool* early) {
  *early = false;
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) {
    *err = "zlib cannot start";
    return false;
  }
  struct End {
    z_stream* z;
    ~End() { inflateEnd(z); }
  } end{&z};
  const bool gzip = window_bits > 15;
  Sink sink(out, limit);
  size_t fed = 0;  // Bytes of `in` handed to zlib so far.
  for (;;) {
    if (z.avail_in == 0 && fed < in.size()) {
      size_t n = std::min<size_t>(in.size() - fed, 1u << 30);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + fed));
      z.avail_in = static_cast<uInt>(n);
      fed += n;
    }
    z.next_out = reinterpret_cast<Bytef*>(sink.Begin());
    const uInt room = static_cast<uInt>(sink.Avail());
    z.avail_out = room;
    const uInt in_before = z.avail_in;
    int ret = inflate(&z, Z_NO_FLUSH);
    if (!sink.End(z.avail_out)) {
      *err = OverLimit(limit);
      return false;
    }
    const size_t left = z.avail_in + (in.size() - fed);
    if (ret == Z_STREAM_END) {
      // A gzip body may be several members; anything else after the end
      // of the stream is ignored.
      const size_t at = in.size() - left;
      if (gzip && left >= 2 && static_cast<unsigned char>(in[at]) == 0x1f &&
          static_cast<unsigned char>(in[at + 1]) == 0x8b) {
        inflateReset(&z);
        continue;
      }
      return true;
    }
    if (ret == Z_OK) continue;
    if (ret == Z_BUF_ERROR && left == 0) {
      if (truncated_ok) return true;
      *early = out->empty();
      *err = std::string(name) + " body cut short";
      return false;
    }
    if (ret == Z_BUF_ERROR && (z.avail_in != in_before || z.avail_out != room)) continue;
    *early = out->empty();
    *err = std::string("corrupt ") + name + " data" + (z.msg ? std::string(" (") + z.msg + ")" : "");
    return false;
  }
}

bool Unbrotli(std::string_view in, size_t limit, bool truncated_ok, std::string* out,
              std::string* err, bool* early) {
  *early = false;
  Sink sink(out, limit);
  BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (state == nullptr) {
    *err = "brotli cannot start";
    return false;
  }
  struct End {
    BrotliDecoderState* s;
    ~End() { BrotliDecoderDestroyInstance(s); }
  } end{state};
  size_t avail_in = in.size();
  const uint8_t* next_in = reinterpret_cast<const uint8_t*>(in.data());
  for (;;) {
    uint8_t* next_out = reinterpret_cast<uint8_t*>(sink.Begin());
    size_t avail_out = sink.Avail();
    BrotliDecoderResult r =
        BrotliDecoderDecompressStream(state, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    if (!sink.End(avail_out)) {
      *err = OverLimit(limit);
      return false;
    }
    if (r == BROTLI_DECODER_RESULT_SUCCESS) return true;
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) continue;
    if (r == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT) {
      if (truncated_ok) return true;
      *early = out->empty();
      *err = "br body cut short";
      return false;
    }
    *early = out->empty();
    *err = std::string("corrupt br data (") +
           BrotliDecoderErrorString(BrotliDecoderGetErrorCode(state)) + ")";
    return false;
  }
}

// Undoes one content or transfer coding of *body in place. `header` names
// the header that listed it, for messages.
bool Decode(std::string_view coding, const char* header, size_t limit, bool truncated_ok,
            std::string* body, std::string* err) {
  if (coding == "identity" || coding == "none") return true;
  if (body->empty()) return true;  // HEAD, 204, 304: nothing was sent.
  std::string out;
  bool early = false;
  bool ok = false;
  if (coding == "gzip" || coding == "x-gzip") {
    ok = ZInflate(*body, 15 + 32, "gzip", limit, truncated_ok, &out, err, &early);
  } else if (coding == "deflate") {
    // Servers send both zlib-wrapped (as the RFC says) and raw deflate.
    const unsigned char b0 = static_cast<unsigned char>((*body)[0]);
    const unsigned char b1 = body->size() > 1 ? static_cast<unsigned char>((*body)[1]) : 0;
    const bool zlib_header = (b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0;
    if (zlib_header) ok = ZInflate(*body, 15, "deflate", limit, truncated_ok, &out, err, &early);
    if (!ok && (!zlib_header || early))
      ok = ZInflate(*body, -15, "deflate", limit, truncated_ok, &out, err, &early);
  } else if (coding == "br") {
    ok = Unbrotli(*body, limit, truncated_ok, &out, err, &early);
  } else {
    *err = std::string("unknown ") + header + " '" + Snippet(coding) + "'";
    return false;
  }
  if (ok) {
    body->swap(out);
    return true;
  }
  return early && LooksDecoded(*body);  // Stored decoded: keep it as it is.
}

// Transfer-Encoding: chunked. A body whose first chunk does not parse was
// stored de-chunked and is kept as it is; a stream that breaks after its
// first chunk is an error, or, when `truncated_ok`, ends the body.
bool Dechunk(std::string* body, bool truncated_ok, std::string* err) {
  const std::string_view in = *body;
  std::string out;
  size_t p = 0;
  bool first = true;
  auto broken = [&](const std::string& why) {
    if (first) return true;  // Not chunked after all: keep the body.
    if (truncated_ok) {
      body->swap(out);
      return true;
    }
    *err = "broken chunked encoding: " + why + " at byte " + std::to_string(p) + " of the body";
    return false;
  };
  if (in.empty()) return true;
  for (;;) {
    const size_t nl = in.find('\n', p);
    if (nl == std::string_view::npos) return broken("no last chunk");
    std::string_view line = in.substr(p, nl - p);
    line = line.substr(0, line.find(';'));  // Chunk extensions.
    line = Trim(line);
    if (line.empty() || line.size() > 15) return broken("bad chunk size");
    uint64_t size = 0;
    for (char c : line) {
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) return broken("bad chunk size");
      size = size * 16 + static_cast<uint64_t>(d);
    }
    p = nl + 1;
    if (size == 0) break;  // The last chunk; trailers are ignored.
    if (size > in.size() - p) {
      if (!first && truncated_ok) out.append(in.substr(p));
      return broken("chunk larger than the rest of the body");
    }
    out.append(in.substr(p, size));
    p += size;
    if (in.substr(p, 2) == "\r\n") {
      p += 2;
    } else if (in.substr(p, 1) == "\n") {
      p += 1;
    } else {
      return broken(p == in.size() ? "no last chunk" : "no line end after a chunk");
    }
    first = false;
  }
  body->swap(out);
  return true;
}

// Splits a comma-separated header value into lower-case tokens.
std::vector<std::string> Tokens(std::string_view value) {
  std::vector<std::string> out;
  while (!value.empty()) {
    size_t comma = value.find(',');
    std::string_view t = Trim(value.substr(0, comma));
    if (!t.empty()) out.push_back(ToLower(t));
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return out;
}

// The HTTP message in a response block: status line and headers. Returns
// false (with *err) when the block is not an HTTP response.
struct HttpHead {
  int status = 0;
  std::string content_type;       // The last Content-Type header.
  std::string content_encoding;   // All Content-Encoding headers, comma-joined.
  std::string transfer_encoding;  // All Transfer-Encoding headers, comma-joined.
  size_t body_start = 0;
};

bool ParseHttpHead(std::string_view block, HttpHead* h, std::string* err) {
  size_t eol = block.find('\n');
  std::string_view status_line = Trim(block.substr(0, eol));
  if (status_line.substr(0, 5) != "HTTP/") {
    *err = "response block is not an HTTP message: '" + Snippet(status_line) + "'";
    return false;
  }
  size_t sp = status_line.find(' ');
  std::string_view code =
      sp == std::string_view::npos ? std::string_view() : Trim(status_line.substr(sp + 1)).substr(0, 3);
  if (code.size() != 3 || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    *err = "bad HTTP status line '" + Snippet(status_line) + "'";
    return false;
  }
  h->status = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if (eol == std::string_view::npos) {  // A status line alone.
    h->body_start = block.size();
    return true;
  }
  size_t p = eol + 1;
  std::string* last = nullptr;  // The value a continuation line extends.
  for (;;) {
    size_t nl = block.find('\n', p);
    std::string_view line = block.substr(p, nl == std::string_view::npos ? nl : nl - p);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    p = nl == std::string_view::npos ? block.size() : nl + 1;
    if (line.empty()) break;  // The blank line: the body follows.
    if (line.front() == ' ' || line.front() == '\t') {
      if (last != nullptr) *last += " " + std::string(Trim(line));
    } else {
      last = nullptr;
      size_t colon = line.find(':');
      if (colon != std::string_view::npos) {
        std::string_view name = Trim(line.substr(0, colon));
        std::string_view value = Trim(line.substr(colon + 1));
        auto join = [&](std::string* to) {
          if (!to->empty()) *to += ",";
          *to += std::string(value);
          last = to;
        };
        if (IEquals(name, "content-type")) {
          h->content_type = std::string(value);
          last = &h->content_type;
        } else if (IEquals(name, "content-encoding")) {
          join(&h->content_encoding);
        } else if (IEquals(name, "transfer-encoding")) {
          join(&h->transfer_encoding);
        }
      }
    }
    if (nl == std::string_view::npos) break;  // Headers cut short: no body.
  }
  h->body_start = p;
  return true;
}

// ---------------------------------------------------------------------------
// The WARC header fields the reader keeps. The first occurrence of each wins.

struct WarcHeader {
  enum Field { kType, kRecordId, kTargetUri, kDate, kContentLength, kContentType, kTruncated, kCount };
  std::string value[kCount];
  bool seen[kCount] = {};

  // The value slot for header `name`, or null when the reader ignores the
  // header or already has it.
  std::string* Slot(std::string_view name) {
    static constexpr std::string_view kNames[kCount] = {
        "warc-type", "warc-record-id", "warc-target-uri", "warc-date",
        "content-length", "content-type", "warc-truncated"};
    for (int i = 0; i < kCount; ++i) {
      if (!IEquals(name, kNames[i])) continue;
      if (seen[i]) return nullptr;
      seen[i] = true;
      return &value[i];
    }
    return nullptr;
  }
};

// Fills the payload fields of *rec from the record's header and block.
// Returns false with *err for an error in the payload.
bool BuildPayload(WarcHeader* h, std::string block, const WarcLimits& limits, WarcRecord* rec,
                  std::string* err) {
  rec->type = std::move(h->value[WarcHeader::kType]);
  rec->record_id = std::move(h->value[WarcHeader::kRecordId]);
  std::string_view uri = h->value[WarcHeader::kTargetUri];
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
  rec->target_uri = std::string(uri);
  rec->date = std::move(h->value[WarcHeader::kDate]);
  rec->truncated = std::move(h->value[WarcHeader::kTruncated]);
  const bool truncated_ok = h->seen[WarcHeader::kTruncated];

  std::string warc_media, warc_charset;
  ParseContentType(h->value[WarcHeader::kContentType], &warc_media, &warc_charset);
  const bool response = IEquals(rec->type, "response");
  const bool http = response && (warc_media.compare(0, 16, "application/http") == 0 ||
                                 block.compare(0, 5, "HTTP/") == 0);
  if (!http) {
    rec->content_type = std::move(warc_media);
    rec->charset = std::move(warc_charset);
    rec->body = std::move(block);
  } else {
    HttpHead head;
    if (!ParseHttpHead(block, &head, err)) return false;
    rec->http.status = head.status;
    ParseContentType(head.content_type, &rec->http.content_type, &rec->http.charset);
    rec->content_type = rec->http.content_type;
    rec->charset = rec->http.charset;
    block.erase(0, head.body_start);
    rec->body = std::move(block);
    // The server applied the content codings, then the transfer codings
    // (chunked last); they are undone in reverse order.
    std::vector<std::string> codings = Tokens(head.content_encoding);
    const size_t content_codings = codings.size();
    bool chunked = false;
    for (std::string& t : Tokens(head.transfer_encoding)) {
      if (t == "chunked") {
        chunked = true;
      } else {
        codings.push_back(std::move(t));
      }
    }
    if (chunked && !Dechunk(&rec->body, truncated_ok, err)) return false;
    for (size_t i = codings.size(); i-- > 0;) {
      const char* header = i < content_codings ? "Content-Encoding" : "Transfer-Encoding";
      if (!Decode(codings[i], header, limits.max_decompressed_bytes, truncated_ok, &rec->body, err))
        return false;
    }
  }
  if (response || IEquals(rec->type, "resource") || IEquals(rec->type, "conversion")) {
    rec->is_html = IsHtmlType(rec->content_type) ||
                   (IsUnknownType(rec->content_type) && SniffHtml(rec->body));
  }
  return true;
}

// ---------------------------------------------------------------------------
// Source: the input as one stream of bytes.

class Source {
 public:
  enum class Status {
    kData,   // At least one byte was appended.
    kEnd,    // No more bytes.
    kBreak,  // A broken gzip member: *message says what. The bytes appended
             // before it (if any) came before the break; the bytes of the
             // next calls start with the next gzip member found.
  };

  explicit Source(std::istream& in) : in_(in) {}
  ~Source() {
    if (z_ready_) inflateEnd(&z_);
  }
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;

  // Appends up to `want` (> 0) bytes of the stream to *out.
  Status Read(std::string* out, size_t want, std::string* message) {
    if (!started_) Start();
    return gzip_ ? ReadGzip(out, want, message) : ReadPlain(out, want);
  }

  bool gzip() const { return gzip_; }

  // The member in which stream offset `pos` lies: (its first stream offset,
  // its file offset). Plain input is one member at 0.
  std::pair<uint64_t, uint64_t> MemberOf(uint64_t pos) const {
    if (members_.empty()) return {0, 0};
    auto it = std::upper_bound(members_.begin(), members_.end(), pos,
                               [](uint64_t p, const std::pair<uint64_t, uint64_t>& m) { return p < m.first; });
    if (it == members_.begin()) return members_.front();
    return *std::prev(it);
  }

  // A member starts at stream offset `pos` (so `pos` starts a line).
  bool IsMemberStart(uint64_t pos) const { return MemberOf(pos).first == pos; }

  // Drops what is known of the members that end before `pos`.
  void Forget(uint64_t pos) {
    while (members_.size() >= 2 && members_[1].first <= pos) members_.pop_front();
  }

 private:
  enum class GzState { kHeader, kInflate, kRescan };

  void Start() {
    started_ = true;
    ReadRaw();
    members_.emplace_back(0, 0);
    if (raw_.size() >= 2 && static_cast<unsigned char>(raw_[0]) == 0x1f &&
        static_cast<unsigned char>(raw_[1]) == 0x8b) {
      gzip_ = true;
      z_ready_ = inflateInit2(&z_, 15 + 32) == Z_OK;
      gz_state_ = GzState::kHeader;
    }
  }

  uint64_t FilePos() const { return raw_base_ + raw_pos_; }

  // Drops the raw bytes before file offset `keep` (never past raw_pos_) when
  // that frees enough to be worth it.
  void Compact(uint64_t keep) {
    size_t idx = keep <= raw_base_ ? 0 : static_cast<size_t>(std::min<uint64_t>(keep - raw_base_, raw_pos_));
    if (idx == 0 || (idx < kReadChunk && idx < raw_.size() / 2)) return;
    raw_.erase(0, idx);
    raw_pos_ -= idx;
    raw_base_ += idx;
  }

  // Appends one chunk of input to raw_. False at the end of the input.
  bool ReadRaw() {
    if (in_eof_) return false;
    const size_t old = raw_.size();
    raw_.resize(old + kReadChunk);
    in_.read(&raw_[old], static_cast<std::streamsize>(kReadChunk));
    const size_t got = static_cast<size_t>(std::max<std::streamsize>(in_.gcount(), 0));
    raw_.resize(old + got);
    if (got < kReadChunk) in_eof_ = true;  // istream::read only stops short at the end.
    return got > 0;
  }

  Status ReadPlain(std::string* out, size_t want) {
    if (raw_pos_ < raw_.size()) {  // What Start() read to look at the magic.
      size_t n = std::min(want, raw_.size() - raw_pos_);
      out->append(raw_, raw_pos_, n);
      raw_pos_ += n;
      if (raw_pos_ == raw_.size()) {
        raw_base_ += raw_.size();
        raw_.clear();
        raw_pos_ = 0;
      }
      return Status::kData;
    }
    if (in_eof_) return Status::kEnd;
    const size_t old = out->size();
    out->resize(old + want);
    in_.read(&(*out)[old], static_cast<std::streamsize>(want));
    const size_t got = static_cast<size_t>(std::max<std::streamsize>(in_.gcount(), 0));
    out->resize(old + got);
    raw_base_ += got;
    if (got < want) in_eof_ = true;
    return got > 0 ? Status::kData : Status::kEnd;
  }

  void AddMember(uint64_t stream_pos, uint64_t file_pos) {
    if (!members_.empty() && members_.back().first == stream_pos) {
      members_.back().second = file_pos;
    } else {
      members_.emplace_back(stream_pos, file_pos);
    }
  }

  // After a broken member: look for the next member header after its
  // start. Returns whether to report the break: a member that a rescan found
  // and that fails before giving a byte was a false match, passed over
  // silently.
  bool Broken(const std::string& what, std::string* message) {
    rescan_from_ = member_file_ + 1;
    gz_state_ = GzState::kRescan;
    if (from_scan_ && member_out_ == 0) return false;
    *message = "gzip member at offset " + std::to_string(member_file_) + ": " + what;
    from_scan_ = true;
    return true;
  }

  // A plausible gzip member header at raw_[i]: 1f 8b 08, no reserved flag
  // bits, a known XFL value.
  bool HeaderAt(size_t i) const {
    if (raw_.size() - i < 9) return false;
    const auto b = [&](size_t k) { return static_cast<unsigned char>(raw_[i + k]); };
    return b(0) == 0x1f && b(1) == 0x8b && b(2) == 8 && (b(3) & 0xe0) == 0 &&
           (b(8) == 0 || b(8) == 2 || b(8) == 4);
  }

  // Fills up to `want` bytes, going from member to member. A break returns
  // kBreak at once, after the bytes inflated before it.
  Status ReadGzip(std::string* out, size_t want, std::string* message) {
    if (!z_ready_) return Status::kEnd;
    const size_t old = out->size();
    out->resize(old + want);
    size_t filled = 0;
    const auto finish = [&](Status s) {
      out->resize(old + filled);
      return s == Status::kEnd && filled > 0 ? Status::kData : s;
    };
    for (;;) {
      if (filled == want) return finish(Status::kData);
      switch (gz_state_) {
        case GzState::kHeader: {
          Compact(FilePos());
          while (raw_.size() - raw_pos_ < 2 && ReadRaw()) {}
          const size_t avail = raw_.size() - raw_pos_;
          if (avail == 0) return finish(Status::kEnd);
          if (avail >= 2 && static_cast<unsigned char>(raw_[raw_pos_]) == 0x1f &&
              static_cast<unsigned char>(raw_[raw_pos_ + 1]) == 0x8b) {
            member_file_ = FilePos();
            member_out_ = 0;
            inflateReset(&z_);
            AddMember(produced_, member_file_);
            gz_state_ = GzState::kInflate;
            continue;
          }
          *message = "offset " + std::to_string(FilePos()) + ": not gzip data; skipped to the next gzip member";
          rescan_from_ = FilePos() + 1;
          gz_state_ = GzState::kRescan;
          from_scan_ = true;
          return finish(Status::kBreak);
        }
        case GzState::kRescan: {
          size_t i = rescan_from_ <= raw_base_
                         ? 0
                         : static_cast<size_t>(std::min<uint64_t>(rescan_from_ - raw_base_, raw_.size()));
          while (i < raw_.size()) {
            const void* hit = memchr(raw_.data() + i, 0x1f, raw_.size() - i);
            if (hit == nullptr) {
              i = raw_.size();
              break;
            }
            i = static_cast<size_t>(static_cast<const char*>(hit) - raw_.data());
            if (raw_.size() - i < 9 || HeaderAt(i)) break;  // Found, or needs more bytes to tell.
            ++i;
          }
          if (i < raw_.size() && HeaderAt(i)) {
            raw_pos_ = i;
            gz_state_ = GzState::kHeader;
            continue;
          }
          // Go on from the bytes that may begin a header.
          raw_pos_ = i;
          rescan_from_ = raw_base_ + i;
          Compact(rescan_from_);
          if (!ReadRaw()) return finish(Status::kEnd);
          continue;
        }
        case GzState::kInflate: {
          if (raw_pos_ == raw_.size()) {
            Compact(std::max<uint64_t>(member_file_, FilePos() > kRawHistory ? FilePos() - kRawHistory : 0));
            if (!ReadRaw()) {
              if (Broken("truncated at the end of the input", message)) return finish(Status::kBreak);
              continue;
            }
          }
          z_.next_in = reinterpret_cast<Bytef*>(&raw_[raw_pos_]);
          z_.avail_in = static_cast<uInt>(std::min<size_t>(raw_.size() - raw_pos_, 1u << 30));
          z_.next_out = reinterpret_cast<Bytef*>(&(*out)[old + filled]);
          z_.avail_out = static_cast<uInt>(std::min<size_t>(want - filled, 1u << 30));
          const uInt in_before = z_.avail_in;
          const uInt out_before = z_.avail_out;
          const int ret = inflate(&z_, Z_NO_FLUSH);
          const size_t consumed = in_before - z_.avail_in;
          const size_t got = out_before - z_.avail_out;
          raw_pos_ += consumed;
          filled += got;
          produced_ += got;
          member_out_ += got;
          if (ret == Z_STREAM_END) {
            gz_state_ = GzState::kHeader;
            from_scan_ = false;
            continue;
          }
          if (ret == Z_OK || (ret == Z_BUF_ERROR && (consumed + got > 0 || raw_pos_ == raw_.size()))) continue;
          const std::string what =
              std::string("corrupt data") + (z_.msg ? std::string(" (") + z_.msg + ")" : "");
          if (Broken(what, message)) return finish(Status::kBreak);
          continue;
        }
      }
    }
  }

  std::istream& in_;
  bool started_ = false;
  bool gzip_ = false;
  bool in_eof_ = false;
  // Raw input: raw_[raw_pos_] is the next byte to use; raw_[0] is at file
  // offset raw_base_.
  std::string raw_;
  size_t raw_pos_ = 0;
  uint64_t raw_base_ = 0;
  // gzip state.
  z_stream z_{};
  bool z_ready_ = false;
  GzState gz_state_ = GzState::kHeader;
  uint64_t member_file_ = 0;  // File offset of the member being inflated.
  uint64_t member_out_ = 0;   // Bytes it gave so far.
  bool from_scan_ = false;    // It was found by a rescan.
  uint64_t rescan_from_ = 0;  // File offset the rescan starts at.
  uint64_t produced_ = 0;     // Stream bytes handed out so far.
  // Member starts: (stream offset, file offset), ascending.
  std::deque<std::pair<uint64_t, uint64_t>> members_;
};

}  // namespace

// ---------------------------------------------------------------------------
// The record framer.

class WarcReader::Impl {
 public:
  Impl(std::istream& in, WarcLimits limits) : limits_(limits), src_(in) {}

  Result Next(WarcRecord* rec, std::string* error);

 private:
  enum class Line { kLine, kTooLong, kEnd, kBreak };

  uint64_t Abs(size_t idx) const { return base_ + idx; }
  size_t Rel(uint64_t abs) const { return abs <= base_ ? 0 : static_cast<size_t>(abs - base_); }

  // Reads at least one more byte into buf_, unless the source ended or broke.
  void ReadMore(size_t want) {
    // Keep one byte before pos_: the scan for a line start looks at it.
    const size_t keep = pos_ > 0 ? pos_ - 1 : 0;
    if (keep > 0 && keep >= buf_.size() / 2) {
      buf_.erase(0, keep);
      pos_ -= keep;
      base_ += keep;
      if (buf_.capacity() > (16u << 20) && buf_.size() < buf_.capacity() / 4) buf_.shrink_to_fit();
    }
    want = std::min(std::max(want, kReadChunk), kMaxRead);
    switch (src_.Read(&buf_, want, &break_message_)) {
      case Source::Status::kData: break;
      case Source::Status::kEnd: end_ = true; break;
      case Source::Status::kBreak: broken_ = true; break;
    }
  }

  // True when n bytes from pos_ are in buf_.
  bool Have(size_t n) {
    while (buf_.size() - pos_ < n) {
      if (end_ || broken_) return false;
      ReadMore(n - (buf_.size() - pos_));
    }
    return true;
  }

  Line ReadLine(std::string* line);
  bool ScanToWarcLine();
  bool BlockEndsRecord(size_t n);
  std::string Where(uint64_t start) const;
  Result Fail(std::string* error, uint64_t start, const std::string& what, uint64_t resync_from);
  Result TakeBreak(std::string* error, const std::string& prefix);

  const WarcLimits limits_;
  Source src_;
  std::string buf_;  // Stream bytes; buf_[0] is at stream offset base_.
  size_t pos_ = 0;   // Next byte to look at.
  uint64_t base_ = 0;
  bool end_ = false;     // The source has no more bytes.
  bool broken_ = false;  // The source reported a break after the bytes in buf_.
  std::string break_message_;
  bool resync_ = false;  // Scan for a WARC/1. line before the next record.
};

// One header line, without its line end. pos_ moves past it only on kLine.
WarcReader::Impl::Line WarcReader::Impl::ReadLine(std::string* line) {
  size_t scanned = 0;
  for (;;) {
    const size_t avail = buf_.size() - pos_;
    const char* b = buf_.data() + pos_;
    const void* nl = memchr(b + scanned, '\n', avail - scanned);
    if (nl != nullptr) {
      const size_t len = static_cast<size_t>(static_cast<const char*>(nl) - b);
      size_t content = len;
      if (content > 0 && b[content - 1] == '\r') --content;
      if (content > limits_.max_header_line) return Line::kTooLong;
      line->assign(b, content);
      pos_ += len + 1;
      return Line::kLine;
    }
    scanned = avail;
    if (avail > limits_.max_header_line && avail - limits_.max_header_line > 1) return Line::kTooLong;  // Room for a \r.
    if (broken_) return Line::kBreak;
    if (end_) return Line::kEnd;
    ReadMore(kReadChunk);
  }
}

// Moves pos_ to the next `WARC/1.` at a line start (or to the end of the
// input). False when the source broke first.
bool WarcReader::Impl::ScanToWarcLine() {
  for (;;) {
    src_.Forget(Abs(pos_));
    for (size_t i = buf_.find(kWarcMagic.data(), pos_, kWarcMagic.size()); i != std::string::npos;
         i = buf_.find(kWarcMagic.data(), i + 1, kWarcMagic.size())) {
      if (src_.IsMemberStart(Abs(i)) || (i > 0 && buf_[i - 1] == '\n')) {
        pos_ = i;
        return true;
      }
    }
    // Keep a tail that may be the start of the magic.
    if (buf_.size() >= kWarcMagic.size()) pos_ = std::max(pos_, buf_.size() - (kWarcMagic.size() - 1));
    if (broken_) return false;
    if (end_) {
      pos_ = buf_.size();
      return true;
    }
    ReadMore(kReadChunk);
  }
}

// The block of n bytes at pos_ is followed by the end of the record: its
// "\r\n\r\n" (or "\n\n"), or line ends and the next `WARC/` line, or the end
// of the input or of a gzip member. Anything else means Content-Length is
// wrong.
bool WarcReader::Impl::BlockEndsRecord(size_t n) {
  size_t k = 0;
  int newlines = 0;
  for (;;) {
    if (!Have(n + k + 1)) return true;
    if (src_.IsMemberStart(Abs(pos_ + n + k))) return true;
    const char c = buf_[pos_ + n + k];
    if (c == '\n') {
      if (++newlines == 2) return true;
    } else if (c != '\r') {
      break;
    }
    if (++k >= kTrailerLookahead) return true;
  }
  return Have(n + k + 5) && buf_.compare(pos_ + n + k, 5, "WARC/") == 0;
}

std::string WarcReader::Impl::Where(uint64_t start) const {
  if (!src_.gzip()) return "record at offset " + std::to_string(start);
  const auto member = src_.MemberOf(start);
  std::string s = "record at offset " + std::to_string(member.second);
  if (start != member.first)
    s += ", " + std::to_string(start - member.first) + " bytes into the gzip member's data";
  return s;
}

// A framing error: report it, and resynchronise from `resync_from` (at
// least one byte past the record's start) on the next call.
WarcReader::Result WarcReader::Impl::Fail(std::string* error, uint64_t start, const std::string& what,
                                          uint64_t resync_from) {
  *error = Where(start) + ": " + what;
  pos_ = std::min(Rel(std::max(resync_from, start + 1)), buf_.size());
  resync_ = true;
  return Result::kError;
}

// A broken gzip member: report it and go on with what follows the break.
WarcReader::Result WarcReader::Impl::TakeBreak(std::string* error, const std::string& prefix) {
  *error = prefix.empty() ? break_message_ : prefix + ": " + break_message_;
  base_ += buf_.size();
  buf_.clear();
  pos_ = 0;
  broken_ = false;
  resync_ = false;
  return Result::kError;
}

WarcReader::Result WarcReader::Impl::Next(WarcRecord* rec, std::string* error) {
  *rec = WarcRecord();
  error->clear();
  if (resync_) {
    resync_ = false;
    if (!ScanToWarcLine()) return TakeBreak(error, "");
  }
  // The blank lines between records.
  for (;;) {
    if (!Have(1)) {
      if (broken_) return TakeBreak(error, "");
      return Result::kEnd;
    }
    // The same whitespace that Trim takes off the version line, so that
    // the record starts at its "WARC/".
    if (!IsSpace(buf_[pos_])) break;
    ++pos_;
  }
  const uint64_t start = Abs(pos_);
  src_.Forget(start);

  // The version line.
  std::string line;
  Line got = ReadLine(&line);
  if (got == Line::kBreak) return TakeBreak(error, Where(start));
  if (got != Line::kLine || !IsVersionLine(Trim(line))) {
    std::string_view seen = got == Line::kLine ? std::string_view(line)
                                               : std::string_view(buf_).substr(pos_, kSnippet + 1);
    return Fail(error, start, "expected a WARC/1.x line, found '" + Snippet(seen) + "'", start + 1);
  }
  WarcHeader header;
  std::string version(Trim(line));

  // The header lines, up to the blank line.
  size_t header_bytes = line.size();
  std::string* last = nullptr;  // The value a continuation line extends.
  for (;;) {
    const uint64_t line_start = Abs(pos_);
    got = ReadLine(&line);
    if (got == Line::kBreak) return TakeBreak(error, Where(start));
    if (got == Line::kTooLong)
      return Fail(error, start, "header line longer than " + std::to_string(limits_.max_header_line) + " bytes",
                  line_start);
    if (got == Line::kEnd) return Fail(error, start, "record header cut short by the end of the input", line_start);
    header_bytes += line.size() + 1;
    if (header_bytes > limits_.max_record_bytes)
      return Fail(error, start, "record header over " + std::to_string(limits_.max_record_bytes) + " bytes",
                  line_start);
    if (line.empty()) break;
    if (line[0] == ' ' || line[0] == '\t') {
      if (last != nullptr) *last += " " + std::string(Trim(line));
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) {
      if (line.compare(0, 5, "WARC/") == 0)
        return Fail(error, start, "record header cut short by a new WARC/ line", line_start);
      last = nullptr;  // A stray line: ignored.
      continue;
    }
    last = header.Slot(Trim(std::string_view(line).substr(0, colon)));
    if (last != nullptr) *last = std::string(Trim(std::string_view(line).substr(colon + 1)));
  }

  // The block.
  const uint64_t block_start = Abs(pos_);
  if (!header.seen[WarcHeader::kContentLength])
    return Fail(error, start, "no Content-Length header", block_start);
  uint64_t length = 0;
  if (!ParseLength(header.value[WarcHeader::kContentLength], &length))
    return Fail(error, start, "invalid Content-Length '" + Snippet(header.value[WarcHeader::kContentLength]) + "'",
                block_start);
  if (length > limits_.max_record_bytes)
    return Fail(error, start,
                "Content-Length " + std::to_string(length) + " over the limit of " +
                    std::to_string(limits_.max_record_bytes) + " bytes",
                block_start);
  const size_t n = static_cast<size_t>(length);
  if (!Have(n)) {
    if (broken_) return TakeBreak(error, Where(start));
    return Fail(error, start,
                "Content-Length " + std::to_string(n) + " larger than the " + std::to_string(buf_.size() - pos_) +
                    " bytes left",
                block_start);
  }
  if (!BlockEndsRecord(n))
    return Fail(error, start,
                "Content-Length " + std::to_string(n) + " does not end the record (no blank line after the block)",
                block_start);
  std::string block = buf_.substr(pos_, n);
  pos_ += n;

  rec->version = std::move(version);
  if (src_.gzip()) {
    const auto member = src_.MemberOf(start);
    rec->offset = member.second;
    rec->offset_in_member = start - member.first;
  } else {
    rec->offset = start;
  }
  std::string what;
  if (!BuildPayload(&header, std::move(block), limits_, rec, &what)) {
    *rec = WarcRecord();
    *error = Where(start) + ": " + what;
    return Result::kError;
  }
  return Result::kRecord;
}

// ---------------------------------------------------------------------------

WarcReader::WarcReader(std::istream& in, WarcLimits limits) : impl_(std::make_unique<Impl>(in, limits)) {}
WarcReader::~WarcReader() = default;
WarcReader::WarcReader(WarcReader&&) noexcept = default;
WarcReader& WarcReader::operator=(WarcReader&&) noexcept = default;

WarcReader::Result WarcReader::Next(WarcRecord* rec, std::string* error) {
  if (impl_ == nullptr) return Result::kEnd;  // Moved from.
  WarcRecord scratch_rec;
  std::string scratch_error;
  return impl_->Next(rec != nullptr ? rec : &scratch_rec, error != nullptr ? error : &scratch_error);
}

}  // namespace pith::input
