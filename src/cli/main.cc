// pith: the command line, a thin layer over the library.
//
//   pith [OPTIONS] [FILE|DIR|-]...
//
// Quiet by default: the cleaned text goes to stdout (or -o DIR), problems go
// to stderr as one line per input. Exit status: 0 when every input was
// cleaned, 1 when some failed (the rest are still processed), 2 on a usage
// error or a rule-file error.
#include <boost/program_options.hpp>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "cli/batch.h"
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

long long DefaultThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> inputs_arg, rule_dirs;
  std::string url, out_dir, charset;
  long long max_depth = 512, max_bytes = 64ll << 20, threads = 1;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and exit")
      ("url", po::value(&url), "the page's address, used to pick site rules (default: from "
                               "<link rel=canonical>, og:url or <base href>)")
      ("charset", po::value(&charset), "the pages' charset, as an HTTP header would give it "
                                       "(default: BOM, <meta>, then detection)")
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
       "refuse documents larger than N bytes")
      ("jobs,j", po::value(&threads)->default_value(DefaultThreads()),
       "clean N documents at a time (default: the number of cores); output order "
       "is the input order whatever N is")
      ("no-prune", "parse script, style, svg and comment contents instead of cutting them "
                   "before parsing (slower; the text is the same)")
      ("progress", "show a progress line on stderr (default: only when stderr is a terminal)")
      ("no-progress", "never show the progress line");
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
  if (threads < 1 || threads > 1024) {
    std::cerr << "pith: --jobs must be between 1 and 1024\n";
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
  options.charset = charset;
  options.site_rules = !vm.count("no-site-rules");
  options.generic_rules = !vm.count("no-generic-rules");
  options.explain = vm.count("explain") > 0;
  options.prune = !vm.count("no-prune");
  options.max_depth = static_cast<size_t>(max_depth);
  options.max_bytes = static_cast<size_t>(max_bytes);
  const bool with_title = !vm.count("no-title");

  if (inputs_arg.empty()) inputs_arg.push_back("-");
  std::vector<pith::cli::Input> inputs;
  std::vector<pith::cli::InputError> input_errors;
  pith::cli::ExpandInputs(inputs_arg, &inputs, &input_errors);
  size_t failed = input_errors.size();
  for (const auto& e : input_errors) std::cerr << "pith: " << e.shown << ": " << e.message << "\n";

  // Output names that would collide are refused before any work starts.
  std::vector<std::string> collision(inputs.size());
  if (!out_dir.empty()) {
    std::set<std::string> out_names;
    for (size_t i = 0; i < inputs.size(); ++i)
      if (!out_names.insert(inputs[i].out_name).second)
        collision[i] = "output " + inputs[i].out_name +
                       " would overwrite the output of an earlier input";
  }

  const bool headers = out_dir.empty() && inputs.size() > 1;
  bool first = true;
  auto work = [&](size_t i) {
    pith::cli::DocResult r;
    const pith::cli::Input& in = inputs[i];
    if (!collision[i].empty()) {
      r.ok = false;
      r.error = collision[i];
      return r;
    }
    std::string data;
    if (!pith::cli::ReadAll(in.path, options.max_bytes, &data, &r.error)) {
      r.ok = false;
      return r;
    }
    r.bytes = data.size();
    pith::Document doc;
    pith::Status s = pith::Clean(data, *book, options, &doc);
    if (!s.ok()) {
      r.ok = false;
      r.error = s.message();
      return r;
    }
    for (const pith::Removal& rm : doc.removals) r.explain.push_back(rm.rule + ": " + rm.text);
    r.text = pith::RenderText(doc, with_title);
    if (!out_dir.empty()) {
      if (!pith::cli::WriteAtomic((fs::path(out_dir) / in.out_name).string(), r.text, &r.error))
        r.ok = false;
      r.text.clear();
    }
    return r;
  };
  auto emit = [&](size_t i, pith::cli::DocResult& r) {
    const pith::cli::Input& in = inputs[i];
    for (const std::string& line : r.explain)
      std::cerr << "explain: " << in.shown << ": " << line << "\n";
    if (!r.ok) {
      std::cerr << "pith: " << in.shown << ": " << r.error << "\n";
      ++failed;
      return;
    }
    if (out_dir.empty()) {
      if (headers) std::cout << (first ? "" : "\n") << "==> " << in.shown << " <==\n";
      std::cout << r.text;
      first = false;
    }
  };
  pith::cli::BatchOptions batch;
  batch.threads = static_cast<size_t>(threads);
  batch.progress = vm.count("progress") ? true
                   : vm.count("no-progress") ? false
                                             : ::isatty(STDERR_FILENO) && inputs.size() > 1;
  pith::cli::RunBatch(inputs.size(), batch, work, emit);
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "pith: cannot write to standard output\n";
    return kExitSomeFailed;
  }
  return failed ? kExitSomeFailed : kExitOk;
}
