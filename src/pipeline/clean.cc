// pipeline: pith::Clean, the stages in order (see pith/clean.h).
#include <gumbo.h>

#include <algorithm>
#include <iterator>

#include "blocks/blocks.h"
#include "decode/decode.h"
#include "extract/extract.h"
#include "filter/filter.h"
#include "metadata/metadata.h"
#include "parse/dom.h"
#include "parse/guard.h"
#include "pipeline/prescan.h"
#include "pith/clean.h"
#include "rules/apply.h"
#include "rules/book.h"
#include "rules/selector.h"
#include "util/ascii.h"

namespace pith {
namespace {

// The page's own address: <link rel=canonical>, then og:url, then <base href>.
std::string UrlFromPage(const parse::Dom& dom) {
  std::string canonical, og, base;
  for (uint32_t i = 0; i < dom.size(); ++i) {
    const parse::Node& n = dom.node(i);
    if (!n.is_element()) continue;
    if (n.tag == GUMBO_TAG_LINK && canonical.empty()) {
      const std::string_view* rel = dom.Attr(i, "rel");
      const std::string_view* href = dom.Attr(i, "href");
      if (rel && href) {
        if (rules::HasToken(util::AsciiLower(*rel), "canonical")) canonical = std::string(*href);
      }
    } else if (n.tag == GUMBO_TAG_META && og.empty()) {
      const std::string_view* prop = dom.Attr(i, "property");
      const std::string_view* content = dom.Attr(i, "content");
      if (prop && content && *prop == "og:url") og = std::string(*content);
    } else if (n.tag == GUMBO_TAG_BASE && base.empty()) {
      if (const std::string_view* href = dom.Attr(i, "href")) base = std::string(*href);
    }
  }
  for (std::string* u : {&canonical, &og, &base}) {
    size_t b = u->find_first_not_of(" \t\r\n");
    if (b == std::string::npos) continue;
    size_t e = u->find_last_not_of(" \t\r\n");
    std::string t = u->substr(b, e - b + 1);
    if (t.find("://") != std::string::npos || t.rfind("//", 0) == 0) return t;
  }
  return "";
}

// The attributes pith's own stages read: rules (class and id hints), blocks
// (role, href for links), metadata (<meta>, <link>, microdata, <time>,
// JSON-LD's script type, which the prescan keeps on <script> itself, lang) and
// this file (<base href>). Sorted.
constexpr std::string_view kStageAttributes[] = {
    "aria-hidden", "charset", "class",    "content",   "datetime", "hidden",
    "href",        "http-equiv", "id",    "itemprop",  "itemscope", "itemtype",
    "lang",        "name",    "property", "rel",       "role"};

// What pith's own stages read wherever it is, for the elision
// (parse::ElisionRules): the metadata reads <h1> and <title> text, the
// datetime of <time>, the first <article>, <meta>, <link>, JSON-LD scripts,
// <html lang>, microdata (and the text of headline, author, creator, date
// and description properties), and the text of a rel=author link;
// UrlFromPage reads <link>, <meta> and <base>.
const parse::ElisionRules& StageReads() {
  static const parse::ElisionRules reads = [] {
    using parse::ElisionRules;
    ElisionRules r;
    r.tags.assign(GUMBO_TAG_LAST + 1, 0);
    for (GumboTag t : {GUMBO_TAG_H1, GUMBO_TAG_TITLE})
      r.tags[t] = ElisionRules::kReadInside | ElisionRules::kReadText;
    for (GumboTag t : {GUMBO_TAG_TIME, GUMBO_TAG_ARTICLE, GUMBO_TAG_META, GUMBO_TAG_LINK,
                       GUMBO_TAG_HTML, GUMBO_TAG_BASE})
      r.tags[t] = ElisionRules::kReadInside;
    for (const char* key : {"headline", "author", "creator", "date", "description"})
      r.attributes.push_back(
          {"itemprop", key, ElisionRules::kReadInside | ElisionRules::kReadText});
    r.attributes.push_back({"rel", "author", ElisionRules::kReadInside | ElisionRules::kReadText});
    return r;
  }();
  return reads;
}

// The JSON-LD articleBody fallback (see Clean).
constexpr size_t kDeclaredBodyMin = 500;
constexpr size_t kDeclaredBodyShare = 4;

}  // namespace

namespace pipeline {

parse::KeptAttributes KeptAttributesFor(const RuleBook::Impl& book, const Options& options) {
  parse::KeptAttributes kept;
  kept.names.assign(std::begin(kStageAttributes), std::end(kStageAttributes));
  for (const std::string& name : book.attribute_names) kept.names.push_back(name);
  std::sort(kept.names.begin(), kept.names.end());
  kept.names.erase(std::unique(kept.names.begin(), kept.names.end()), kept.names.end());
  kept.anchor_href = options.links || std::binary_search(book.attribute_names.begin(),
                                                         book.attribute_names.end(), "href");
  if (options.prune) {
    kept.class_tokens = book.class_tokens.get();
    for (const auto& [name, needles] : book.attribute_needles)
      if (!std::binary_search(std::begin(kStageAttributes), std::end(kStageAttributes), name))
        kept.value_filters.push_back({name, &needles});
    kept.stash_text = true;
    // Elided content is read by no one only when the generic rules run and
    // nothing asks for what was removed.
    if (options.generic_rules && !options.explain && book.elision) {
      kept.elision = book.elision.get();
      kept.elision_stages = &StageReads();
    }
    if (!book.reads_meta_or_link) {
      kept.reads_meta_key = &metadata::ReadsMetaKey;
      kept.meta_keys = &book.meta_keys;
      kept.read_if_present = &book.untyped_attributes;
      kept.drop_raw_text = !book.selects_script_or_style;
    }
  }
  return kept;
}

}  // namespace pipeline

Status Clean(std::string_view html, const RuleBook& book, const Options& options, Document* out) {
  *out = Document();
  if (html.size() > options.max_bytes)
    return Status::InvalidInput("document is " + std::to_string(html.size()) +
                                " bytes, over the limit of " + std::to_string(options.max_bytes));
  // decode
  decode::Decoded decoded;
  const std::string_view utf8 = decode::ToUtf8View(html, options.charset, &decoded);
  const RuleBook::Impl& impl = book.impl();
  parse::KeptAttributes kept = pipeline::KeptAttributesFor(impl, options);
  Document doc;
  std::unique_ptr<parse::Dom> dom;
  rules::ActiveRules active;
  rules::Marks marks;
  // guard, parse and rules; with elision, again without it when the rules
  // kept what it cut (see parse::ElisionRules).
  for (bool retry = false;; retry = true) {
    if (retry) kept.elision = nullptr;
    parse::GuardResult guarded = parse::Prescan(utf8, options.max_depth, options.prune,
                                                options.max_attributes, &kept);
    if (guarded.elision_doubtful) continue;
    std::string_view page = guarded.modified ? std::string_view(guarded.html) : utf8;
    // parse
    dom = parse::Dom::Parse(page, &guarded.stashed, &guarded.elided);

    doc = Document();
    doc.url = options.url.empty() ? UrlFromPage(*dom) : options.url;
    if (options.explain && guarded.dropped_tags > 0)
      doc.removals.push_back({std::to_string(guarded.dropped_tags) + " tags nested deeper than " +
                                  std::to_string(options.max_depth) + " dropped (text kept)",
                              "generic:depth-guard"});
    if (options.explain && guarded.trimmed_tags > 0)
      doc.removals.push_back({std::to_string(guarded.trimmed_tags) + " tags over " +
                                  std::to_string(options.max_attributes) +
                                  " attributes trimmed",
                              "generic:attribute-guard"});

    // rules
    active = rules::ActiveRules();
    bool generic = options.generic_rules;
    if (options.site_rules) {
      active.site = impl.SiteFilesFor(rules::HostOfUrl(doc.url));
      for (const rules::RuleFile* f : active.site) {
        doc.site_rules.push_back(f->path);
        if (f->generic_off) generic = false;
      }
    }
    if (generic) active.generic = impl.generic;
    marks = rules::Marks();
    rules::Apply(*dom, active, options.explain, &marks);
    bool kept_elided = false;
    for (uint32_t t : dom->elided()) kept_elided |= !marks.removed[t];
    if (!kept_elided) break;
  }
  doc.removals.insert(doc.removals.end(), marks.removals.begin(), marks.removals.end());

  // extract
  extract::Content content =
      extract::FindContent(*dom, active, &marks, options.explain, &doc.removals);
  // blocks
  doc.blocks = blocks::Build(*dom, marks.removed, content.roots,
                             options.links ? &doc.url : nullptr);
  // metadata: the title comes from a title: rule when one matched, else
  // from what the page declares.
  // The article, for metadata: the outermost article element (article:
  // scope) around the content, else the content's parent, so that a
  // heading just above the extracted paragraphs counts as in the article.
  uint32_t article = content.roots.empty() ? parse::kNoNode : content.roots.front();
  if (article != parse::kNoNode) {
    if (marks.article[article]) {
      while (dom->node(article).parent != parse::kNoNode && marks.article[dom->node(article).parent])
        article = dom->node(article).parent;
    } else if (dom->node(article).parent != parse::kNoNode &&
               dom->node(article).parent != dom->body()) {
      article = dom->node(article).parent;
    }
  }
  metadata::Metadata meta = metadata::Extract(*dom, article);
  // Second strategy: a page that declares its article's text (JSON-LD
  // articleBody) at least kDeclaredBodyShare times longer than what
  // extraction found, and at least kDeclaredBodyMin bytes long, is one
  // whose text the page's markup does not hold (rendered by scripts) or
  // one where extraction went wrong: the declared text is used instead.
  // Site rules with a body: line are trusted as they are.
  if (marks.body.empty() && meta.article_body.size() >= kDeclaredBodyMin) {
    size_t found = 0;
    for (const Block& b : doc.blocks) found += b.text.size();
    if (found * kDeclaredBodyShare < meta.article_body.size()) {
      if (options.explain)
        doc.removals.push_back({std::to_string(doc.blocks.size()) +
                                    " blocks replaced by the page's JSON-LD articleBody",
                                "generic:declared-body"});
      doc.blocks = blocks::FromPlainText(meta.article_body);
    }
  }
  doc.title = marks.title.empty() ? meta.title : marks.title;
  doc.author = meta.author;
  doc.date_published = meta.date_published;
  doc.date_modified = meta.date_modified;
  doc.sitename = meta.sitename;
  doc.description = meta.description;
  doc.lang = meta.lang;
  doc.charset = decoded.charset;
  // The title is printed above the body: drop its repetition as a heading
  // among the first blocks.
  for (size_t k = 0; k < doc.blocks.size() && k < 3; ++k) {
    if (doc.blocks[k].kind == Block::Kind::kHeading && doc.blocks[k].text == doc.title) {
      doc.blocks.erase(doc.blocks.begin() + static_cast<long>(k));
      break;
    }
  }
  // filter
  filter::Apply(active, doc.title, options.explain, &doc.blocks, &doc.removals);
  if (!options.explain) doc.removals.clear();
  *out = std::move(doc);
  return Status::Ok();
}

}  // namespace pith
