#include "cli/output.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <ostream>
#include <random>
#include <system_error>
#include <vector>

namespace kg::cli {
namespace {

std::string errno_text(int error) { return std::generic_category().message(error); }

// Owns the temporary file until it is renamed into place; removes it otherwise.
class TempFile {
 public:
  explicit TempFile(const std::filesystem::path& target) : target_(target) {
    const std::filesystem::path dir = target.has_parent_path() ? target.parent_path() : ".";
    std::random_device random;
    for (int attempt = 0; attempt < 100 && fd_ < 0; ++attempt) {
      // Hidden and recognisable, so a crash leaves an obvious ".name.kgbuild-tmp-..." file.
      path_ = dir / ("." + target.filename().string() + ".kgbuild-tmp-" +
                     std::to_string(random()));
      // O_EXCL: never reuse or follow someone else's file; 0666 lets the umask decide.
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ < 0 && errno != EEXIST) fail(errno);
    }
    if (fd_ < 0) fail(EEXIST);
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
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
    if (fd_ >= 0) finish();
    if (::rename(path_.c_str(), target_.c_str()) != 0) fail(errno);
    committed_ = true;
  }

 private:
  [[noreturn]] void fail(int error) const { throw OutputError(target_.string(), errno_text(error)); }

  std::filesystem::path target_;
  std::filesystem::path path_;
  int fd_ = -1;
  bool committed_ = false;
};

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
  TempFile temp(target);
  temp.write(bytes);
  temp.commit();
}

void write_files_atomically(std::span<const FileContent> files) {
  // Every file complete on disk before the first rename, so a failure while writing
  // (full disk, missing directory) leaves every target as it was.
  std::vector<std::unique_ptr<TempFile>> temps;
  for (const FileContent& file : files) {
    temps.push_back(std::make_unique<TempFile>(file.path));
    temps.back()->write(file.bytes);
  }
  for (auto& temp : temps) temp->finish();
  for (auto& temp : temps) temp->commit();
}

void write_stream(std::ostream& out, std::string_view bytes) {
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) throw OutputError("standard output", "write failed");
}

}  // namespace kg::cli
