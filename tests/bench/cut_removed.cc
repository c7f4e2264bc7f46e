// cut_removed: pages as an ideal pre-parse elision would leave them, for
// tests/bench/elision_bound.
//
//   cut_removed OUT_DIR FILE|DIR...
//
// For each page (folders: every *.html below them, sorted), it runs pith's
// stages as pith::Clean does up to the rules: decode, the prescan (with the
// default Options: pruning and text stashing on), the parse and the
// generic rules (site rules are chosen by the page's address and are left
// out). Then it cuts from the prescanned page the bytes of every outermost
// element the rules removed, from its start tag to the end of its end tag
// (elements whose start or end tag is implied, which Gumbo gives no
// position for, stay), puts the stashed text back, and writes the result to
// OUT_DIR under the page's file name.
//
// So the pages written are what Gumbo would see if the prescan knew, before
// parsing, every subtree that the rules will remove: the bound of what
// eliding such subtrees before parsing can save. The pages are not meant to
// give the same text (without their removed subtrees, the layout-wrapper
// guard and the extractor see other totals); they are meant to cost what
// that ideal elision would leave to parse and walk.
//
// It prints one line on stdout:
//   cut_removed pages=<n> bytes_in=<b> bytes_out=<b> elements=<n> removed=<n> cut=<n> unmapped=<n>
// where `removed` counts the elements inside removed subtrees, `cut` those
// inside the byte ranges cut, and `unmapped` the pages left whole because
// the Dom's nodes could not be matched with Gumbo's (never on the shared
// pages).
//
// Exit status: 0 on success, 1 when a file cannot be read or written, 2 on
// a usage error.
#include <gumbo.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "decode/decode.h"
#include "parse/dom.h"
#include "parse/guard.h"
#include "pipeline/prescan.h"
#include "pith/clean.h"
#include "pith/rulebook.h"
#include "rules/apply.h"
#include "rules/book.h"

namespace fs = std::filesystem;

namespace {

int Usage(const char* msg) {
  if (msg) std::fprintf(stderr, "cut_removed: %s\n", msg);
  std::fprintf(stderr, "usage: cut_removed OUT_DIR FILE|DIR...\n");
  return 2;
}

bool ReadFile(const fs::path& p, std::string* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Gumbo's nodes in the order Dom::Parse lays them out: pre-order, elements
// and text, comments left out.
std::vector<const GumboNode*> DomOrder(const GumboOutput& out) {
  std::vector<const GumboNode*> order, stack;
  const GumboVector& top = out.document->v.document.children;
  for (unsigned k = top.length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(top.data[k]));
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE) {
      order.push_back(n);
      const GumboVector& kids = n->v.element.children;
      for (unsigned k = kids.length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[k]));
    } else if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
               n->type == GUMBO_NODE_CDATA) {
      order.push_back(n);
    }
  }
  return order;
}

struct Totals {
  size_t pages = 0, bytes_in = 0, bytes_out = 0, elements = 0, removed = 0, cut = 0, unmapped = 0;
};

// The page with its removed subtrees cut (see the file comment).
std::string CutPage(const std::string& raw, const pith::RuleBook& book, Totals* t) {
  const pith::Options options;
  const pith::RuleBook::Impl& impl = book.impl();
  pith::decode::Decoded decoded = pith::decode::ToUtf8(raw, options.charset);
  const pith::parse::KeptAttributes kept = pith::pipeline::KeptAttributesFor(impl, options);
  pith::parse::GuardResult guarded = pith::parse::Prescan(
      decoded.text, options.max_depth, options.prune, options.max_attributes, &kept);
  const std::string page = guarded.modified ? guarded.html : decoded.text;
  std::unique_ptr<pith::parse::Dom> dom = pith::parse::Dom::Parse(page, &guarded.stashed);
  pith::rules::ActiveRules active;
  active.generic = impl.generic;
  pith::rules::Marks marks;
  pith::rules::Apply(*dom, active, false, &marks);

  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
  const std::vector<const GumboNode*> order = DomOrder(*out);
  std::vector<std::pair<size_t, size_t>> cuts;
  std::vector<uint8_t> in_cut(dom->size(), 0);
  const bool mapped = order.size() == dom->size();
  if (!mapped) ++t->unmapped;
  for (uint32_t i = 0; i < dom->size(); ++i) {
    const pith::parse::Node& n = dom->node(i);
    if (!n.is_element()) continue;
    ++t->elements;
    if (!marks.removed[i]) continue;
    ++t->removed;
    if (!mapped || (n.parent != pith::parse::kNoNode && marks.removed[n.parent])) continue;
    const GumboElement& e = order[i]->v.element;
    if (e.original_tag.length == 0 || e.original_end_tag.length == 0) continue;
    const size_t begin = e.start_pos.offset;
    const size_t end = e.end_pos.offset + e.original_end_tag.length;
    if (begin >= end || end > page.size()) continue;
    cuts.push_back({begin, end});
    for (uint32_t k = i; k < n.end; ++k) in_cut[k] = 1;
  }
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  for (uint32_t i = 0; i < dom->size(); ++i)
    if (in_cut[i] && dom->node(i).is_element()) ++t->cut;

  std::sort(cuts.begin(), cuts.end());
  std::string kept_bytes;
  size_t pos = 0;
  for (const auto& [begin, end] : cuts) {
    if (begin < pos) continue;
    kept_bytes.append(page, pos, begin - pos);
    pos = end;
  }
  kept_bytes.append(page, pos, std::string::npos);
  std::string unstashed;
  return pith::parse::Unstash(kept_bytes, guarded.stashed, &unstashed) ? unstashed : kept_bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage(nullptr);
  const fs::path out_dir = argv[1];
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (!fs::is_directory(out_dir, ec)) return Usage("OUT_DIR is not a folder");

  std::vector<fs::path> files;
  for (int a = 2; a < argc; ++a) {
    if (fs::is_directory(argv[a], ec)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(argv[a], ec); !ec && it != fs::end(it);
           it.increment(ec))
        if (it->path().extension() == ".html") found.push_back(it->path());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(argv[a]);
    }
  }
  if (files.empty()) return Usage("no pages found");

  std::vector<pith::RuleError> errors;
  std::unique_ptr<const pith::RuleBook> book =
      pith::RuleBook::Load({pith::RuleBook::BundledDir()}, &errors);
  if (!book || !errors.empty()) {
    for (const pith::RuleError& e : errors) std::fprintf(stderr, "cut_removed: %s\n", e.ToString().c_str());
    return 1;
  }
  Totals t;
  for (const fs::path& p : files) {
    std::string raw;
    if (!ReadFile(p, &raw)) {
      std::fprintf(stderr, "cut_removed: cannot read %s\n", p.c_str());
      return 1;
    }
    const std::string cut = CutPage(raw, *book, &t);
    std::ofstream o(out_dir / p.filename(), std::ios::binary);
    o << cut;
    if (!o) {
      std::fprintf(stderr, "cut_removed: cannot write %s\n", (out_dir / p.filename()).c_str());
      return 1;
    }
    ++t.pages;
    t.bytes_in += raw.size();
    t.bytes_out += cut.size();
  }
  std::printf("cut_removed pages=%zu bytes_in=%zu bytes_out=%zu elements=%zu removed=%zu cut=%zu unmapped=%zu\n",
              t.pages, t.bytes_in, t.bytes_out, t.elements, t.removed, t.cut, t.unmapped);
  return 0;
}
