// cli/sources: the documents of a batch, in input order, from files,
// folders, standard input, WARC files and JSONL files.
//
// The kind of each input is read from its content, not its name: gzip data
// or a "WARC/1." first line is WARC; a first non-blank '{' is JSONL (one
// object per line with "url" and "html", optional "id", "charset",
// "content_type"); anything else is one HTML page. Standard input works for
// every kind. WARC and JSONL are read as streams, one record at a time, so
// memory does not grow with the file.
//
// Every record read becomes exactly one Job: a page to clean, a non-HTML
// record to count and skip, or an error (a corrupt record, an unreadable
// file) to report in its place in the output order.
#ifndef PITH_CLI_SOURCES_H_
#define PITH_CLI_SOURCES_H_

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "cli/inputs.h"
#include "input/jsonl.h"

namespace pith::cli {

enum class InputKind { kHtml, kWarc, kJsonl };

struct Job {
  size_t seq = 0;          // Position in the batch.
  size_t stream = 0;       // Index of the input it came from.
  std::string shown;       // How messages name it: "a.html", "x.warc.gz@1234", "x.jsonl:7".
  bool skip = false;       // A non-HTML record: counted, not cleaned.
  std::string error;       // Set: the record could not be read (reported, not cleaned).
  std::string bytes;       // The page.
  std::string url, charset, id;
  std::string warc_record_id, warc_date;
};

class Sources {
 public:
  Sources(const std::vector<Input>& inputs, size_t max_bytes);
  ~Sources();

  // The next job in input order; false when every input is done.
  bool Next(Job* job);

  // The kind of input `stream` (known once its first job was produced).
  InputKind kind(size_t stream) const { return kinds_[stream]; }

 private:
  bool Open(size_t stream, Job* job);  // Starts input `stream`; may yield its only job.
  bool NextWarc(Job* job);
  bool NextJsonl(Job* job);
  bool EndOfStream(Job* job);  // At the end of a stream: its read error, once.
  void Close();

  const std::vector<Input>& inputs_;
  size_t max_bytes_;
  std::vector<InputKind> kinds_;
  size_t next_input_ = 0;
  size_t current_ = static_cast<size_t>(-1);  // Input being streamed (WARC/JSONL).
  size_t seq_ = 0;
  bool read_error_reported_ = false;
  int fd_ = -1;
  class FdBuf;
  std::unique_ptr<FdBuf> buf_;
  std::unique_ptr<std::istream> in_;
  struct Warc;
  std::unique_ptr<Warc> warc_;
  std::unique_ptr<input::JsonlReader> jsonl_;
};

}  // namespace pith::cli

#endif  // PITH_CLI_SOURCES_H_
