#include "cli/inputs.h"
#include "util/ascii.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace pith::cli {
namespace fs = std::filesystem;
namespace {

using util::AsciiLower;

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsInputName(const fs::path& p) {
  std::string name = AsciiLower(p.filename().string());
  for (const char* ext : {".html", ".htm", ".warc", ".warc.gz", ".jsonl"})
    if (EndsWith(name, ext)) return true;
  return false;
}

// The path without its extension: "a/b.html" -> "a/b", "x.warc.gz" -> "x".
std::string Stem(const fs::path& rel) {
  std::string s = rel.generic_string();
  std::string lower = AsciiLower(s);
  for (const char* ext : {".warc.gz", ".warc", ".jsonl", ".html", ".htm", ".gz", ".json"})
    if (EndsWith(lower, ext)) return s.substr(0, s.size() - std::string(ext).size());
  size_t slash = s.rfind('/'), dot = s.rfind('.');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) return s.substr(0, dot);
  return s;
}

}  // namespace

void ExpandInputs(const std::vector<std::string>& args, std::vector<Input>* inputs,
                  std::vector<InputError>* errors) {
  for (const std::string& arg : args) {
    if (arg == "-") {
      inputs->push_back({"-", "<stdin>", "stdin"});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      errors->push_back({arg, "no such file or folder"});
      continue;
    }
    if (!fs::is_directory(st)) {
      inputs->push_back({arg, arg, Stem(fs::path(arg).filename())});
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec),
        end;
    if (ec) {
      errors->push_back({arg, "cannot read folder: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      std::error_code fec;
      if (IsInputName(it->path()) && !it->is_directory(fec)) found.push_back(it->path());
    }
    if (ec) errors->push_back({arg, "cannot read folder: " + ec.message()});
    if (found.empty()) {
      if (!ec) errors->push_back({arg, "folder holds no .html, .htm, .warc, .warc.gz or .jsonl file"});
      continue;
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& p : found) {
      fs::path rel = p.lexically_relative(arg);
      inputs->push_back({p.string(), p.string(), Stem(rel)});
    }
  }
}

}  // namespace pith::cli
