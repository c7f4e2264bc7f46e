// pith: the command line, a thin layer over the library.
//
//   pith [OPTIONS] [FILE|DIR|-]...
//
// Quiet by default: the cleaned documents go to stdout (or -o DIR), problems
// go to stderr as one line per document. Exit status: 0 when every input was
// cleaned, 1 when some failed (the rest are still processed), 2 on a usage
// error or a rule-file error, 130 when interrupted by SIGINT or SIGTERM.
#include <boost/program_options.hpp>

#include <unistd.h>

#include <csignal>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/batch.h"
#include "cli/inputs.h"
#include "cli/sources.h"
#include "pith/clean.h"
#include "pith/render.h"
#include "render/wet.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0, kExitSomeFailed = 1, kExitUsage = 2, kExitInterrupted = 130;

const char kUsage[] =
    "Usage: pith [OPTIONS] [FILE|DIR|-]...\n"
    "Turns scraped HTML pages into clean article text.\n"
    "Reads HTML files, WARC files (.warc, .warc.gz), JSONL files (one {\"url\", \"html\"} object\n"
    "per line), folders of them (recursively) or standard input (-, or no argument); the\n"
    "kind is read from the content.\n";

// Set by SIGINT/SIGTERM: the batch stops taking documents, finishes those in
// flight, and reports.
volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

long long DefaultThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n ? n : 1;
}

enum class Format { kText, kMarkdown, kJson, kHtml, kWet };

bool ParseFormat(const std::string& s, Format* f) {
  if (s == "text" || s == "txt") *f = Format::kText;
  else if (s == "markdown" || s == "md") *f = Format::kMarkdown;
  else if (s == "json" || s == "jsonl") *f = Format::kJson;
  else if (s == "html") *f = Format::kHtml;
  else if (s == "wet") *f = Format::kWet;
  else return false;
  return true;
}

// Counts for the closing summary: every record read is exactly one of
// skipped (non-HTML), failed, or cleaned (empty or not).
struct Counts {
  size_t records = 0, html = 0, cleaned = 0, empty = 0, skipped = 0, failed = 0;
};

// An output file under -o, written in order and renamed into place when
// complete (atomic: a partial file never carries the final name).
class OutFile {
 public:
  bool Open(const fs::path& path, std::string* err) {
    path_ = path;
    tmp_ = path.parent_path() / ("." + path.filename().string() + ".pith-tmp");
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    f_ = std::fopen(tmp_.c_str(), "wb");
    if (!f_) {
      *err = "cannot write " + tmp_.string() + ": " + std::strerror(errno);
      return false;
    }
    return true;
  }
  bool Write(const std::string& data) {
    return f_ && std::fwrite(data.data(), 1, data.size(), f_) == data.size();
  }
  // Renames into place; on failure (or when `keep` is false) removes it.
  bool Close(bool keep, std::string* err) {
    if (!f_) return false;
    bool ok = std::fclose(f_) == 0;
    f_ = nullptr;
    std::error_code ec;
    if (ok && keep) {
      fs::rename(tmp_, path_, ec);
      if (!ec) return true;
      *err = "cannot rename to " + path_.string() + ": " + ec.message();
    } else if (!ok) {
      *err = "cannot write " + tmp_.string();
    }
    fs::remove(tmp_, ec);
    return false;
  }
  bool open() const { return f_ != nullptr; }
  ~OutFile() {
    std::string ignored;
    if (f_) Close(false, &ignored);
  }

 private:
  fs::path path_, tmp_;
  std::FILE* f_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> inputs_arg, rule_dirs;
  std::string url, out_dir, charset, format_name = "text";
  long long max_depth = 512, max_bytes = 16ll << 20, threads = 1, max_attributes = 512;
  po::options_description visible("Options");
  visible.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and exit")
      ("url", po::value(&url), "the page's address, used to pick site rules (default: from "
                               "the WARC/JSONL record, <link rel=canonical>, og:url or <base href>)")
      ("charset", po::value(&charset), "the pages' charset, as an HTTP header would give it "
                                       "(default: BOM, <meta>, then detection)")
      ("rules", po::value(&rule_dirs)->composing(),
       "add a folder of rule files (repeatable); the bundled rules are always loaded")
      ("no-site-rules", "do not apply site rules")
      ("no-generic-rules", "do not apply generic rules")
      ("format,f", po::value(&format_name)->default_value("text"),
       "output format: text, markdown, json (one object per line), html, wet (WARC conversion "
       "records)")
      ("gzip", "with --format wet: compress each record as its own gzip member")
      ("links", "with --format markdown: write links as [text](url)")
      ("output,o", po::value(&out_dir), "write into DIR: one file per HTML input, one per WARC "
                                        "or JSONL input")
      ("resume", "with -o: skip inputs whose output file already exists")
      ("no-title", "print the body alone, without the title line")
      ("explain", "print one line per removal to stderr: the rule and the text removed")
      ("summary", "print the closing counts on stderr even for plain HTML inputs")
      ("max-depth", po::value(&max_depth)->default_value(512),
       "flatten elements nested deeper than N (their text is kept)")
      ("max-attributes", po::value(&max_attributes)->default_value(512),
       "keep at most N attributes per tag (the rest are dropped before parsing)")
      ("max-bytes", po::value(&max_bytes)->default_value(16ll << 20),
       "refuse documents (and WARC records, JSONL lines, decompressed payloads) larger than N "
       "bytes")
      ("jobs,j", po::value(&threads)->default_value(DefaultThreads()),
       "clean N documents at a time (default: the number of cores); the output is in input "
       "order whatever N is")
      ("no-prune", "parse everything: script, style, svg and comment contents, unread "
                   "attributes and elements, and all text, instead of cutting or stashing "
                   "them before parsing (slower; the text is the same)")
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
              << "Text output: the title, a blank line, then the paragraphs separated by blank "
                 "lines.\n"
                 "Exit status: 0 all inputs cleaned, 1 some failed, 2 usage or rule-file error, "
                 "130 interrupted.\n";
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << "pith 0.1.0\n";
    return kExitOk;
  }
  Format format;
  if (!ParseFormat(format_name, &format)) {
    std::cerr << "pith: unknown --format '" << format_name
              << "' (text, markdown, json, html or wet)\n";
    return kExitUsage;
  }
  if (max_depth < 1) {
    std::cerr << "pith: --max-depth must be at least 1\n";
    return kExitUsage;
  }
  if (threads < 1 || threads > 1024) {
    std::cerr << "pith: --jobs must be between 1 and 1024\n";
    return kExitUsage;
  }
  if (max_attributes < 1) {
    std::cerr << "pith: --max-attributes must be at least 1\n";
    return kExitUsage;
  }
  if (max_bytes < 1) {
    std::cerr << "pith: --max-bytes must be at least 1\n";
    return kExitUsage;
  }
  if (vm.count("resume") && out_dir.empty()) {
    std::cerr << "pith: --resume needs -o DIR\n";
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
  options.links = vm.count("links") > 0 && format == Format::kMarkdown;
  options.max_depth = static_cast<size_t>(max_depth);
  options.max_bytes = static_cast<size_t>(max_bytes);
  options.max_attributes = static_cast<size_t>(max_attributes);
  const bool with_title = !vm.count("no-title");
  const bool gzip = vm.count("gzip") > 0;

  if (inputs_arg.empty()) inputs_arg.push_back("-");
  std::vector<pith::cli::Input> inputs;
  std::vector<pith::cli::InputError> input_errors;
  pith::cli::ExpandInputs(inputs_arg, &inputs, &input_errors);
  Counts counts;
  counts.failed += input_errors.size();
  for (const auto& e : input_errors) std::cerr << "pith: " << e.shown << ": " << e.message << "\n";

  // Output files under -o: per HTML input `<stem><ext>`; per WARC or JSONL
  // input one stream file. Names that collide, and (with --resume) inputs
  // whose output exists, are settled before any work starts.
  auto ext_for = [&](bool stream) -> std::string {
    switch (format) {
      case Format::kText: return ".txt";
      case Format::kMarkdown: return ".md";
      case Format::kHtml: return ".html";
      case Format::kJson: return stream ? ".jsonl" : ".json";
      case Format::kWet: return gzip ? ".warc.wet.gz" : ".warc.wet";
    }
    return ".txt";
  };
  std::vector<std::string> skip_reason(inputs.size());
  std::vector<bool> resumed(inputs.size(), false);
  if (!out_dir.empty()) {
    std::set<std::string> stems;
    for (size_t i = 0; i < inputs.size(); ++i) {
      if (!stems.insert(inputs[i].out_stem).second)
        skip_reason[i] = "output " + inputs[i].out_stem +
                         " would overwrite the output of an earlier input";
      if (vm.count("resume")) {
        std::error_code ec;
        for (bool stream : {false, true})
          if (fs::exists(fs::path(out_dir) / (inputs[i].out_stem + ext_for(stream)), ec))
            resumed[i] = true;
      }
    }
  }
  std::vector<pith::cli::Input> todo;
  std::vector<std::string> todo_skip;
  size_t resumed_count = 0;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (resumed[i]) {
      ++resumed_count;
      continue;
    }
    todo.push_back(inputs[i]);
    todo_skip.push_back(skip_reason[i]);
  }

  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);

  pith::cli::Sources sources(todo, options.max_bytes);
  bool containers = false;  // Any WARC or JSONL input seen.
  auto next = [&](pith::cli::Job* job) {
    if (!sources.Next(job)) return false;
    if (job->error.empty() && !todo_skip[job->stream].empty()) job->error = todo_skip[job->stream];
    if (sources.kind(job->stream) != pith::cli::InputKind::kHtml) containers = true;
    return true;
  };

  auto work = [&](pith::cli::Job& job) {
    pith::cli::DocResult r;
    r.bytes = job.bytes.size();
    if (job.skip) return r;
    pith::JsonExtras extras;
    extras.warc_record_id = job.warc_record_id;
    extras.id = job.id;
    if (job.error.empty()) {
      pith::Options o = options;
      if (o.url.empty()) o.url = job.url;
      if (o.charset.empty()) o.charset = job.charset;
      pith::Document doc;
      pith::Status s = pith::Clean(job.bytes, *book, o, &doc);
      job.bytes.clear();
      job.bytes.shrink_to_fit();
      if (!s.ok()) {
        job.error = s.message();
      } else {
        for (const pith::Removal& rm : doc.removals) r.explain.push_back(rm.rule + ": " + rm.text);
        r.empty = doc.blocks.empty();
        switch (format) {
          case Format::kText: r.output = pith::RenderText(doc, with_title); break;
          case Format::kMarkdown: r.output = pith::RenderMarkdown(doc, with_title); break;
          case Format::kHtml: r.output = pith::RenderHtml(doc, with_title); break;
          case Format::kJson: r.output = pith::RenderJson(doc, extras) + "\n"; break;
          case Format::kWet: {
            pith::render::ConversionInfo info;
            info.target_uri = doc.url;
            info.date = job.warc_date;
            info.refers_to = job.warc_record_id;
            info.seed = job.warc_record_id.empty() ? job.shown : job.warc_record_id;
            r.output = pith::render::ConversionRecord(doc, info);
            if (gzip) r.output = pith::render::GzipMember(r.output);
            break;
          }
        }
        return r;
      }
    }
    r.ok = false;
    r.error = job.error;
    if (format == Format::kJson) {
      pith::Document failed;
      failed.url = options.url.empty() ? job.url : options.url;
      extras.error = job.error;
      r.output = pith::RenderJson(failed, extras) + "\n";
    }
    return r;
  };

  // Emission, in input order, on this thread.
  const bool to_stdout = out_dir.empty();
  bool first_doc = true, wet_header = false;
  size_t open_stream = static_cast<size_t>(-1);
  bool open_stream_ok = true;
  size_t stream_docs = 0;  // Documents written to the open stream file.
  OutFile stream_file;
  std::string err;
  auto close_stream = [&] {
    if (stream_file.open() && !stream_file.Close(open_stream_ok, &err)) {
      std::cerr << "pith: " << todo[open_stream].shown << ": " << err << "\n";
      ++counts.failed;
    }
    open_stream = static_cast<size_t>(-1);
  };
  auto emit = [&](pith::cli::Job& job, pith::cli::DocResult& r) {
    ++counts.records;
    for (const std::string& line : r.explain)
      std::cerr << "explain: " << job.shown << ": " << line << "\n";
    if (job.skip) {
      ++counts.skipped;
      return;
    }
    if (r.ok) {
      ++counts.html;
      if (r.empty) ++counts.empty;
      else ++counts.cleaned;
    } else {
      ++counts.failed;
      std::cerr << "pith: " << job.shown << ": " << r.error << "\n";
    }
    const bool stream_kind = sources.kind(job.stream) != pith::cli::InputKind::kHtml;
    if (to_stdout) {
      if (r.output.empty()) return;
      if (format == Format::kWet && !wet_header) {
        std::string info = pith::render::WarcinfoRecord("-", pith::render::WarcDateNow());
        std::cout << (gzip ? pith::render::GzipMember(info) : info);
        wet_header = true;
      }
      bool headers = (format == Format::kText || format == Format::kMarkdown ||
                      format == Format::kHtml) &&
                     (todo.size() > 1 || containers);
      if (headers) std::cout << (first_doc ? "" : "\n") << "==> " << job.shown << " <==\n";
      std::cout << r.output;
      first_doc = false;
      return;
    }
    // -o DIR.
    const pith::cli::Input& in = todo[job.stream];
    if (!stream_kind) {
      if (!r.ok && r.output.empty()) return;
      OutFile f;
      fs::path path = fs::path(out_dir) / (in.out_stem + ext_for(false));
      bool ok = f.Open(path, &err);
      if (ok && format == Format::kWet) {
        std::string info = pith::render::WarcinfoRecord(path.filename().string(),
                                                        pith::render::WarcDateNow());
        ok = f.Write(gzip ? pith::render::GzipMember(info) : info);
      }
      if (ok) ok = f.Write(r.output);
      if (!f.Close(ok, &err) || !ok) {
        std::cerr << "pith: " << job.shown << ": " << err << "\n";
        if (r.ok) {  // Counted as cleaned above; the write failed after all.
          ++counts.failed;
          --(r.empty ? counts.empty : counts.cleaned);
        }
      }
      return;
    }
    if (open_stream != job.stream) {
      close_stream();
      open_stream = job.stream;
      stream_docs = 0;
      fs::path path = fs::path(out_dir) / (in.out_stem + ext_for(true));
      open_stream_ok = stream_file.Open(path, &err);
      if (!open_stream_ok) std::cerr << "pith: " << in.shown << ": " << err << "\n";
      if (open_stream_ok && format == Format::kWet) {
        std::string info = pith::render::WarcinfoRecord(path.filename().string(),
                                                        pith::render::WarcDateNow());
        open_stream_ok = stream_file.Write(gzip ? pith::render::GzipMember(info) : info);
      }
    }
    if (r.output.empty()) return;
    if (format == Format::kText || format == Format::kMarkdown || format == Format::kHtml) {
      std::string head = std::string(stream_docs == 0 ? "" : "\n") + "==> " + job.shown + " <==\n";
      open_stream_ok = open_stream_ok && stream_file.Write(head);
    }
    open_stream_ok = open_stream_ok && stream_file.Write(r.output);
    ++stream_docs;
  };

  pith::cli::BatchOptions batch;
  batch.threads = static_cast<size_t>(threads);
  batch.progress = vm.count("progress") ? true
                   : vm.count("no-progress") ? false
                                             : ::isatty(STDERR_FILENO) && todo.size() > 1;
  pith::cli::RunBatch(batch, next, work, emit, &g_stop);
  close_stream();
  std::cout.flush();
  bool stdout_failed = !std::cout;
  if (stdout_failed) std::cerr << "pith: cannot write to standard output\n";

  if (containers || g_stop || vm.count("summary") || resumed_count > 0) {
    std::cerr << "pith: " << counts.records << " records read, " << counts.html
              << " HTML documents, " << counts.cleaned << " cleaned, " << counts.empty
              << " empty after cleaning, " << counts.skipped << " skipped (non-HTML), "
              << counts.failed << " failed";
    if (resumed_count) std::cerr << ", " << resumed_count << " inputs already done (--resume)";
    if (g_stop) std::cerr << "; interrupted";
    std::cerr << "\n";
  }
  if (g_stop) return kExitInterrupted;
  return (counts.failed || stdout_failed) ? kExitSomeFailed : kExitOk;
}
