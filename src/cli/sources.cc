#include "cli/sources.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <streambuf>

#include "input/jsonl.h"
#include "input/warc.h"

namespace pith::cli {

// A stream buffer over a file descriptor, read with read(2): a read error
// ends the stream and is recorded, never thrown. Bytes already read to
// detect the input's kind are handed back first.
class Sources::FdBuf : public std::streambuf {
 public:
  FdBuf(int fd, std::string prefix) : fd_(fd), pending_(std::move(prefix)) {
    if (!pending_.empty()) setg(&pending_[0], &pending_[0], &pending_[0] + pending_.size());
  }
  const std::string& error() const { return error_; }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    ssize_t n;
    do {
      n = ::read(fd_, buf_, sizeof buf_);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      if (n < 0 && error_.empty()) error_ = std::string("cannot read: ") + std::strerror(errno);
      return traits_type::eof();
    }
    setg(buf_, buf_, buf_ + n);
    return traits_type::to_int_type(*gptr());
  }

 private:
  int fd_;
  std::string pending_;
  std::string error_;
  char buf_[1 << 16];
};

struct Sources::Warc {
  Warc(std::istream& in, size_t max_bytes) : reader(in, Limits(max_bytes)) {}
  static input::WarcLimits Limits(size_t max_bytes) {
    input::WarcLimits l;
    l.max_record_bytes = max_bytes;
    l.max_decompressed_bytes = max_bytes;
    return l;
  }
  input::WarcReader reader;
};

Sources::Sources(const std::vector<Input>& inputs, size_t max_bytes)
    : inputs_(inputs), max_bytes_(max_bytes), kinds_(inputs.size(), InputKind::kHtml) {}

Sources::~Sources() { Close(); }

void Sources::Close() {
  warc_.reset();
  jsonl_.reset();
  in_.reset();
  buf_.reset();
  if (fd_ > 0) ::close(fd_);
  fd_ = -1;
  read_error_reported_ = false;
  current_ = static_cast<size_t>(-1);
}

bool Sources::Next(Job* job) {
  while (true) {
    *job = Job();
    if (current_ != static_cast<size_t>(-1)) {
      size_t stream = current_;
      bool got = kinds_[stream] == InputKind::kWarc ? NextWarc(job) : NextJsonl(job);
      if (got) {
        job->seq = seq_++;
        job->stream = stream;
        return true;
      }
      Close();
    }
    if (next_input_ >= inputs_.size()) return false;
    size_t stream = next_input_++;
    *job = Job();
    if (Open(stream, job)) {
      job->seq = seq_++;
      job->stream = stream;
      Close();
      return true;
    }
  }
}

bool Sources::Open(size_t stream, Job* job) {
  const Input& in = inputs_[stream];
  job->shown = in.shown;
  if (in.path == "-") {
    fd_ = 0;
  } else {
    fd_ = ::open(in.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      job->error = std::string("cannot open: ") + std::strerror(errno);
      return true;
    }
  }
  // The first bytes tell the kind.
  std::string head(512, '\0');
  size_t got = 0;
  while (got < head.size()) {
    ssize_t n = ::read(fd_, &head[got], head.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      job->error = std::string("cannot read: ") + std::strerror(errno);
      return true;
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  head.resize(got);
  size_t first = head.find_first_not_of(" \t\r\n");
  bool gzip = got >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
              static_cast<unsigned char>(head[1]) == 0x8b;
  bool warc = gzip || head.compare(0, 7, "WARC/1.") == 0;
  bool jsonl = !warc && first != std::string::npos && head[first] == '{';
  if (warc || jsonl) {
    buf_ = std::make_unique<FdBuf>(fd_, head);
    in_ = std::make_unique<std::istream>(buf_.get());
  }
  if (warc) {
    kinds_[stream] = InputKind::kWarc;
    warc_ = std::make_unique<Warc>(*in_, max_bytes_);
    current_ = stream;
    return false;
  }
  if (jsonl) {
    kinds_[stream] = InputKind::kJsonl;
    jsonl_ = std::make_unique<input::JsonlReader>(*in_, max_bytes_);
    current_ = stream;
    return false;
  }
  // One HTML page: read it whole, within the size limit (a file known to be
  // over it is refused without reading).
  struct stat st;
  const bool regular = ::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode);
  if (regular && static_cast<uintmax_t>(st.st_size) > max_bytes_) {
    job->error = "file is " + std::to_string(st.st_size) + " bytes, over the limit of " +
                 std::to_string(max_bytes_) + " (--max-bytes)";
    return true;
  }
  // read(2) straight into the page, after the bytes already read; a
  // file's size is known: one allocation, no copying as the page grows.
  std::string& data = job->bytes;
  data = std::move(head);
  if (regular) data.reserve(static_cast<size_t>(st.st_size) + 1);
  while (true) {
    const size_t used = data.size();
    // (With the size reserved, the last read, of the one byte to spare,
    // finds the end without growing the page.)
    const size_t room = data.capacity() > used ? data.capacity() - used : size_t{1} << 16;
    data.resize(used + room);
    ssize_t n;
    do {
      n = ::read(fd_, &data[used], room);
    } while (n < 0 && errno == EINTR);
    data.resize(used + static_cast<size_t>(n > 0 ? n : 0));
    if (n < 0) {
      job->error = std::string("cannot read: ") + std::strerror(errno);
      job->bytes.clear();
      return true;
    }
    if (n == 0) break;
    if (data.size() > max_bytes_) {
      job->error = "input is over the limit of " + std::to_string(max_bytes_) + " bytes (--max-bytes)";
      job->bytes.clear();
      return true;
    }
  }
  return true;
}

bool Sources::EndOfStream(Job* job) {
  // A read error ended the stream: it is reported once, as a job of its own.
  if (buf_->error().empty() || read_error_reported_) return false;
  job->shown = inputs_[current_].shown;
  job->error = buf_->error();
  read_error_reported_ = true;
  return true;
}

bool Sources::NextWarc(Job* job) {
  input::WarcRecord rec;
  std::string error;
  const Input& in = inputs_[current_];
  switch (warc_->reader.Next(&rec, &error)) {
    case input::WarcReader::Result::kEnd:
      return EndOfStream(job);
    case input::WarcReader::Result::kError:
      job->shown = in.shown;
      job->error = error;
      return true;
    case input::WarcReader::Result::kRecord:
      break;
  }
  job->shown = in.shown + "@" + std::to_string(rec.offset);
  job->url = rec.target_uri;
  job->warc_record_id = rec.record_id;
  job->warc_date = rec.date;
  if (!rec.is_html) {
    job->skip = true;
    return true;
  }
  job->charset = !rec.http.charset.empty() ? rec.http.charset : rec.charset;
  job->bytes = std::move(rec.body);
  return true;
}

bool Sources::NextJsonl(Job* job) {
  input::JsonlRecord rec;
  std::string error;
  const input::JsonlResult r = jsonl_->Next(&rec, &error);
  if (r == input::JsonlResult::kEnd) return EndOfStream(job);
  job->shown = inputs_[current_].shown + ":" + std::to_string(rec.line);
  job->id = std::move(rec.id);
  job->url = std::move(rec.url);
  job->charset = std::move(rec.charset);
  switch (r) {
    case input::JsonlResult::kError:
      job->error = std::move(error);
      break;
    case input::JsonlResult::kNotHtml:
      job->skip = true;
      break;
    case input::JsonlResult::kPage:
      job->bytes = std::move(rec.html);
      break;
    case input::JsonlResult::kEnd:  // Handled above.
      break;
  }
  return true;
}

}  // namespace pith::cli
