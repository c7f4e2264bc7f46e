// pith/rulebook.h: loading rule files.
//
// A RuleBook is every `*.rules` file found under one or more folders, parsed
// and compiled once. Files with `host:` lines are site rules; files without
// any are generic rules that apply to every page. The format is documented in
// rules/README.md.
//
// A RuleBook is immutable after loading. One `const RuleBook` may be shared by
// any number of threads that clean pages concurrently: cleaning never writes
// to it, and pith keeps no global mutable state (only per-thread caches of
// answers that depend on nothing but the book, such as which class tokens
// its rules can read).
#ifndef PITH_RULEBOOK_H_
#define PITH_RULEBOOK_H_

#include <memory>
#include <string>
#include <vector>

namespace pith {

// One problem in one rule file. ToString() gives `file:line: message`.
struct RuleError {
  std::string file;
  int line = 0;
  std::string message;
  std::string ToString() const;
};

class RuleBook {
 public:
  ~RuleBook();
  RuleBook(const RuleBook&) = delete;
  RuleBook& operator=(const RuleBook&) = delete;

  // Loads every `*.rules` file under each folder of `dirs` (recursively, in
  // sorted path order, folders in the order given). On success returns the
  // book and leaves `errors` empty. On any error returns nullptr and appends
  // every error found, in file and line order, to `errors`; a missing or
  // unreadable folder is an error with line 0. An empty `dirs` gives an empty
  // book (no rules at all).
  static std::unique_ptr<const RuleBook> Load(const std::vector<std::string>& dirs,
                                              std::vector<RuleError>* errors);

  // The folder of rules bundled with pith: the source tree's `rules/` when
  // running from a build tree, else the installed data folder. Empty when
  // neither exists.
  static std::string BundledDir();

  // Number of site files and generic files loaded.
  size_t site_file_count() const;
  size_t generic_file_count() const;

  // Implementation details, for the library's own stages.
  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit RuleBook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pith

#endif  // PITH_RULEBOOK_H_
