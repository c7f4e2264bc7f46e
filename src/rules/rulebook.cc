// RuleBook: loading rule folders and looking up site files by host.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <gumbo.h>

#include "parse/guard.h"
#include "rules/apply.h"
#include "rules/book.h"
#include "rules/class_tokens.h"
#include "util/ascii.h"

namespace pith {
namespace fs = std::filesystem;

namespace {

// See RuleBook::Impl::elision.
std::shared_ptr<const parse::ElisionRules> BuildElisionRules(
    const std::vector<std::unique_ptr<rules::RuleFile>>& files) {
  using parse::ElisionRules;
  auto e = std::make_shared<ElisionRules>();
  e->tags.assign(GUMBO_TAG_LAST + 1, 0);
  e->small_plain = rules::kSmallPlainBytes;
  for (uint32_t t = 0; t <= GUMBO_TAG_LAST; ++t)
    if (rules::IsRunningTextTag(t)) e->tags[t] |= ElisionRules::kInline;
  auto tag_of = [](const std::string& name) {
    return static_cast<size_t>(gumbo_tagn_enum(name.data(), static_cast<unsigned>(name.size())));
  };
  for (const auto& f : files) {
    if (f->is_generic()) {
      std::vector<std::string> bare;
      for (const rules::SelectorRule& r : f->strip) r.selector.BareTags(&bare);
      for (const std::string& name : bare)
        if (tag_of(name) != GUMBO_TAG_UNKNOWN) e->tags[tag_of(name)] |= ElisionRules::kRemoves;
      bare.clear();
      for (const rules::SelectorRule& r : f->strip_outside) r.selector.BareTags(&bare);
      for (const std::string& name : bare)
        if (tag_of(name) != GUMBO_TAG_UNKNOWN)
          e->tags[tag_of(name)] |= ElisionRules::kRemovesOutside;
      std::vector<rules::Selector::BareAttribute> attrs;
      for (const rules::SelectorRule& r : f->strip) r.selector.BareAttributes(&attrs);
      for (const auto& a : attrs) {
        using Test = rules::Selector::BareAttribute::Test;
        using Op = ElisionRules::AttributeTest::Op;
        e->attributes.push_back({a.name, a.value, ElisionRules::kRemoves,
                                 a.test == Test::kExists   ? Op::kExists
                                 : a.test == Test::kEquals ? Op::kEquals
                                                           : Op::kContains});
      }
    }
    for (const auto* list : {&f->keep, &f->body, &f->article, &f->title}) {
      for (const rules::SelectorRule& r : *list) {
        const uint8_t flags = list == &f->title && r.attr.empty()
                                  ? ElisionRules::kReadInside | ElisionRules::kReadText
                                  : ElisionRules::kReadInside;
        std::vector<rules::Selector::SubjectNeed> needs;
        r.selector.SubjectNeeds(&needs);
        for (const auto& need : needs) {
          if (!need.tag.empty())
            e->tags[tag_of(need.tag)] |= flags;
          else if (!need.attribute.empty())
            e->attributes.push_back({need.attribute, need.needle, flags});
          else if (need.class_name.empty())
            return nullptr;  // Any element may be selected.
          // A class: ClassTokens' kSubject and kTitleSubject.
        }
      }
    }
  }
  return e;
}

}  // namespace

std::string RuleError::ToString() const {
  return file + ":" + std::to_string(line) + ": " + message;
}

RuleBook::RuleBook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RuleBook::~RuleBook() = default;

size_t RuleBook::site_file_count() const { return impl_->files.size() - impl_->generic.size(); }
size_t RuleBook::generic_file_count() const { return impl_->generic.size(); }

std::string RuleBook::BundledDir() {
  std::error_code ec;
  if (const char* env = std::getenv("PITH_RULES_DIR"); env && *env && fs::is_directory(env, ec))
    return env;
  // An installed binary finds <prefix>/share/pith/rules beside its bin/
  // folder, wherever the prefix was moved; a binary in the build tree finds
  // the source tree's rules/; the configured install folder comes last.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "pith" / "rules";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  for (const char* dir : {PITH_SOURCE_RULES, PITH_INSTALLED_RULES})
    if (fs::is_directory(dir, ec)) return dir;
  return "";
}

namespace rules {

std::string HostOfUrl(std::string_view url) {
  size_t start = url.find("//");
  if (start == std::string_view::npos) return "";
  start += 2;
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? url.npos : end - start);
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);
  if (!authority.empty() && authority.front() == '[') return "";  // IPv6 literal: no site rules.
  size_t colon = authority.find(':');
  std::string host = util::AsciiLower(authority.substr(0, colon));
  while (!host.empty() && host.back() == '.') host.pop_back();
  return host;
}

}  // namespace rules

std::vector<const rules::RuleFile*> RuleBook::Impl::SiteFilesFor(std::string_view host) const {
  std::string h = util::AsciiLower(host);
  while (!h.empty() && h.back() == '.') h.pop_back();
  if (h.empty()) return {};
  if (auto it = exact.find(h); it != exact.end()) return it->second;
  for (size_t dot = h.find('.'); dot != std::string::npos; dot = h.find('.', dot + 1)) {
    if (auto it = wildcard.find(h.substr(dot + 1)); it != wildcard.end()) return it->second;
  }
  return {};
}

std::unique_ptr<const RuleBook> RuleBook::Load(const std::vector<std::string>& dirs,
                                               std::vector<RuleError>* errors) {
  auto impl = std::make_unique<Impl>();
  size_t errors_before = errors->size();
  const std::string bundled = BundledDir();
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      errors->push_back({dir, 0, "not a readable folder"});
      continue;
    }
    std::vector<fs::path> paths;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".rules" && it->is_regular_file(ec)) paths.push_back(it->path());
    }
    if (ec) errors->push_back({dir, 0, "cannot list folder: " + ec.message()});
    std::sort(paths.begin(), paths.end());
    for (const fs::path& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream content;
      if (!in || !(content << in.rdbuf())) {
        // An empty file reads as a failed stream insertion; treat as empty.
        if (!in) {
          errors->push_back({p.string(), 0, "cannot read file"});
          continue;
        }
      }
      // Shown as `<dir>/<relative path>`, or `rules/...` for the bundled set.
      std::string shown = p.string();
      if (dir == bundled) shown = "rules/" + fs::relative(p, dir, ec).string();
      auto file = std::make_unique<rules::RuleFile>();
      if (!rules::ParseRuleFile(shown, content.str(), file.get(), errors)) continue;
      impl->files.push_back(std::move(file));
    }
  }
  if (errors->size() != errors_before) return nullptr;
  std::vector<std::string>& names = impl->attribute_names;
  std::vector<std::pair<std::string, std::string>> values;  // Name, needle ("": any value).
  for (const auto& f : impl->files) {
    for (const auto* list : {&f->body, &f->title, &f->strip, &f->strip_outside, &f->keep, &f->article})
      for (const rules::SelectorRule& r : *list) {
        r.selector.AttributeNames(&names);
        std::vector<std::pair<std::string, std::string>> tests;
        r.selector.AttributeValues(&tests);
        values.insert(values.end(), tests.begin(), tests.end());
        if (r.selector.NamesTag("link")) impl->reads_meta_or_link = true;
        if (list != &f->strip && list != &f->strip_outside &&
            (r.selector.NamesTag("script") || r.selector.NamesTag("style")))
          impl->selects_script_or_style = true;
        bool any = false;
        r.selector.UntypedNeeds(&impl->untyped_attributes, &any);
        if (any) impl->reads_meta_or_link = true;
        if (r.selector.NamesTag("meta") || !r.attr.empty()) {
          bool keyed = false;
          for (const auto& [name, value] : tests)
            if ((name == "name" || name == "property") && !value.empty()) {
              impl->meta_keys.push_back(util::AsciiLower(value));
              keyed = true;
            }
          if (!keyed) impl->reads_meta_or_link = true;
        }
        if (!r.attr.empty()) {
          names.push_back(util::AsciiLower(r.attr));
          values.emplace_back(names.back(), "");
        }
      }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::sort(impl->untyped_attributes.begin(), impl->untyped_attributes.end());
  impl->untyped_attributes.erase(
      std::unique(impl->untyped_attributes.begin(), impl->untyped_attributes.end()),
      impl->untyped_attributes.end());
  std::sort(impl->meta_keys.begin(), impl->meta_keys.end());
  impl->meta_keys.erase(std::unique(impl->meta_keys.begin(), impl->meta_keys.end()),
                        impl->meta_keys.end());
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  for (size_t k = 0; k < values.size();) {
    size_t end = k;
    bool any_value = false;
    while (end < values.size() && values[end].first == values[k].first) {
      const std::string& needle = values[end++].second;
      any_value |= needle.empty() || needle.find_first_of(std::string_view("\r\n\0", 3)) !=
                                         std::string::npos;
    }
    if (!any_value) {
      impl->attribute_needles.emplace_back(values[k].first, std::vector<std::string>());
      for (size_t j = k; j < end; ++j)
        impl->attribute_needles.back().second.push_back(values[j].second);
    }
    k = end;
  }
  impl->class_tokens = rules::ClassTokens::Build(impl->files);
  if (impl->class_tokens) impl->elision = BuildElisionRules(impl->files);
  for (const auto& f : impl->files) {
    if (f->is_generic()) {
      impl->generic.push_back(f.get());
      continue;
    }
    for (const std::string& h : f->hosts) {
      if (h.rfind("*.", 0) == 0) {
        auto& list = impl->wildcard[h.substr(2)];
        if (std::find(list.begin(), list.end(), f.get()) == list.end()) list.push_back(f.get());
      } else {
        for (const std::string& key : {h, "www." + h}) {
          auto& list = impl->exact[key];
          if (std::find(list.begin(), list.end(), f.get()) == list.end()) list.push_back(f.get());
        }
      }
    }
  }
  return std::unique_ptr<const RuleBook>(new RuleBook(std::move(impl)));
}

}  // namespace pith
