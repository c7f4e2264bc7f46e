// render/wet: WARC conversion records as Common Crawl's WET files hold them.
//
// A WET stream is a `warcinfo` record followed by one `conversion` record per
// document: WARC-Target-URI, WARC-Date, a WARC-Record-ID of its own,
// WARC-Refers-To naming the source record, WARC-Block-Digest as "sha1:" in
// base32, Content-Type text/plain, WARC-Identified-Content-Language when the
// language is known, and the cleaned text as the block. Record ids are
// name-based UUIDs (version 5 style, SHA-1 of a seed), so the same input
// gives the same ids whatever the thread count. Each record may be written
// as one gzip member, as Common Crawl does.
#ifndef PITH_RENDER_WET_H_
#define PITH_RENDER_WET_H_

#include <string>
#include <string_view>

#include "pith/document.h"

namespace pith::render {

// "sha1:" + base32 (RFC 4648, upper case, no padding needed for 20 bytes).
std::string Sha1Base32(std::string_view data);

// A name-based UUID URN for `seed`: "<urn:uuid:xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx>".
std::string RecordId(std::string_view seed);

// The current time as a WARC-Date (UTC, seconds).
std::string WarcDateNow();

// The warcinfo record that opens a WET file named `filename`.
std::string WarcinfoRecord(const std::string& filename, const std::string& date);

struct ConversionInfo {
  std::string target_uri;   // The document's URL.
  std::string date;         // The source record's WARC-Date, else now.
  std::string refers_to;    // The source WARC-Record-ID ("" for non-WARC input).
  std::string seed;         // Unique per document, for the record id.
};

// One conversion record holding RenderText(doc, true).
std::string ConversionRecord(const Document& doc, const ConversionInfo& info);

// `data` as one gzip member.
std::string GzipMember(std::string_view data);

}  // namespace pith::render

#endif  // PITH_RENDER_WET_H_
