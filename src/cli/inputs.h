// cli/inputs: turning command-line arguments into a list of documents.
#ifndef PITH_CLI_INPUTS_H_
#define PITH_CLI_INPUTS_H_

#include <string>
#include <vector>

namespace pith::cli {

struct Input {
  std::string path;      // File path, or "-" for standard input.
  std::string shown;     // How messages name it.
  std::string out_stem;  // Relative output path under -o, without extension.
};

struct InputError {
  std::string shown;
  std::string message;
};

// Expands files, folders (recursively: *.html, *.htm, *.warc, *.warc.gz,
// *.jsonl, sorted, symlinked folders not followed, so no loop can form) and
// "-". Problems with one
// argument (missing, unreadable, a folder without HTML) become errors; the
// other arguments are still expanded.
void ExpandInputs(const std::vector<std::string>& args, std::vector<Input>* inputs,
                  std::vector<InputError>* errors);

}  // namespace pith::cli

#endif  // PITH_CLI_INPUTS_H_
