// prescan: what Clean asks the prescan (parse/guard.h) to keep of a page,
// for a rule book and options. Internal to the library; its own header so
// that the tests can check what --no-prune and a rule book turn on.
#ifndef PITH_PIPELINE_PRESCAN_H_
#define PITH_PIPELINE_PRESCAN_H_

#include "parse/guard.h"
#include "pith/clean.h"
#include "rules/book.h"

namespace pith::pipeline {

// The attributes pith's own stages read and every attribute a rule of
// `book` reads; href on links only when links are rendered or a rule reads
// it; and, with pruning on, the book's filter of class tokens and its
// value filters (attributes only the rules read, and only for strings in
// their values); none with --no-prune, which cuts nothing: the class
// values stay whole. The names
// point into `book` and static storage.
parse::KeptAttributes KeptAttributesFor(const RuleBook::Impl& book, const Options& options);

}  // namespace pith::pipeline

#endif  // PITH_PIPELINE_PRESCAN_H_
