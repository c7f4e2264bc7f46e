// cli/batch: cleaning many documents on N threads, reporting in input order.
//
// Workers take documents in input order from a shared counter; results go
// into a reorder buffer and are handed to `emit` on the calling thread in
// input order, so the output is byte-identical whatever the thread count.
// A worker never runs more than `window` documents ahead of the oldest
// document not yet emitted, so memory is bounded by the documents in flight,
// never by the size of the batch.
#ifndef PITH_CLI_BATCH_H_
#define PITH_CLI_BATCH_H_

#include <csignal>
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "cli/sources.h"

namespace pith::cli {

struct DocResult {
  bool ok = true;
  bool empty = false;                // Cleaned, but no article text was found.
  std::string output;                // The rendered document.
  std::string error;                 // One-line message when !ok.
  std::vector<std::string> explain;  // --explain lines, without the prefix.
  size_t bytes = 0;                  // Input bytes read.
};

struct BatchOptions {
  size_t threads = 1;
  size_t window = 0;       // Documents in flight; 0 = 16 x threads.
  bool progress = false;   // Draw a progress line on stderr.
  size_t total = 0;        // Documents expected, for the progress line (0: unknown).
};

// Takes jobs from `next` (called by one thread at a time, in order) until
// it returns false or `stop` becomes true, runs `work` on them on
// `threads` threads, and hands each job and its result to `emit` on the
// calling thread in job order.
void RunBatch(const BatchOptions& options, const std::function<bool(Job*)>& next,
              const std::function<DocResult(Job&)>& work,
              const std::function<void(Job&, DocResult&)>& emit, const volatile std::sig_atomic_t* stop);

}  // namespace pith::cli

#endif  // PITH_CLI_BATCH_H_
