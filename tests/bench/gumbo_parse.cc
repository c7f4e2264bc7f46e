// gumbo_parse: the bare-Gumbo baseline for tests/bench/throughput.
//
//   gumbo_parse [--repeat N] [--no-time] FILE|DIR...
//
// Reads every file given (folders recursively: every *.html below them, in
// sorted order) into memory, then parses each one with
// gumbo_parse_with_options(&kGumboDefaultOptions, ...) followed by
// gumbo_destroy_output, N times over the whole set (--repeat, default 1).
// Only the parse loop is timed (std::chrono::steady_clock); reading the
// files is not. It prints one line on stdout:
//
//   gumbo_parse docs=<n> bytes=<b> seconds=<s> docs_per_s=<x> mb_per_s=<y>
//
// where docs and bytes count every parse (files x repeat, bytes x repeat) and
// MB is 10^6 bytes. Gumbo expects UTF-8; pages in other charsets are parsed
// as they are, bytes unchanged: this is the bare parse of the raw pages.
//
// --no-time (for callgrind) parses the same way without reading the clock
// and prints `gumbo_parse docs=<n> bytes=<b>`.
//
// Exit status: 0 on success, 1 when a file cannot be read or nothing was
// found, 2 on a usage error.
#include <gumbo.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

namespace {

int Usage(const char* msg) {
  if (msg) std::fprintf(stderr, "gumbo_parse: %s\n", msg);
  std::fprintf(stderr, "usage: gumbo_parse [--repeat N] [--no-time] FILE|DIR...\n");
  return 2;
}

bool IsHtml(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return ext == ".html";
}

// Appends the files named by arg (a file, or every *.html below a folder,
// sorted) to out. Returns false with a message when arg cannot be read.
bool Expand(const std::string& arg, std::vector<fs::path>* out) {
  std::error_code ec;
  if (!fs::is_directory(arg, ec)) {
    if (!fs::exists(arg, ec)) {
      std::fprintf(stderr, "gumbo_parse: %s: no such file or folder\n", arg.c_str());
      return false;
    }
    out->push_back(arg);
    return true;
  }
  std::vector<fs::path> found;
  fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code fec;
    if (IsHtml(it->path()) && !it->is_directory(fec)) found.push_back(it->path());
  }
  if (ec) {
    std::fprintf(stderr, "gumbo_parse: %s: cannot read folder: %s\n", arg.c_str(),
                 ec.message().c_str());
    return false;
  }
  std::sort(found.begin(), found.end());
  out->insert(out->end(), found.begin(), found.end());
  return true;
}

bool ReadFile(const fs::path& p, std::string* data) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  data->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  long repeat = 1;
  bool timed = true;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--repeat" || a.rfind("--repeat=", 0) == 0) {
      const char* v = nullptr;
      if (a == "--repeat") {
        if (i + 1 >= argc) return Usage("--repeat needs a number");
        v = argv[++i];
      } else {
        v = argv[i] + std::strlen("--repeat=");
      }
      char* endp = nullptr;
      repeat = std::strtol(v, &endp, 10);
      if (!*v || *endp || repeat < 1) return Usage("--repeat needs a number >= 1");
    } else if (a == "--no-time") {
      timed = false;
    } else if (a == "-h" || a == "--help") {
      Usage(nullptr);
      return 0;
    } else if (a == "--") {
      for (++i; i < argc; ++i) args.push_back(argv[i]);
    } else if (a.size() > 1 && a[0] == '-') {
      return Usage(("unknown option " + a).c_str());
    } else {
      args.push_back(a);
    }
  }
  if (args.empty()) return Usage("no input");

  std::vector<fs::path> files;
  for (const std::string& a : args)
    if (!Expand(a, &files)) return 1;
  if (files.empty()) {
    std::fprintf(stderr, "gumbo_parse: no .html file found\n");
    return 1;
  }

  // Read everything first: the read time is not part of the measurement.
  std::vector<std::string> pages(files.size());
  std::uint64_t bytes = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!ReadFile(files[i], &pages[i])) {
      std::fprintf(stderr, "gumbo_parse: %s: cannot read\n", files[i].string().c_str());
      return 1;
    }
    bytes += pages[i].size();
  }

  const std::uint64_t docs = std::uint64_t(pages.size()) * std::uint64_t(repeat);
  const std::uint64_t total_bytes = bytes * std::uint64_t(repeat);
  size_t roots = 0;  // keeps the parse results observably used

  auto parse_all = [&] {
    for (long r = 0; r < repeat; ++r) {
      for (const std::string& page : pages) {
        GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
        if (!out) continue;
        if (out->root) ++roots;
        gumbo_destroy_output(&kGumboDefaultOptions, out);
      }
    }
  };

  if (!timed) {
    parse_all();
    std::printf("gumbo_parse docs=%llu bytes=%llu\n", (unsigned long long)docs,
                (unsigned long long)total_bytes);
    return roots == docs ? 0 : 1;
  }

  const auto t0 = std::chrono::steady_clock::now();
  parse_all();
  const auto t1 = std::chrono::steady_clock::now();
  const double secs = std::chrono::duration<double>(t1 - t0).count();
  const double docs_per_s = secs > 0 ? double(docs) / secs : 0.0;
  const double mb_per_s = secs > 0 ? double(total_bytes) / 1e6 / secs : 0.0;
  std::printf("gumbo_parse docs=%llu bytes=%llu seconds=%.6f docs_per_s=%.2f mb_per_s=%.3f\n",
              (unsigned long long)docs, (unsigned long long)total_bytes, secs, docs_per_s,
              mb_per_s);
  return roots == docs ? 0 : 1;
}
