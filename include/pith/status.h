// pith/status.h: the result of an operation that can fail.
//
// pith never throws across its public API. Functions that can fail return a
// Status: ok(), or a code and a one-line human-readable message. The message
// never ends with a newline and never names the input; callers add that.
#ifndef PITH_STATUS_H_
#define PITH_STATUS_H_

#include <string>
#include <utility>

namespace pith {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidInput,  // The document cannot be cleaned (e.g. over a limit).
    kIoError,       // A file could not be read or written.
    kRuleError,     // A rule file is malformed.
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string msg) { return Status(Code::kInvalidInput, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status RuleError(std::string msg) { return Status(Code::kRuleError, std::move(msg)); }

  // True when the operation succeeded.
  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The one-line message; empty when ok().
  const std::string& message() const { return message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace pith

#endif  // PITH_STATUS_H_
