#pragma once
// One error policy: library code throws these, `main` catches them once, logs them
// through spdlog and turns them into a non-zero exit status. Never exit() in a library.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace kg {

// Bad input: names the file, the byte offset where known, and the reason.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::string reason, std::optional<std::uint64_t> offset = std::nullopt)
      : std::runtime_error(compose(file, reason, offset)),
        file_(std::move(file)), reason_(std::move(reason)), offset_(offset) {}
  const std::string& file() const { return file_; }
  const std::string& reason() const { return reason_; }
  std::optional<std::uint64_t> offset() const { return offset_; }

 private:
  static std::string compose(const std::string& file, const std::string& reason,
                             std::optional<std::uint64_t> offset) {
    std::string s = file;
    if (offset) s += ": byte " + std::to_string(*offset);
    return s + ": " + reason;
  }
  std::string file_, reason_;
  std::optional<std::uint64_t> offset_;
};

// Wrong command line or option value.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Unreadable, foreign or unsupported model or resource file.
class ModelError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kg
