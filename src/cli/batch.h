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

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace pith::cli {

struct DocResult {
  bool ok = true;
  std::string text;                  // Rendered output (stdout mode).
  std::string error;                 // One-line message when !ok.
  std::vector<std::string> explain;  // --explain lines, without the prefix.
  size_t bytes = 0;                  // Input bytes read.
};

struct BatchOptions {
  size_t threads = 1;
  size_t window = 0;       // Documents in flight; 0 = 4 x threads.
  bool progress = false;   // Draw a progress line on stderr.
};

// Runs `work(i)` for i in [0, count) and `emit(i, result)` in order.
void RunBatch(size_t count, const BatchOptions& options,
              const std::function<DocResult(size_t)>& work,
              const std::function<void(size_t, DocResult&)>& emit);

// Reads a whole file ("-" is standard input) with read(2): every failure
// becomes a message in `err`, never an exception. Inputs over `max_bytes`
// are refused.
bool ReadAll(const std::string& path, size_t max_bytes, std::string* data, std::string* err);

// Writes `text` to `path` atomically: a temporary file in the same folder,
// renamed into place, so no partial file ever appears under a final name.
bool WriteAtomic(const std::string& path, const std::string& text, std::string* err);

}  // namespace pith::cli

#endif  // PITH_CLI_BATCH_H_
