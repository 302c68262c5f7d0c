#pragma once
// The progress line of long runs (kgbuild, extract, merge): on stderr, on a terminal or
// with --progress, never on stdout.
//
//   kgbuild: 1204/3838 documents, 3.7/11.9 MB, 105 k words/s, 0:21 left
//
// No Debian package offers a C++ progress display, so this is a small one: the text comes
// from format_progress() (pure, tested without a terminal), the drawing from
// ProgressDisplay.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "cli/options.h"
#include "extract/text/log.h"

namespace kg::cli {

// Whether a run shows progress: always with --progress, never with --no-progress;
// otherwise only when stderr is a terminal and the log is not quietened (-q).
bool progress_wanted(ProgressMode mode, bool stderr_is_terminal, log::Level level);

// What a run has done so far. Totals of 0 are unknown (standard input has no size).
struct ProgressCounts {
  std::uint64_t items_done = 0;
  std::uint64_t items_total = 0;
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
  std::uint64_t words_done = 0;  // 0: no words/s part (merge reads graphs, not text)
};

// The progress text, without a line end: "kgbuild: D/T NOUN, B/BT MB, R words/s, M:SS left".
// Each part is left out when it cannot be known: the rate before any time has passed or
// when no words are counted, the time left while nothing is done or with no total.
// The time left assumes the rest goes at the bytes-per-second rate so far (items per
// second when no byte total is known).
std::string format_progress(const ProgressCounts& counts, double seconds, std::string_view noun);

// "950", "12.3 k", "105 k", "1.2 M": a rate in three significant figures at most (two
// below 10 k or 10 M).
std::string format_rate(double per_second);
// "0:07", "12:34", "1:02:03".
std::string format_duration(double seconds);

// ProgressDisplay: one progress line on a stream (stderr), kept apart from the log.
//
// What it represents: while it lives and is enabled, kgbuild's log goes through it: each
// log line first erases the progress line, is written whole, and the progress line is
// drawn again under it, so the two never share a line (from any thread).
// Ensures: disabled, it writes nothing and changes nothing. Enabled, update() draws at most
// once per kMinInterval (on a terminal) and not before kMinInterval has passed since the
// start, so a short run shows nothing; on a terminal the line is redrawn in place ("\r",
// cut to the terminal width) and finish() erases it; elsewhere (a file, a pipe, with
// --progress) each draw is a whole line, at most once per kFileInterval, and finish() writes
// a last one. The destructor calls finish() and gives the log its sinks back.
// Thread safety: update() and finish() from one thread; logging from any thread.
class ProgressDisplay {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr std::chrono::milliseconds kMinInterval{250};
  static constexpr std::chrono::milliseconds kFileInterval{1000};

  // `noun` names the items ("documents", "files"). `out` is normally stderr; `terminal`
  // says whether it is one (isatty), `width` its columns (0: ask the terminal, else 80).
  ProgressDisplay(bool enabled, std::string noun, std::FILE* out = stderr, bool terminal = stderr_is_terminal(),
                  unsigned width = 0, Clock::time_point start = Clock::now());
  ~ProgressDisplay();
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  bool enabled() const { return enabled_; }
  void update(const ProgressCounts& counts, Clock::time_point now = Clock::now());
  void finish(Clock::time_point now = Clock::now());

  static bool stderr_is_terminal();

 private:
  class Sink;
  void draw(Clock::time_point now);  // with mutex_ held
  void erase();                      // with mutex_ held
  void redraw_after_log();           // with mutex_ held

  bool enabled_;
  std::string noun_;
  std::FILE* out_;
  bool terminal_;
  unsigned width_;
  Clock::time_point start_, last_draw_;
  std::mutex mutex_;  // the stream: the progress line and the log lines
  ProgressCounts counts_;
  std::size_t shown_ = 0;  // columns of the progress line on screen (terminal), 0: none
  bool finished_ = false;
  std::unique_ptr<log::SinkOverride> override_;
};

}  // namespace kg::cli
