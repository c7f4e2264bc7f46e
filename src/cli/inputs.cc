#include "cli/inputs.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace pith::cli {
namespace fs = std::filesystem;
namespace {

bool IsHtmlName(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return ext == ".html" || ext == ".htm";
}

std::string TxtName(fs::path rel) {
  rel.replace_extension(".txt");
  return rel.generic_string();
}

}  // namespace

void ExpandInputs(const std::vector<std::string>& args, std::vector<Input>* inputs,
                  std::vector<InputError>* errors) {
  for (const std::string& arg : args) {
    if (arg == "-") {
      inputs->push_back({"-", "<stdin>", "stdin.txt"});
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      errors->push_back({arg, "no such file or folder"});
      continue;
    }
    if (!fs::is_directory(st)) {
      inputs->push_back({arg, arg, TxtName(fs::path(arg).filename())});
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
      if (IsHtmlName(it->path()) && !it->is_directory(fec)) found.push_back(it->path());
    }
    if (ec) errors->push_back({arg, "cannot read folder: " + ec.message()});
    if (found.empty()) {
      if (!ec) errors->push_back({arg, "folder holds no .html or .htm file"});
      continue;
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& p : found) {
      fs::path rel = p.lexically_relative(arg);
      inputs->push_back({p.string(), p.string(), TxtName(rel)});
    }
  }
}

}  // namespace pith::cli
