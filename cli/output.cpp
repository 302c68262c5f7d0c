#include "cli/output.h"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <exception>
#include <optional>
#include <ostream>
#include <streambuf>
#include <random>
#include <system_error>
#include <vector>

namespace kg::cli {
namespace {

std::string errno_text(int error) { return std::generic_category().message(error); }

[[noreturn]] void fail(const std::filesystem::path& target, const std::string& reason) {
  throw OutputError(target.string(), reason);
}

// The descriptor number a path names when it is one of the kernel's aliases of an open
// descriptor (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N): writing goes to that
// descriptor, whatever it is (a pipe, a socket, a terminal, a file opened with >>).
std::optional<int> descriptor_alias(const std::filesystem::path& target) {
  const std::string s = target.lexically_normal().string();
  if (s == "/dev/stdout") return 1;
  if (s == "/dev/stderr") return 2;
  for (const std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (!s.starts_with(prefix) || s.size() == prefix.size() || s.size() > prefix.size() + 9) continue;
    const std::string digits = s.substr(prefix.size());
    if (digits.find_first_not_of("0123456789") != std::string::npos) continue;
    return std::stoi(digits);
  }
  return std::nullopt;
}

// The path a chain of symbolic links ends at (itself when it is no link); that path may not
// exist yet (a dangling link: the file is created where it points).
std::filesystem::path link_target(const std::filesystem::path& target) {
  std::filesystem::path p = target;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
    std::error_code error;
    const std::filesystem::path to = std::filesystem::read_symlink(p, error);
    if (error) fail(target, error.message());
    p = to.is_absolute() ? to : p.parent_path() / to;
  }
  fail(target, errno_text(ELOOP));
}

// A unix socket's path, connected to as a stream.
int connect_socket(const std::filesystem::path& target) {
  sockaddr_un address {};
  address.sun_family = AF_UNIX;
  const std::string path = target.string();
  if (path.size() >= sizeof(address.sun_path)) fail(target, errno_text(ENAMETOOLONG));
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) fail(target, errno_text(errno));
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    const int error = errno;
    ::close(fd);
    fail(target, errno_text(error));
  }
  return fd;
}

// A descriptor to write `target` directly when it is not a file to replace (a character
// device, FIFO, socket or descriptor alias); none for a regular file or a new path. Throws
// for a directory or a block device.
std::optional<int> open_direct(const std::filesystem::path& target) {
  if (const auto alias = descriptor_alias(target)) {
    const int fd = ::fcntl(*alias, F_DUPFD_CLOEXEC, 0);
    if (fd < 0) fail(target, errno_text(errno));
    return fd;
  }
  struct stat st {};
  if (::stat(target.c_str(), &st) != 0) return std::nullopt;  // new (or unreachable: the temporary file says why)
  if (S_ISDIR(st.st_mode)) fail(target, "is a directory");
  if (S_ISBLK(st.st_mode)) fail(target, "is a block device; kgbuild does not write to one");
  if (S_ISSOCK(st.st_mode)) return connect_socket(target);
  if (!S_ISCHR(st.st_mode) && !S_ISFIFO(st.st_mode)) return std::nullopt;
  int fd = -1;
  do {
    fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);  // a FIFO waits here for its reader
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) fail(target, errno_text(errno));
  return fd;
}

// Where the bytes of one output go until commit(): a temporary file in the directory of
// the (link-resolved) target, renamed over it by commit() and removed otherwise; or, for
// a device, FIFO, socket or descriptor alias, the target itself, written as it comes.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& target) : name_(target) {
    if (const auto fd = open_direct(target)) {
      fd_ = *fd;
      direct_ = true;
      return;
    }
    target_ = link_target(target);
    const std::filesystem::path dir = target_.has_parent_path() ? target_.parent_path() : ".";
    std::random_device random;
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
      // Hidden and recognisable, so a crash leaves an obvious ".name.kgbuild-tmp-..." file.
      path_ = dir / ("." + target_.filename().string() + ".kgbuild-tmp-" +
                     std::to_string(random()));
      // O_EXCL: never reuse or follow someone else's file; 0666 lets the umask decide.
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) fail(errno);
    }
    if (fd_ < 0) fail(EEXIST);
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_ && !direct_) ::unlink(path_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  void write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
      if (written < 0 && errno == EINTR) continue;
      if (written < 0) fail(errno);
      bytes.remove_prefix(static_cast<std::size_t>(written));
    }
  }

  // Everything up to the rename: the file is complete and on disk.
  void finish() {
    if (direct_) return;  // nothing to sync on a device or pipe; closed by commit()
    struct stat existing {};
    if (::stat(target_.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
      ::fchmod(fd_, existing.st_mode & 07777);  // best effort: replacing keeps the mode
    }
    if (::fsync(fd_) != 0) fail(errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(errno);  // NFS and friends report write errors here
  }

  void commit() {
    if (direct_) {
      const int fd = fd_;
      fd_ = -1;
      committed_ = true;
      if (fd >= 0 && ::close(fd) != 0 && errno != EINTR) fail(errno);
      return;
    }
    if (fd_ >= 0) finish();
    if (::rename(path_.c_str(), target_.c_str()) != 0) fail(errno);
    committed_ = true;
  }

 private:
  [[noreturn]] void fail(int error) const { ::kg::cli::fail(name_, errno_text(error)); }

  std::filesystem::path name_;    // as given: every message names it
  std::filesystem::path target_;  // the file renamed over: name_ with its links followed
  std::filesystem::path path_;    // the temporary file
  int fd_ = -1;
  bool direct_ = false;  // fd_ is the target itself
  bool committed_ = false;
};

// An ostream's buffer in front of a TempFile: 1 MiB, written out when full, on flush and by
// finish(). A failed write is kept (the stream goes bad) and thrown by finish().
class TempFileBuffer : public std::streambuf {
 public:
  explicit TempFileBuffer(TempFile& file) : file_(file), buffer_(std::size_t{1} << 20) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  // Writes what is buffered; throws the first write failure.
  void finish() {
    drain();
    if (error_) std::rethrow_exception(error_);
  }
  std::uint64_t written() const { return written_; }

 protected:
  int_type overflow(int_type ch) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    if (n < epptr() - pptr()) {
      std::memcpy(pptr(), s, static_cast<std::size_t>(n));
      pbump(static_cast<int>(n));
      return n;
    }
    // Bigger than the room left: what is buffered, then the piece itself.
    if (!drain() || !put(std::string_view(s, static_cast<std::size_t>(n)))) return 0;
    return n;
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool put(std::string_view bytes) {
    if (error_) return false;
    try {
      file_.write(bytes);
      written_ += bytes.size();
      return true;
    } catch (...) {
      error_ = std::current_exception();
      return false;
    }
  }
  bool drain() {
    const bool ok = put(std::string_view(pbase(), static_cast<std::size_t>(pptr() - pbase())));
    setp(buffer_.data(), buffer_.data() + buffer_.size());
    return ok;
  }

  TempFile& file_;
  std::vector<char> buffer_;
  std::exception_ptr error_;
  std::uint64_t written_ = 0;
};

// Runs `write` on a stream into `file`; throws what `write` throws, then a write failure.
std::uint64_t stream_into(TempFile& file, const StreamWriter& write) {
  TempFileBuffer buffer(file);
  std::ostream out(&buffer);
  write(out);
  buffer.finish();
  return buffer.written();
}

}  // namespace

struct AtomicFileWriter::Impl : TempFile {
  using TempFile::TempFile;
};

AtomicFileWriter::AtomicFileWriter(const std::filesystem::path& target)
    : impl_(std::make_unique<Impl>(target)) {}
AtomicFileWriter::~AtomicFileWriter() = default;
void AtomicFileWriter::write(std::string_view bytes) { impl_->write(bytes); }
void AtomicFileWriter::commit() { impl_->commit(); }

void write_file_atomically(const std::filesystem::path& target, std::string_view bytes) {
  write_file_atomically(target, [&](std::ostream& out) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  });
}

std::uint64_t write_file_atomically(const std::filesystem::path& target, const StreamWriter& write) {
  TempFile temp(target);
  const std::uint64_t bytes = stream_into(temp, write);
  temp.commit();
  return bytes;
}

std::vector<std::uint64_t> write_files_atomically(std::span<const FileWriter> files) {
  // Every file complete on disk before the first rename, so a failure while writing
  // (full disk, missing directory) leaves every target as it was.
  std::vector<std::unique_ptr<TempFile>> temps;
  std::vector<std::uint64_t> bytes;
  for (const FileWriter& file : files) {
    temps.push_back(std::make_unique<TempFile>(file.path));
    bytes.push_back(stream_into(*temps.back(), file.write));
  }
  for (auto& temp : temps) temp->finish();
  for (auto& temp : temps) temp->commit();
  return bytes;
}

void write_files_atomically(std::span<const FileContent> files) {
  std::vector<FileWriter> writers;
  for (const FileContent& file : files)
    writers.push_back({file.path, [bytes = file.bytes](std::ostream& out) {
                         out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
                       }});
  write_files_atomically(writers);
}

void require_file_base(const std::filesystem::path& base) {
  struct stat st {};
  const bool special = descriptor_alias(base) ||
                       (::stat(base.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
  if (special)
    fail(base, "is not a file path; a pair of CSV files is named after a path (-o out/graph.csv gives "
               "out/graph.nodes.csv and out/graph.edges.csv)");
}

void require_writable(const std::filesystem::path& target) {
  if (descriptor_alias(target)) return;
  const std::filesystem::path path = link_target(target);
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) fail(target, "is a directory");
    if (S_ISBLK(st.st_mode)) fail(target, "is a block device");
    if (!S_ISREG(st.st_mode)) return;  // a device, FIFO or socket: opened when the graph is ready
  }
  const std::filesystem::path dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  struct stat ds {};
  if (::stat(dir.c_str(), &ds) != 0) fail(target, "directory " + dir.string() + ": " + errno_text(errno));
  if (!S_ISDIR(ds.st_mode)) fail(target, dir.string() + " is not a directory");
  // The temporary file is made beside the target: its directory must take new files.
  if (::access(dir.c_str(), W_OK | X_OK) != 0) fail(target, "directory " + dir.string() + ": " + errno_text(errno));
}

void write_stream(std::ostream& out, std::string_view bytes) {
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) throw OutputError("standard output", "write failed");
}

}  // namespace kg::cli
