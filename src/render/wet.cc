#include "render/wet.h"

#include <openssl/sha.h>
#include <zlib.h>

#include <cstdio>
#include <ctime>

#include "pith/render.h"

namespace pith::render {
namespace {

std::string Sha1(std::string_view data) {
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), SHA_DIGEST_LENGTH);
}

std::string Record(const std::string& headers, const std::string& block) {
  return "WARC/1.0\r\n" + headers + "Content-Length: " + std::to_string(block.size()) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

}  // namespace

std::string Sha1Base32(std::string_view data) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string digest = Sha1(data);
  std::string out = "sha1:";
  uint64_t buffer = 0;
  int bits = 0;
  for (unsigned char c : digest) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::string RecordId(std::string_view seed) {
  std::string h = Sha1(seed);
  unsigned char b[16];
  for (int i = 0; i < 16; ++i) b[i] = static_cast<unsigned char>(h[static_cast<size_t>(i)]);
  b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x50);  // Version 5.
  b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant.
  char buf[64];
  std::snprintf(buf, sizeof buf,
                "<urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x>",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
                b[13], b[14], b[15]);
  return buf;
}

std::string WarcDateNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm;
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string WarcinfoRecord(const std::string& filename, const std::string& date) {
  std::string block =
      "software: pith/0.1.0\r\n"
      "format: WARC File Format 1.0\r\n"
      "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
      "description: Clean article text extracted by pith, one conversion record per document\r\n";
  std::string headers = "WARC-Type: warcinfo\r\nWARC-Date: " + date +
                        "\r\nWARC-Filename: " + filename + "\r\nWARC-Record-ID: " +
                        RecordId("warcinfo " + filename + " " + date) +
                        "\r\nContent-Type: application/warc-fields\r\n";
  return Record(headers, block);
}

std::string ConversionRecord(const Document& doc, const ConversionInfo& info) {
  std::string block = RenderText(doc, /*with_title=*/true);
  std::string headers = "WARC-Type: conversion\r\n";
  if (!info.target_uri.empty()) headers += "WARC-Target-URI: " + info.target_uri + "\r\n";
  headers += "WARC-Date: " + (info.date.empty() ? WarcDateNow() : info.date) + "\r\n";
  headers += "WARC-Record-ID: " + RecordId("conversion " + info.seed) + "\r\n";
  if (!info.refers_to.empty()) headers += "WARC-Refers-To: " + info.refers_to + "\r\n";
  headers += "WARC-Block-Digest: " + Sha1Base32(block) + "\r\n";
  headers += "Content-Type: text/plain\r\n";
  if (!doc.lang.empty()) headers += "WARC-Identified-Content-Language: " + doc.lang + "\r\n";
  return Record(headers, block);
}

std::string GzipMember(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    return std::string();
  std::string out;
  out.resize(deflateBound(&z, static_cast<uLong>(data.size())) + 32);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(&out[0]);
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace pith::render
