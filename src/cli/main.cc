// pith: the command line, a thin layer over the library.
//
//   pith [OPTIONS] [FILE|DIR|-]...
//
// Quiet by default: the cleaned text goes to stdout (or -o DIR), problems go
// to stderr as one line per input. Exit status: 0 when every input was
// cleaned, 1 when some failed (the rest are still processed), 2 on a usage
// error or a rule-file error.
#include <boost/program_options.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "cli/inputs.h"
#include "pith/clean.h"
#include "pith/render.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0, kExitSomeFailed = 1, kExitUsage = 2;

const char kUsage[] =
    "Usage: pith [OPTIONS] [FILE|DIR|-]...\n"
    "Turns scraped HTML pages into clean article text.\n"
    "Reads files, folders (recursively: *.html, *.htm) or standard input (-, or no argument).\n";

// Reads a whole input with POSIX read(2), so that every failure (EIO, a
// folder on stdin, /proc files) becomes an error message, never an exception.
bool ReadAll(const pith::cli::Input& in, size_t max_bytes, std::string* data, std::string* err) {
  int fd = 0;
  if (in.path != "-") {
    fd = ::open(in.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      *err = std::string("cannot open: ") + std::strerror(errno);
      return false;
    }
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<uintmax_t>(st.st_size) > max_bytes) {
      *err = "file is " + std::to_string(st.st_size) + " bytes, over the limit of " +
             std::to_string(max_bytes) + " (--max-bytes)";
      ::close(fd);
      return false;
    }
  }
  data->clear();
  char buf[1 << 16];
  bool ok = true;
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = std::string("cannot read: ") + std::strerror(errno);
      ok = false;
      break;
    }
    if (data->size() + static_cast<size_t>(n) > max_bytes) {
      *err = "input is over the limit of " + std::to_string(max_bytes) + " bytes (--max-bytes)";
      ok = false;
      break;
    }
    data->append(buf, static_cast<size_t>(n));
  }
  if (fd != 0) ::close(fd);
  return ok;
}

// Writes `text` to `path` atomically: a temporary file renamed into place.
bool WriteAtomic(const fs::path& path, const std::string& text, std::string* err) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    *err = "cannot create " + path.parent_path().string() + ": " + ec.message();
    return false;
  }
  fs::path tmp = path.parent_path() / ("." + path.filename().string() + ".pith-tmp");
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f || !(f << text) || !f.flush()) {
      *err = "cannot write " + tmp.string() + ": " + std::strerror(errno);
      fs::remove(tmp, ec);
      return false;
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    *err = "cannot rename to " + path.string() + ": " + ec.message();
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> inputs_arg, rule_dirs;
  std::string url, out_dir;
  long long max_depth = 512, max_bytes = 64ll << 20;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and exit")
      ("url", po::value(&url), "the page's address, used to pick site rules (default: from "
                               "<link rel=canonical>, og:url or <base href>)")
      ("rules", po::value(&rule_dirs)->composing(),
       "add a folder of rule files (repeatable); the bundled rules are always loaded")
      ("no-site-rules", "do not apply site rules")
      ("no-generic-rules", "do not apply generic rules")
      ("output,o", po::value(&out_dir), "write one .txt per input into DIR")
      ("no-title", "print the body alone, without the title line")
      ("explain", "print one line per removal to stderr: the rule and the text removed")
      ("max-depth", po::value(&max_depth)->default_value(512),
       "flatten elements nested deeper than N (their text is kept)")
      ("max-bytes", po::value(&max_bytes)->default_value(64ll << 20),
       "refuse documents larger than N bytes");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&inputs_arg));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "pith: " << e.what() << "\nTry 'pith --help'.\n";
    return kExitUsage;
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << visible << "\n"
              << "Output: the title, a blank line, then the paragraphs separated by blank lines.\n"
                 "Exit status: 0 all inputs cleaned, 1 some failed, 2 usage or rule-file error.\n";
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << "pith 0.1.0\n";
    return kExitOk;
  }
  if (max_depth < 1) {
    std::cerr << "pith: --max-depth must be at least 1\n";
    return kExitUsage;
  }
  if (max_bytes < 1) {
    std::cerr << "pith: --max-bytes must be at least 1\n";
    return kExitUsage;
  }

  // Rules: the bundled set, then each --rules folder.
  std::vector<std::string> dirs;
  std::string bundled = pith::RuleBook::BundledDir();
  if (bundled.empty()) {
    std::cerr << "pith: the bundled rules folder was not found (set PITH_RULES_DIR)\n";
    return kExitUsage;
  }
  dirs.push_back(bundled);
  dirs.insert(dirs.end(), rule_dirs.begin(), rule_dirs.end());
  std::vector<pith::RuleError> rule_errors;
  std::unique_ptr<const pith::RuleBook> book = pith::RuleBook::Load(dirs, &rule_errors);
  if (!book) {
    for (const auto& e : rule_errors) std::cerr << e.ToString() << "\n";
    return kExitUsage;
  }

  pith::Options options;
  options.url = url;
  options.site_rules = !vm.count("no-site-rules");
  options.generic_rules = !vm.count("no-generic-rules");
  options.explain = vm.count("explain") > 0;
  options.max_depth = static_cast<size_t>(max_depth);
  options.max_bytes = static_cast<size_t>(max_bytes);
  const bool with_title = !vm.count("no-title");

  if (inputs_arg.empty()) inputs_arg.push_back("-");
  std::vector<pith::cli::Input> inputs;
  std::vector<pith::cli::InputError> input_errors;
  pith::cli::ExpandInputs(inputs_arg, &inputs, &input_errors);
  size_t failed = input_errors.size();
  for (const auto& e : input_errors) std::cerr << "pith: " << e.shown << ": " << e.message << "\n";

  std::set<std::string> out_names;
  const bool headers = out_dir.empty() && inputs.size() > 1;
  bool first = true;
  for (const pith::cli::Input& in : inputs) {
    std::string data, err;
    if (!ReadAll(in, options.max_bytes, &data, &err)) {
      std::cerr << "pith: " << in.shown << ": " << err << "\n";
      ++failed;
      continue;
    }
    pith::Document doc;
    pith::Status s = pith::Clean(data, *book, options, &doc);
    if (!s.ok()) {
      std::cerr << "pith: " << in.shown << ": " << s.message() << "\n";
      ++failed;
      continue;
    }
    if (options.explain) {
      for (const pith::Removal& r : doc.removals)
        std::cerr << "explain: " << in.shown << ": " << r.rule << ": " << r.text << "\n";
    }
    std::string text = pith::RenderText(doc, with_title);
    if (out_dir.empty()) {
      if (headers) std::cout << (first ? "" : "\n") << "==> " << in.shown << " <==\n";
      std::cout << text;
      first = false;
      continue;
    }
    if (!out_names.insert(in.out_name).second) {
      std::cerr << "pith: " << in.shown << ": output " << in.out_name
                << " would overwrite the output of an earlier input\n";
      ++failed;
      continue;
    }
    if (!WriteAtomic(fs::path(out_dir) / in.out_name, text, &err)) {
      std::cerr << "pith: " << in.shown << ": " << err << "\n";
      ++failed;
    }
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "pith: cannot write to standard output\n";
    return kExitSomeFailed;
  }
  return failed ? kExitSomeFailed : kExitOk;
}
