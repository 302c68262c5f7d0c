#include "cli/output.h"

#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/test_support.h"

using kg::cli::OutputError;
using kg::cli::require_writable;
using kg::cli::write_file_atomically;
using Strings = std::vector<std::string>;

TEST_CASE("cli output: writes a new file with exactly the bytes") {
  kg::test::TempDir dir;
  const std::string bytes("graph\0bytes\n", 12);
  write_file_atomically(dir / "g.json", bytes);
  CHECK(kg::test::read_file(dir / "g.json") == bytes);
  CHECK(dir.listing() == Strings{"g.json"});
}

TEST_CASE("cli output: replaces an existing file and keeps its permission bits") {
  kg::test::TempDir dir;
  const auto target = dir.write("g.json", "old");
  ::chmod(target.c_str(), 0640);
  write_file_atomically(target, "new");
  CHECK(kg::test::read_file(target) == "new");
  struct stat st {};
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  CHECK(dir.listing() == Strings{"g.json"});
}

TEST_CASE("cli output: a missing directory throws OutputError and creates nothing") {
  kg::test::TempDir dir;
  CHECK_THROWS_AS(write_file_atomically(dir / "no/such/g.json", "x"), OutputError);
  CHECK(dir.listing().empty());
}

TEST_CASE("cli output: a directory in the way throws and leaves no temporary file") {
  kg::test::TempDir dir;
  std::filesystem::create_directory(dir / "g.json");
  dir.write("g.json/keep.txt", "keep");
  CHECK_THROWS_AS(write_file_atomically(dir / "g.json", "x"), OutputError);
  CHECK(dir.listing() == Strings{"g.json", "g.json/keep.txt"});
}

TEST_CASE("cli output: the error names the target") {
  kg::test::TempDir dir;
  const auto target = (dir / "no/g.json").string();
  try {
    write_file_atomically(target, "x");
    FAIL("no exception");
  } catch (const OutputError& e) {
    CHECK(std::string(e.what()).starts_with(target + ": cannot write output: "));
  }
}

TEST_CASE("cli output: write_stream fails loudly on a failed stream") {
  std::ostringstream good;
  kg::cli::write_stream(good, "abc");
  CHECK(good.str() == "abc");
  std::ostringstream bad;
  bad.setstate(std::ios::badbit);
  CHECK_THROWS_AS(kg::cli::write_stream(bad, "abc"), OutputError);
}

TEST_CASE("cli output: write_files_atomically writes every file") {
  kg::test::TempDir dir;
  const kg::cli::FileContent files[] = {{dir / "g.nodes.csv", "nodes"}, {dir / "g.edges.csv", "edges"}};
  kg::cli::write_files_atomically(files);
  CHECK(kg::test::read_file(dir / "g.nodes.csv") == "nodes");
  CHECK(kg::test::read_file(dir / "g.edges.csv") == "edges");
  CHECK(dir.listing() == Strings{"g.edges.csv", "g.nodes.csv"});
}

TEST_CASE("cli output: when one file cannot be written, no target changes and no temporary stays") {
  kg::test::TempDir dir;
  dir.write("g.nodes.csv", "old nodes");
  const kg::cli::FileContent files[] = {{dir / "g.nodes.csv", "new nodes"}, {dir / "no/g.edges.csv", "edges"}};
  CHECK_THROWS_AS(kg::cli::write_files_atomically(files), OutputError);
  CHECK(kg::test::read_file(dir / "g.nodes.csv") == "old nodes");
  CHECK(dir.listing() == Strings{"g.nodes.csv"});
}

// ---- output streamed as it is made ----

TEST_CASE("cli output: a streamed file holds every byte, small pieces and pieces bigger than the buffer") {
  kg::test::TempDir dir;
  std::string expected;
  const std::uint64_t bytes = write_file_atomically(dir / "g.json", [&](std::ostream& out) {
    for (int i = 0; i < 3; ++i) {
      const std::string small = "line " + std::to_string(i) + "\n";
      const std::string big(std::size_t{3} << 19, static_cast<char>('a' + i));  // 1.5 MiB
      out << small;
      out.put('\0');
      out << big;
      expected += small + '\0' + big;
    }
  });
  CHECK(kg::test::read_file(dir / "g.json") == expected);
  CHECK(bytes == expected.size());
  CHECK(dir.listing() == Strings{"g.json"});
}

TEST_CASE("cli output: a streamed file whose writer throws leaves the target as it was and no temporary") {
  kg::test::TempDir dir;
  const auto target = dir.write("g.json", "old");
  CHECK_THROWS_AS(write_file_atomically(target,
                                        [](std::ostream& out) {
                                          out << std::string(std::size_t{2} << 20, 'x');  // some of it on disk
                                          throw std::runtime_error("exporter failed");
                                        }),
                  std::runtime_error);
  CHECK(kg::test::read_file(target) == "old");
  CHECK(dir.listing() == Strings{"g.json"});
}

TEST_CASE("cli output: a streamed write error throws OutputError once the writer returns (/dev/full)") {
  if (::access("/dev/full", W_OK) != 0) return;
  bool writer_returned = false;
  CHECK_THROWS_AS(write_file_atomically("/dev/full",
                                        [&](std::ostream& out) {
                                          out << std::string(std::size_t{3} << 20, 'x');
                                          CHECK(out.bad());  // the stream went bad at the failure
                                          writer_returned = true;
                                        }),
                  OutputError);
  CHECK(writer_returned);
}

TEST_CASE("cli output: streamed files are all written, or none replaced when one cannot be") {
  kg::test::TempDir dir;
  const kg::cli::FileWriter both[] = {{dir / "g.nodes.csv", [](std::ostream& o) { o << "nodes"; }},
                                      {dir / "g.edges.csv", [](std::ostream& o) { o << "edges!"; }}};
  CHECK(kg::cli::write_files_atomically(both) == std::vector<std::uint64_t>{5, 6});
  CHECK(kg::test::read_file(dir / "g.nodes.csv") == "nodes");
  CHECK(kg::test::read_file(dir / "g.edges.csv") == "edges!");
  const kg::cli::FileWriter one_fails[] = {{dir / "g.nodes.csv", [](std::ostream& o) { o << "new nodes"; }},
                                           {dir / "g.edges.csv", [](std::ostream&) { throw std::runtime_error("no"); }}};
  CHECK_THROWS_AS(kg::cli::write_files_atomically(one_fails), std::runtime_error);
  CHECK(kg::test::read_file(dir / "g.nodes.csv") == "nodes");
  CHECK(dir.listing() == Strings{"g.edges.csv", "g.nodes.csv"});
}

// ---- targets that are not regular files ----

namespace {

bool is_char_node(const std::filesystem::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 && S_ISCHR(st.st_mode);
}

bool is_fifo_node(const std::filesystem::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0 && S_ISFIFO(st.st_mode);
}

// Reads a FIFO to its end on another thread (its open blocks until a writer comes).
class FifoReader {
 public:
  explicit FifoReader(const std::filesystem::path& fifo)
      : thread_([this, fifo] { bytes_ = kg::test::read_file(fifo); }) {}
  std::string bytes() {
    thread_.join();
    return bytes_;
  }

 private:
  std::string bytes_;
  std::thread thread_;
};

}  // namespace

TEST_CASE("cli output: a FIFO is written directly and stays a FIFO") {
  kg::test::TempDir dir;
  const auto fifo = dir / "pipe.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  FifoReader reader(fifo);
  write_file_atomically(fifo, "graph bytes");
  CHECK(reader.bytes() == "graph bytes");
  CHECK(is_fifo_node(fifo));
  CHECK(dir.listing() == Strings{"pipe.json"});
}

TEST_CASE("cli output: an AtomicFileWriter on a FIFO streams into it") {
  kg::test::TempDir dir;
  const auto fifo = dir / "pipe.jsonl";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  FifoReader reader(fifo);
  {
    kg::cli::AtomicFileWriter writer(fifo);
    writer.write("one\n");
    writer.write("two\n");
    writer.commit();
  }
  CHECK(reader.bytes() == "one\ntwo\n");
  CHECK(is_fifo_node(fifo));
}

TEST_CASE("cli output: /dev/null is written and stays a character device") {
  // Only written to when this user may: the code path is the one of every character device.
  if (::access("/dev/null", W_OK) != 0) return;
  kg::test::TempDir dir;
  // A private copy of /dev/null (root only): if the rule broke, the copy would be replaced,
  // never the real node. Without mknod rights the real /dev/null is used, which a
  // non-root user cannot replace anyway.
  std::filesystem::path null = dir / "null";
  if (::mknod(null.c_str(), S_IFCHR | 0666, ::makedev(1, 3)) != 0) {
    if (::geteuid() == 0) return;  // root without mknod (a container): do not touch /dev
    null = "/dev/null";
  }
  write_file_atomically(null, "graph bytes");
  CHECK(is_char_node(null));
  const kg::cli::FileContent files[] = {{null, "nodes"}};
  kg::cli::write_files_atomically(files);
  CHECK(is_char_node(null));
  if (null != "/dev/null") {
    CHECK(dir.listing() == Strings{"null"});
  }
}

TEST_CASE("cli output: a write error on a character device throws (/dev/full)") {
  if (::access("/dev/full", W_OK) != 0) return;
  kg::test::TempDir dir;
  std::filesystem::path full = dir / "full";
  if (::mknod(full.c_str(), S_IFCHR | 0666, ::makedev(1, 7)) != 0) {
    if (::geteuid() == 0) return;
    full = "/dev/full";
  }
  CHECK_THROWS_WITH_AS(write_file_atomically(full, "x"), (full.string() + ": cannot write output: No space left on device").c_str(), OutputError);
  CHECK(is_char_node(full));
}

TEST_CASE("cli output: a symbolic link is followed, its target replaced and the link kept") {
  kg::test::TempDir dir;
  dir.write("real/g.json", "old");
  std::filesystem::create_symlink("real/g.json", dir / "link.json");
  write_file_atomically(dir / "link.json", "new");
  CHECK(std::filesystem::is_symlink(dir / "link.json"));
  CHECK(std::filesystem::read_symlink(dir / "link.json") == "real/g.json");
  CHECK(kg::test::read_file(dir / "real/g.json") == "new");
  CHECK(dir.listing() == Strings{"link.json", "real", "real/g.json"});
}

TEST_CASE("cli output: a chain of links and an absolute link are followed to the file") {
  kg::test::TempDir dir;
  dir.write("g.json", "old");
  std::filesystem::create_symlink(dir / "g.json", dir / "abs.json");
  std::filesystem::create_symlink("abs.json", dir / "rel.json");
  write_file_atomically(dir / "rel.json", "new");
  CHECK(kg::test::read_file(dir / "g.json") == "new");
  CHECK(std::filesystem::is_symlink(dir / "rel.json"));
  CHECK(std::filesystem::is_symlink(dir / "abs.json"));
}

TEST_CASE("cli output: a dangling link creates the file it points to") {
  kg::test::TempDir dir;
  std::filesystem::create_symlink("made.json", dir / "link.json");
  write_file_atomically(dir / "link.json", "new");
  CHECK(std::filesystem::is_symlink(dir / "link.json"));
  CHECK(kg::test::read_file(dir / "made.json") == "new");
}

TEST_CASE("cli output: a loop of links throws and creates nothing") {
  kg::test::TempDir dir;
  std::filesystem::create_symlink("b.json", dir / "a.json");
  std::filesystem::create_symlink("a.json", dir / "b.json");
  CHECK_THROWS_AS(write_file_atomically(dir / "a.json", "x"), OutputError);
  CHECK(dir.listing() == Strings{"a.json", "b.json"});
}

TEST_CASE("cli output: a directory target is an error naming it") {
  kg::test::TempDir dir;
  std::filesystem::create_directory(dir / "out");
  CHECK_THROWS_WITH_AS(write_file_atomically(dir / "out", "x"),
                       ((dir / "out").string() + ": cannot write output: is a directory").c_str(), OutputError);
  CHECK(dir.listing() == Strings{"out"});
}

TEST_CASE("cli output: a link to a directory is an error too") {
  kg::test::TempDir dir;
  std::filesystem::create_directory(dir / "out");
  std::filesystem::create_symlink("out", dir / "link");
  CHECK_THROWS_AS(write_file_atomically(dir / "link", "x"), OutputError);
  CHECK(dir.listing() == Strings{"link", "out"});
}

TEST_CASE("cli output: /dev/fd/N writes to that descriptor (a pipe)") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  write_file_atomically("/dev/fd/" + std::to_string(fds[1]), "through the pipe");
  ::close(fds[1]);
  std::string got(64, '\0');
  const ssize_t n = ::read(fds[0], got.data(), got.size());
  ::close(fds[0]);
  REQUIRE(n >= 0);
  got.resize(static_cast<std::size_t>(n));
  CHECK(got == "through the pipe");
}

TEST_CASE("cli output: a unix socket is connected to and written") {
  kg::test::TempDir dir;
  const auto path = dir / "s";
  const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_un address {};
  address.sun_family = AF_UNIX;
  REQUIRE(path.string().size() < sizeof(address.sun_path));
  std::strcpy(address.sun_path, path.c_str());
  REQUIRE(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(::listen(listener, 1) == 0);
  std::string got;
  std::thread server([&] {
    const int fd = ::accept(listener, nullptr, nullptr);
    char buffer[256];
    for (ssize_t n; fd >= 0 && (n = ::read(fd, buffer, sizeof(buffer))) > 0;) got.append(buffer, static_cast<std::size_t>(n));
    if (fd >= 0) ::close(fd);
  });
  write_file_atomically(path, "over the socket");
  server.join();
  ::close(listener);
  CHECK(got == "over the socket");
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
}

TEST_CASE("cli output: a CSV base that is a device, FIFO or descriptor alias is refused") {
  kg::test::TempDir dir;
  const auto fifo = dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_AS(kg::cli::require_file_base(fifo), OutputError);
  CHECK_THROWS_AS(kg::cli::require_file_base("/dev/stdout"), OutputError);
  if (std::filesystem::exists("/dev/null")) CHECK_THROWS_AS(kg::cli::require_file_base("/dev/null"), OutputError);
  CHECK_NOTHROW(kg::cli::require_file_base(dir / "graph.csv"));
  dir.write("old.csv", "x");
  CHECK_NOTHROW(kg::cli::require_file_base(dir / "old.csv"));
  CHECK(is_fifo_node(fifo));
}

TEST_CASE("cli output: require_writable passes a new file in a writable directory and an existing file") {
  kg::test::TempDir dir;
  CHECK_NOTHROW(require_writable(dir / "new.json"));
  dir.write("old.json", "x");
  CHECK_NOTHROW(require_writable(dir / "old.json"));
}

TEST_CASE("cli output: require_writable refuses a missing directory, naming it") {
  kg::test::TempDir dir;
  const std::string expected = "directory " + (dir / "nope").string();
  CHECK_THROWS_WITH_AS(require_writable(dir / "nope" / "g.json"), doctest::Contains(expected.c_str()), OutputError);
}

TEST_CASE("cli output: require_writable refuses a directory as the target and a file as the directory") {
  kg::test::TempDir dir;
  dir.write("sub/a.txt", "x");
  CHECK_THROWS_WITH_AS(require_writable(dir / "sub"), doctest::Contains("is a directory"), OutputError);
  CHECK_THROWS_WITH_AS(require_writable(dir / "sub" / "a.txt" / "g.json"), doctest::Contains("is not a directory"),
                       OutputError);
}

TEST_CASE("cli output: require_writable passes a character device and a descriptor alias") {
  CHECK_NOTHROW(require_writable("/dev/stdout"));
  if (std::filesystem::exists("/dev/null")) CHECK_NOTHROW(require_writable("/dev/null"));
}
