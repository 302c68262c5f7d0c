#pragma once
// Where the exported graph goes: standard output, or a file replaced atomically.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kg::cli {

// The graph could not be written; main() logs it and exits with status 1.
class OutputError : public std::runtime_error {
 public:
  OutputError(const std::string& target, const std::string& reason)
      : std::runtime_error(target + ": cannot write output: " + reason) {}
};

// Output targets, by what `target` is when the output is opened:
//   a regular file or a new path: replaced atomically (below);
//   a symbolic link: followed (through chains of links, dangling ones too) and the file it
//     ends at replaced atomically; the link stays;
//   a character device, FIFO or unix socket (/dev/null, a named pipe), or a descriptor
//     alias (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N): written directly, never
//     replaced or removed (a FIFO's open waits for its reader; a write error such as
//     /dev/full's ENOSPC throws OutputError);
//   a directory or a block device: OutputError, nothing written.

// Replaces `target` with exactly `bytes`, all or nothing.
// Requires: the directory of `target` exists and is writable.
// Ensures: on success `target` holds `bytes` (written to a temporary file in the same
// directory, fsync'ed, then renamed over it; an existing target keeps its permission
// bits). On failure throws OutputError, the temporary file is removed and any existing
// `target` is untouched. Readers never see a half-written file. A device, FIFO or socket
// target is written directly instead (see above).
void write_file_atomically(const std::filesystem::path& target, std::string_view bytes);

// Throws OutputError when `base`, the -o of a format written as several files named
// after it (CSV), is a device, FIFO, socket or descriptor alias: "/dev/null.nodes.csv"
// is never what was meant.
void require_file_base(const std::filesystem::path& base);

// Throws OutputError when the output `target` could not be written, checked before any
// work so a run fails in a second, not after the extraction: a directory, a block device,
// or a file whose directory is missing, not a directory or not writable (the temporary
// file goes there). A device, FIFO, socket or descriptor alias passes.
void require_writable(const std::filesystem::path& target);

// One file of a multi-file output.
struct FileContent {
  std::filesystem::path path;
  std::string_view bytes;
};

// Replaces each file's path with its bytes (the CSV pairs), as write_file_atomically does
// for one. Requires: the paths differ. Ensures: every file is written to its temporary and
// fsync'ed before the first rename, so a write failure throws OutputError with every
// target untouched and no temporary left; only a rename failing (which needs the directory
// to change under the run) can leave the earlier files replaced and the later ones not.
void write_files_atomically(std::span<const FileContent> files);

// Writes the bytes a function puts into the stream it is given.
using StreamWriter = std::function<void(std::ostream&)>;

// Replaces `target` with what `write` puts into its stream, with the guarantees of
// write_file_atomically, without holding the bytes in memory: they go to the temporary
// file through a 1 MiB buffer as they are made. When `write` throws, the exception
// passes on and the target is untouched (a device, FIFO or socket target may have had
// part of the bytes). A failed write to the file throws OutputError once `write` returns
// (the stream goes bad at the failure, so the rest is not written). Returns the bytes
// written.
std::uint64_t write_file_atomically(const std::filesystem::path& target, const StreamWriter& write);

// One file of a multi-file output written as it is made.
struct FileWriter {
  std::filesystem::path path;
  StreamWriter write;
};

// write_files_atomically for streamed files: every file is written to its temporary, in
// order, and fsync'ed before the first rename. Returns the bytes of each file.
std::vector<std::uint64_t> write_files_atomically(std::span<const FileWriter> files);

// A file written piece by piece and put in place by commit(), with the guarantees of
// write_file_atomically: the target is untouched until commit(); destroyed before it, the
// temporary file is removed. For output streamed as it is made (kgbuild extract -o).
// Throws OutputError naming the target from every member that can fail.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(const std::filesystem::path& target);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  void write(std::string_view bytes);  // straight to the file (no buffering in between)
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes `bytes` to `out` and flushes; throws OutputError("standard output", ...) when
// the stream fails (closed pipe, full disk).
void write_stream(std::ostream& out, std::string_view bytes);

}  // namespace kg::cli
