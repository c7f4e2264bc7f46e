#include "cli/batch.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

namespace pith::cli {
namespace fs = std::filesystem;

namespace {

class Progress {
 public:
  Progress(bool enabled, size_t total) : enabled_(enabled), total_(total) {}

  void Update(size_t done, size_t bytes, bool final = false) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (!final && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double dps = secs > 0 ? done / secs : 0, mbps = secs > 0 ? bytes / secs / 1e6 : 0;
    char line[160];
    if (final) {
      std::fprintf(stderr, "\r\033[K");
      return;
    }
    double eta = dps > 0 ? (total_ - done) / dps : 0;
    std::snprintf(line, sizeof line, "\r\033[K%zu/%zu docs  %.1f docs/s  %.1f MB/s  ETA %.0fs",
                  done, total_, dps, mbps, eta);
    std::fputs(line, stderr);
    std::fflush(stderr);
  }

 private:
  bool enabled_;
  size_t total_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

void RunBatch(size_t count, const BatchOptions& options,
              const std::function<DocResult(size_t)>& work,
              const std::function<void(size_t, DocResult&)>& emit) {
  const size_t threads = std::max<size_t>(1, options.threads);
  const size_t window = options.window ? options.window : 4 * threads;
  Progress progress(options.progress, count);
  size_t done_bytes = 0;
  if (threads == 1) {
    for (size_t i = 0; i < count; ++i) {
      DocResult r = work(i);
      done_bytes += r.bytes;
      emit(i, r);
      progress.Update(i + 1, done_bytes);
    }
    progress.Update(count, done_bytes, true);
    return;
  }

  std::mutex mu;
  std::condition_variable ready;  // A result arrived.
  std::condition_variable room;   // The window moved on.
  std::map<size_t, DocResult> pending;
  size_t next_take = 0, next_emit = 0;

  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu);
        room.wait(lock, [&] { return next_take >= count || next_take < next_emit + window; });
        if (next_take >= count) return;
        i = next_take++;
      }
      DocResult r = work(i);
      {
        std::lock_guard<std::mutex> lock(mu);
        pending.emplace(i, std::move(r));
      }
      ready.notify_one();
    }
  };
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  while (next_emit < count) {
    DocResult r;
    {
      std::unique_lock<std::mutex> lock(mu);
      ready.wait(lock, [&] { return pending.count(next_emit) > 0; });
      auto it = pending.find(next_emit);
      r = std::move(it->second);
      pending.erase(it);
    }
    done_bytes += r.bytes;
    emit(next_emit, r);
    {
      std::lock_guard<std::mutex> lock(mu);
      ++next_emit;
    }
    room.notify_all();
    progress.Update(next_emit, done_bytes);
  }
  for (auto& t : pool) t.join();
  progress.Update(count, done_bytes, true);
}

bool ReadAll(const std::string& path, size_t max_bytes, std::string* data, std::string* err) {
  int fd = 0;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      *err = std::string("cannot open: ") + std::strerror(errno);
      return false;
    }
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
      if (static_cast<uintmax_t>(st.st_size) > max_bytes) {
        *err = "file is " + std::to_string(st.st_size) + " bytes, over the limit of " +
               std::to_string(max_bytes) + " (--max-bytes)";
        ::close(fd);
        return false;
      }
      data->reserve(static_cast<size_t>(st.st_size));
    }
  }
  data->clear();
  char buf[1 << 16];
  bool ok = true;
  while (true) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = std::string("cannot read: ") + std::strerror(errno);
      ok = false;
      break;
    }
    if (data->size() + static_cast<size_t>(n) > max_bytes) {
      *err = "input is over the limit of " + std::to_string(max_bytes) + " bytes (--max-bytes)";
      ok = false;
      break;
    }
    data->append(buf, static_cast<size_t>(n));
  }
  if (fd != 0) ::close(fd);
  return ok;
}

bool WriteAtomic(const std::string& path_str, const std::string& text, std::string* err) {
  fs::path path(path_str);
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  if (ec) {
    *err = "cannot create " + path.parent_path().string() + ": " + ec.message();
    return false;
  }
  std::string tmp = (path.parent_path() / ("." + path.filename().string() + ".pith-tmp")).string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = "cannot write " + tmp + ": " + std::strerror(errno);
    return false;
  }
  size_t off = 0;
  while (off < text.size()) {
    ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      *err = "cannot write " + tmp + ": " + std::strerror(errno);
      ::close(fd);
      ::unlink(tmp.c_str());
      return false;
    }
    off += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) {
    *err = "cannot write " + tmp + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  if (::rename(tmp.c_str(), path_str.c_str()) != 0) {
    *err = "cannot rename to " + path_str + ": " + std::strerror(errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

}  // namespace pith::cli
