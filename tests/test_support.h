#pragma once
// Small helpers shared by the doctest suites: temporary files and directories, running
// external programs, and finding out whether a client program or the shared data is there
// to test against.
//
// Requires: a POSIX system with /bin/sh. Ensures: TempFile and TempDir remove what they
// created when they go out of scope; run() never throws on a failing command, it reports
// the exit status and the combined stdout+stderr so a test can show it. A test whose client
// program or shared data is missing skips with KG_SKIP_MISSING (below), never fails.
// Thread safety: none needed (doctest runs tests one at a time).
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <iostream>
#include <sstream>
#include <vector>

#include <doctest/doctest.h>

namespace kg::test {

// What cannot run here: a test that needs ../shared or a client program that is not
// installed calls KG_SKIP_MISSING(reason) and returns. It prints kSkipMarker and the reason,
// which ctest reports as "Skipped" (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt). With
// KG_REQUIRE_ALL_TESTS=1 in the environment (CI, which installs every client and has
// ../shared) the test fails instead, so nothing is skipped unseen there.
inline constexpr std::string_view kSkipMarker = "[kgbuild test skipped] ";

inline bool all_tests_required() {
  const char* v = std::getenv("KG_REQUIRE_ALL_TESTS");
  return v && *v && std::string_view(v) != "0";
}

inline void skip_missing(const std::string& reason) {
  if (all_tests_required()) FAIL("KG_REQUIRE_ALL_TESTS is set but this test cannot run: " << reason);
  std::cout << kSkipMarker << reason << std::endl;
}

#define KG_SKIP_MISSING(...)                      \
  do {                                            \
    std::ostringstream kg_skip_reason_;           \
    kg_skip_reason_ << __VA_ARGS__;               \
    ::kg::test::skip_missing(kg_skip_reason_.str()); \
  } while (false)

// A fresh, uniquely named file in the system temp directory, deleted on destruction.
class TempFile {
 public:
  explicit TempFile(std::string_view suffix = "") {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "kgbuild-test-XXXXXX").string() + std::string(suffix);
    const int fd = ::mkstemps(pattern.data(), static_cast<int>(suffix.size()));
    if (fd < 0) throw std::runtime_error("cannot create a temporary file from " + pattern);
    ::close(fd);
    path_ = pattern;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  std::string string() const { return path_.string(); }

  void write(std::string_view content) const {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path_.string());
  }

 private:
  std::filesystem::path path_;
};

// A fresh, uniquely named directory in the system temp directory, removed with everything
// in it on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "kgbuild-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary directory from " + pattern);
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  std::string string() const { return path_.string(); }
  std::filesystem::path operator/(const std::filesystem::path& relative) const { return path_ / relative; }

  // Writes `content` to path()/relative, creating parent directories; returns the full path.
  std::filesystem::path write(const std::filesystem::path& relative, std::string_view content) const {
    const std::filesystem::path file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
    return file;
  }

  // Every file and directory below path(), relative and '/'-separated, sorted.
  std::vector<std::string> listing() const {
    std::vector<std::string> entries;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path_))
      entries.push_back(entry.path().lexically_relative(path_).generic_string());
    std::sort(entries.begin(), entries.end());
    return entries;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// s quoted for /bin/sh: single quotes, with embedded ones closed and reopened.
inline std::string shell_quote(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

struct CommandResult {
  int status = -1;     // exit status; -1 when the command could not run or was killed
  std::string output;  // stdout and stderr together
};

// Runs a /bin/sh command line, capturing its output.
inline CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  char chunk[4096];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, pipe)) > 0) result.output.append(chunk, n);
  const int raw = ::pclose(pipe);
  if (raw != -1 && WIFEXITED(raw)) result.status = WEXITSTATUS(raw);
  return result;
}

// True when `name` is a program on PATH (or an executable path).
inline bool have_command(std::string_view name) {
  return run("command -v " + shell_quote(name) + " >/dev/null").status == 0;
}

// The interpreter that has the distribution's python3-networkx/python3-igraph; the
// python3 first on PATH may be a different one without them.
inline constexpr std::string_view kSystemPython = "/usr/bin/python3";

// True when the system python imports every module listed.
inline bool have_python_modules(std::initializer_list<std::string_view> modules) {
  if (!std::filesystem::exists(kSystemPython)) return false;
  std::string imports;
  for (std::string_view m : modules) imports += "import " + std::string(m) + "\n";
  return run(std::string(kSystemPython) + " -c " + shell_quote(imports)).status == 0;
}

// Runs a Python script under the system python with the given arguments.
inline CommandResult run_python(std::string_view script, std::initializer_list<std::string> args) {
  std::string command = std::string(kSystemPython) + " -c " + shell_quote(script);
  for (const std::string& arg : args) command += " " + shell_quote(arg);
  return run(command);
}

#ifdef KG_BINARY
// What a run of the kgbuild binary under test gave: exit status, stdout and stderr apart.
struct KgbuildOutcome {
  int status = -1;
  std::string out;  // stdout only
  std::string err;  // stderr only
};

// Runs kgbuild with `args` (already shell-quoted) in `cwd`, `stdin_text` on its standard input.
inline KgbuildOutcome run_kgbuild(const std::string& args, const std::string& stdin_text = "",
                                  const std::filesystem::path& cwd = ".") {
  const TempFile out, err, in;
  in.write(stdin_text);
  const auto result = run("{ cd " + shell_quote(cwd.string()) + " && " + shell_quote(KG_BINARY) + " " + args + " <" +
                          shell_quote(in.string()) + " >" + shell_quote(out.string()) + " 2>" +
                          shell_quote(err.string()) + "; }");
  return {result.status, read_file(out.path()), read_file(err.path())};
}
#endif

// The shared evaluation directory (gold, schemas, eval), when this checkout has one.
inline std::optional<std::filesystem::path> shared_dir() {
#ifdef KG_SHARED_DIR
  const std::filesystem::path dir(KG_SHARED_DIR);
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return dir;
#endif
  return std::nullopt;
}

// Hex digits of the bytes of s, to pass arbitrary bytes through a command line.
inline std::string to_hex(std::string_view s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * s.size());
  for (unsigned char c : s) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xF];
  }
  return out;
}

}  // namespace kg::test
