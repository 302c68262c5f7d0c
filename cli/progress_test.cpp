#include "cli/progress.h"

#include <doctest/doctest.h>

#include <spdlog/sinks/ostream_sink.h>

#include <cstdio>
#include <sstream>
#include <string>

using kg::cli::format_duration;
using kg::cli::format_progress;
using kg::cli::format_rate;
using kg::cli::ProgressCounts;
using kg::cli::ProgressDisplay;
using kg::cli::ProgressMode;
using Clock = ProgressDisplay::Clock;
using namespace std::chrono_literals;

namespace {

// What a display wrote to its stream (a temporary file standing in for stderr).
class Stream {
 public:
  Stream() : file_(std::tmpfile()) { REQUIRE(file_ != nullptr); }
  ~Stream() { std::fclose(file_); }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  std::FILE* get() const { return file_; }
  std::string text() const {
    std::fflush(file_);
    std::rewind(file_);
    std::string s;
    char buffer[512];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) s.append(buffer, n);
    std::fseek(file_, 0, SEEK_END);
    return s;
  }

 private:
  std::FILE* file_;
};

ProgressCounts counts(std::uint64_t items, std::uint64_t total, std::uint64_t bytes, std::uint64_t bytes_total,
                      std::uint64_t words) {
  ProgressCounts c;
  c.items_done = items;
  c.items_total = total;
  c.bytes_done = bytes;
  c.bytes_total = bytes_total;
  c.words_done = words;
  return c;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("progress: --progress shows it whatever stderr is") {
  CHECK(kg::cli::progress_wanted(ProgressMode::on, false, kg::log::Level::warn));
}

TEST_CASE("progress: --no-progress hides it on a terminal") {
  CHECK_FALSE(kg::cli::progress_wanted(ProgressMode::off, true, kg::log::Level::info));
}

TEST_CASE("progress: by default only on a terminal") {
  CHECK(kg::cli::progress_wanted(ProgressMode::automatic, true, kg::log::Level::info));
  CHECK_FALSE(kg::cli::progress_wanted(ProgressMode::automatic, false, kg::log::Level::info));
}

TEST_CASE("progress: by default not with -q") {
  CHECK_FALSE(kg::cli::progress_wanted(ProgressMode::automatic, true, kg::log::Level::warn));
}

TEST_CASE("progress: rates in three figures at most") {
  CHECK(format_rate(0) == "0");
  CHECK(format_rate(950.4) == "950");
  CHECK(format_rate(12345) == "12.3 k");
  CHECK(format_rate(105400) == "105 k");
  CHECK(format_rate(999600) == "1.0 M");
  CHECK(format_rate(23e6) == "23.0 M");
  CHECK(format_rate(123e6) == "123 M");
}

TEST_CASE("progress: durations as M:SS, or H:MM:SS from an hour") {
  CHECK(format_duration(7) == "0:07");
  CHECK(format_duration(754) == "12:34");
  CHECK(format_duration(3723) == "1:02:03");
  CHECK(format_duration(-3) == "0:00");
}

TEST_CASE("progress: the full line") {
  // A third of 12 MB in 10 s: 20 s left.
  CHECK(format_progress(counts(1204, 3838, 4'000'000, 12'000'000, 1'050'000), 10, "documents") ==
        "kgbuild: 1204/3838 documents, 4.0/12.0 MB, 105 k words/s, 0:20 left");
}

TEST_CASE("progress: no rate and no time left before any time has passed") {
  CHECK(format_progress(counts(0, 10, 0, 5'000'000, 0), 0, "documents") == "kgbuild: 0/10 documents, 0.0/5.0 MB");
}

TEST_CASE("progress: no words counted, no words/s (merge)") {
  CHECK(format_progress(counts(2, 4, 1'000'000, 2'000'000, 0), 4, "files") ==
        "kgbuild: 2/4 files, 1.0/2.0 MB, 0:04 left");
}

TEST_CASE("progress: without a byte total (standard input) the time left goes by items") {
  CHECK(format_progress(counts(1, 4, 300'000, 0, 100), 2, "documents") ==
        "kgbuild: 1/4 documents, 0.3 MB, 50 words/s, 0:06 left");
}

TEST_CASE("progress: disabled, nothing is written, even at finish") {
  Stream out;
  const auto start = Clock::now();
  {
    ProgressDisplay display(false, "documents", out.get(), true, 80, start);
    display.update(counts(1, 2, 10, 20, 5), start + 10s);
    display.finish(start + 11s);
  }
  CHECK(out.text().empty());
}

TEST_CASE("progress: on a terminal nothing shows in the first quarter second") {
  Stream out;
  const auto start = Clock::now();
  ProgressDisplay display(true, "documents", out.get(), true, 80, start);
  display.update(counts(1, 2, 10, 20, 5), start + 100ms);
  CHECK(out.text().empty());
}

TEST_CASE("progress: on a terminal at most one draw per quarter second, in place") {
  Stream out;
  const auto start = Clock::now();
  ProgressDisplay display(true, "documents", out.get(), true, 80, start);
  display.update(counts(1, 4, 10, 40, 5), start + 300ms);
  display.update(counts(2, 4, 20, 40, 5), start + 400ms);  // too soon: not drawn
  display.update(counts(3, 4, 30, 40, 5), start + 600ms);
  const std::string text = out.text();
  CHECK(text.find("\r") == 0);
  CHECK(contains(text, "1/4 documents"));
  CHECK_FALSE(contains(text, "2/4 documents"));
  CHECK(contains(text, "3/4 documents"));
  CHECK_FALSE(contains(text, "\n"));
}

TEST_CASE("progress: on a terminal finish erases the line") {
  Stream out;
  const auto start = Clock::now();
  ProgressDisplay display(true, "documents", out.get(), true, 80, start);
  display.update(counts(1, 4, 10, 40, 5), start + 300ms);
  const std::size_t drawn = out.text().size();
  display.finish(start + 400ms);
  const std::string text = out.text();
  const std::string shown = format_progress(counts(1, 4, 10, 40, 5), 0.3, "documents");
  CHECK(text.substr(drawn) == "\r" + std::string(shown.size(), ' ') + "\r");
}

TEST_CASE("progress: on a terminal the line is cut to the width") {
  Stream out;
  const auto start = Clock::now();
  ProgressDisplay display(true, "documents", out.get(), true, 20, start);
  display.update(counts(1, 4, 10, 40, 5), start + 300ms);
  CHECK(out.text() == "\r" + format_progress(counts(1, 4, 10, 40, 5), 0.3, "documents").substr(0, 19));
}

TEST_CASE("progress: a shorter line on a terminal blanks the rest of the longer one") {
  Stream out;
  const auto start = Clock::now();
  ProgressDisplay display(true, "documents", out.get(), true, 200, start);
  display.update(counts(9, 10, 9'000'000, 10'000'000, 5'000'000), start + 300ms);
  const std::size_t drawn = out.text().size();
  display.update(counts(10, 10, 10'000'000, 10'000'000, 0), start + 1000ms);  // no words/s part
  const std::string second = out.text().substr(drawn);
  CHECK(second.find("  \r") != std::string::npos);
}

TEST_CASE("progress: not a terminal (with --progress) each draw is a whole line, at most one a second, and a last one") {
  Stream out;
  const auto start = Clock::now();
  ProgressDisplay display(true, "documents", out.get(), false, 0, start);
  display.update(counts(1, 3, 10, 30, 5), start + 500ms);   // too soon for a file
  display.update(counts(2, 3, 20, 30, 5), start + 1100ms);  // drawn
  display.update(counts(3, 3, 30, 30, 5), start + 1500ms);  // too soon again
  display.finish(start + 1600ms);                           // the last line
  const std::string text = out.text();
  CHECK(text == format_progress(counts(2, 3, 20, 30, 5), 1.1, "documents") + "\n" +
                    format_progress(counts(3, 3, 30, 30, 5), 1.6, "documents") + "\n");
}

TEST_CASE("progress: a log line erases the progress line, is whole, and the line comes back under it") {
  std::ostringstream captured;
  const auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(captured);
  const kg::log::SinkOverride capture(sink);
  Stream out;
  const auto start = Clock::now();
  {
    ProgressDisplay display(true, "documents", out.get(), true, 80, start);
    display.update(counts(1, 4, 10, 40, 5), start + 300ms);
    const std::size_t drawn = out.text().size();
    kg::log::warn("{}: something about it", "a.txt");
    const std::string after = out.text().substr(drawn);
    // Erased ("\r", blanks, "\r"), then drawn again.
    CHECK(after.find("\r") == 0);
    CHECK(contains(after, "1/4 documents"));
  }
  CHECK(captured.str() == "kgbuild: warning: a.txt: something about it\n");
  // The sink is given back: later lines go straight to it.
  kg::log::warn("after");
  CHECK(contains(captured.str(), "kgbuild: warning: after\n"));
  CHECK(contains(out.text(), "\r"));
}
