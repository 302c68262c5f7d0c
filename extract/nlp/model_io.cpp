#include "extract/nlp/model_io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "extract/text/error.h"

namespace kg::extract {
namespace {

// Longest kind string accepted; anything longer is a corrupt header, not a kind.
constexpr std::uint32_t kMaxKindBytes = 64;

std::string hex(std::uint64_t v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%0*llx", digits, static_cast<unsigned long long>(v));
  return buf;
}

// The first bytes of a foreign file, printable ASCII as is, the rest as \xNN.
std::string shown_bytes(std::string_view bytes) {
  std::string out = "\"";
  for (const char c : bytes.substr(0, 8)) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 && u < 0x7f && c != '"' && c != '\\') {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    }
  }
  return out + "\"";
}

std::string article(std::string_view word) {
  const bool vowel = !word.empty() && std::string_view("aeiou").find(word[0]) != std::string_view::npos;
  return std::string(vowel ? "an " : "a ") + std::string(word);
}

}  // namespace

std::uint32_t model_checksum(std::string_view bytes) {
  // Each lane: xor in a word, multiply by an odd constant, rotate; lanes are independent,
  // so the multiplies overlap.
  constexpr std::uint64_t kOdd[4] = {0x9e3779b97f4a7c15ull, 0xc2b2ae3d27d4eb4full,
                                     0x165667b19e3779f9ull, 0xd6e8feb86659fd93ull};
  std::uint64_t lane[4] = {kOdd[1], kOdd[2], kOdd[3], kOdd[0]};
  const char* p = bytes.data();
  std::size_t n = bytes.size();
  for (; n >= 32; p += 32, n -= 32) {
    for (int j = 0; j < 4; ++j) {
      std::uint64_t word;
      std::memcpy(&word, p + 8 * j, 8);
      lane[j] = std::rotl((lane[j] ^ word) * kOdd[j], 31);
    }
  }
  std::uint64_t tail = 0;  // the last n < 32 bytes, one at a time
  for (std::size_t i = 0; i < n; ++i) tail = (tail ^ static_cast<unsigned char>(p[i])) * kOdd[1];
  std::uint64_t h = bytes.size() * kOdd[0];
  for (int j = 0; j < 4; ++j) h = std::rotl((h ^ lane[j]) * kOdd[(j + 1) % 4], 27);
  h = std::rotl((h ^ tail) * kOdd[2], 29);
  h ^= h >> 32;
  h *= kOdd[3];
  h ^= h >> 29;
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

ModelBytes& ModelBytes::operator=(ModelBytes&& other) noexcept {
  if (this == &other) return *this;
  if (map_ != nullptr) ::munmap(map_, map_size_);
  owned_ = std::move(other.owned_);
  map_ = other.map_;
  map_size_ = other.map_size_;
  view_ = map_ != nullptr ? other.view_ : std::string_view(owned_);
  other.map_ = nullptr;
  other.map_size_ = 0;
  other.owned_.clear();
  other.view_ = {};
  return *this;
}

ModelBytes::~ModelBytes() {
  if (map_ != nullptr) ::munmap(map_, map_size_);
}

ModelBytes ModelBytes::from_file(const std::filesystem::path& path) {
  const std::string name = path.string();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw ModelError(name + ": model file not found");
  if (std::filesystem::is_directory(path, ec))
    throw ModelError(name + ": is a directory, expected a model file");
  const int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw ModelError(name + ": cannot open model file: " + std::strerror(errno));
  struct stat st {};
  ModelBytes out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    const auto size = static_cast<std::size_t>(st.st_size);
    void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      ::close(fd);
      out.map_ = p;
      out.map_size_ = size;
      out.view_ = std::string_view(static_cast<const char*>(p), size);
      return out;
    }
  }
  // Not mappable (a pipe, an empty file, a file system without mmap): read it.
  std::string bytes;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      throw ModelError(name + ": cannot read model file: " + std::strerror(err));
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return ModelBytes(std::move(bytes));
}

void BinaryWriter::string(std::string_view s) {
  if (s.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("BinaryWriter::string: longer than 4 GiB");
  u32(static_cast<std::uint32_t>(s.size()));
  buffer_.append(s);
}

void BinaryReader::truncated(std::size_t n, std::string_view what) const {
  fail("truncated: expected " + std::string(what) + " (" + std::to_string(n) + " bytes), " +
       std::to_string(remaining()) + " left");
}

std::string BinaryReader::string(std::string_view what) {
  const std::uint32_t n = u32(what);
  return std::string(bytes(n, what));
}

std::size_t BinaryReader::count(std::size_t min_element_bytes, std::string_view what) {
  const std::uint64_t n = u64(what);
  if (min_element_bytes > 0 && n > remaining() / min_element_bytes) {
    fail("truncated: " + std::string(what) + " says " + std::to_string(n) + " elements, " +
         std::to_string(remaining()) + " bytes left");
  }
  return static_cast<std::size_t>(n);
}

void BinaryReader::fail(std::string_view reason) const {
  throw ModelError(file_ + ": byte " + std::to_string(offset()) + ": " + std::string(reason));
}

void BinaryReader::expect_end(std::string_view what) const {
  if (!at_end()) fail(std::to_string(remaining()) + " unread bytes after " + std::string(what));
}

std::string encode_model(std::string_view kind, std::uint64_t fingerprint,
                         std::string_view payload, std::uint32_t version) {
  BinaryWriter w;
  w.bytes(kModelMagic);
  w.u32(version);
  w.string(kind);
  w.u64(fingerprint);
  w.u64(payload.size());
  w.bytes(payload);
  w.u32(version == 1 ? fnv1a32(payload) : model_checksum(payload));
  return w.take();
}

void write_model_file(const std::filesystem::path& path, std::string_view kind,
                      std::uint64_t fingerprint, std::string_view payload) {
  const std::string image = encode_model(kind, fingerprint, payload);
  const std::string name = path.string();
  std::string tmp = name + ".tmp-XXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) throw ModelError(name + ": cannot write model: " + std::strerror(errno));
  const auto fail = [&](const char* step) {
    const int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    throw ModelError(name + ": cannot write model (" + step + "): " + std::strerror(err));
  };
  std::size_t done = 0;
  while (done < image.size()) {
    const ssize_t n = ::write(fd, image.data() + done, image.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail("write");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) fail("chmod");
  if (::fsync(fd) != 0) fail("fsync");
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw ModelError(name + ": cannot write model (close): " + std::strerror(err));
  }
  if (::rename(tmp.c_str(), name.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    throw ModelError(name + ": cannot write model (rename): " + std::strerror(err));
  }
}

ModelFile decode_model(ModelBytes bytes, std::string name, std::string_view expected_kind,
                       std::uint64_t expected_fingerprint) {
  const std::string_view view = bytes.view();
  if (view.empty()) throw ModelError(name + ": empty file, not a kgbuild model");
  if (!view.starts_with(kModelMagic)) {
    if (view.size() < kModelMagic.size() && kModelMagic.starts_with(view))
      throw ModelError(name + ": truncated kgbuild model: " + std::to_string(view.size()) +
                       " bytes, the header alone needs more");
    throw ModelError(name + ": not a kgbuild model: starts with " + shown_bytes(view) +
                     ", expected \"KGMODEL\\x00\"");
  }

  BinaryReader r(view, name);
  r.bytes(kModelMagic.size(), "magic");
  ModelFile file;
  file.version = r.u32("format version");
  if (file.version > kModelFormatVersion) {
    throw ModelError(name + ": model format version " + std::to_string(file.version) +
                     " is newer than this kgbuild supports (" +
                     std::to_string(kModelFormatVersion) + "); use a newer kgbuild or retrain");
  }
  if (file.version < kOldestModelFormatVersion)
    throw ModelError(name + ": unknown model format version " + std::to_string(file.version));

  const std::uint32_t kind_size = r.u32("kind length");
  if (kind_size == 0 || kind_size > kMaxKindBytes)
    r.fail("corrupt header: kind length " + std::to_string(kind_size));
  file.kind = std::string(r.bytes(kind_size, "kind"));
  if (file.kind != expected_kind) {
    throw ModelError(name + ": is " + article(file.kind) + " model, expected " +
                     article(expected_kind) + " model");
  }
  file.fingerprint = r.u64("feature fingerprint");
  if (file.fingerprint != expected_fingerprint) {
    throw ModelError(name + ": " + file.kind + " model built for feature templates " +
                     hex(file.fingerprint, 16) + ", this kgbuild uses " +
                     hex(expected_fingerprint, 16) + "; retrain it with kgbuild train " +
                     file.kind);
  }
  const std::uint64_t payload_size = r.u64("payload size");
  if (payload_size > r.remaining() || r.remaining() - payload_size < 4) {
    throw ModelError(name + ": truncated: the header promises " + std::to_string(payload_size) +
                     " payload bytes and a 4-byte checksum, only " +
                     std::to_string(r.remaining()) + " bytes follow it");
  }
  file.payload_offset = static_cast<std::size_t>(r.offset());
  file.payload_size = static_cast<std::size_t>(payload_size);
  const std::string_view payload = r.bytes(file.payload_size, "payload");
  const std::uint32_t stored = r.u32("checksum");
  if (!r.at_end()) {
    throw ModelError(name + ": " + std::to_string(r.remaining()) +
                     " unexpected bytes after the checksum at byte " +
                     std::to_string(r.offset() - 4));
  }
  const std::uint32_t computed = file.version == 1 ? fnv1a32(payload) : model_checksum(payload);
  if (stored != computed) {
    throw ModelError(name + ": checksum mismatch (stored " + hex(stored, 8) + ", computed " +
                     hex(computed, 8) + "): the file is corrupt");
  }
  file.path = std::move(name);
  file.bytes = std::move(bytes);
  return file;
}

ModelFile read_model_file(const std::filesystem::path& path, std::string_view expected_kind,
                          std::uint64_t expected_fingerprint) {
  return decode_model(ModelBytes::from_file(path), path.string(), expected_kind, expected_fingerprint);
}

}  // namespace kg::extract
