#include "cli/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cmath>
#include <vector>

#include <fmt/format.h>
#include <spdlog/details/log_msg.h>
#include <spdlog/sinks/sink.h>

namespace kg::cli {

bool progress_wanted(ProgressMode mode, bool stderr_is_terminal, log::Level level) {
  switch (mode) {
    case ProgressMode::on: return true;
    case ProgressMode::off: return false;
    case ProgressMode::automatic: break;
  }
  return stderr_is_terminal && level != log::Level::warn && level != log::Level::error;
}

std::string format_rate(double per_second) {
  if (!(per_second > 0)) return "0";
  if (per_second < 1000) return fmt::format("{:.0f}", per_second);
  const double k = per_second / 1000;
  if (k < 99.95) return fmt::format("{:.1f} k", k);
  if (k < 999.5) return fmt::format("{:.0f} k", k);
  const double m = k / 1000;
  return m < 99.95 ? fmt::format("{:.1f} M", m) : fmt::format("{:.0f} M", m);
}

std::string format_duration(double seconds) {
  const auto total = static_cast<std::uint64_t>(std::llround(std::max(seconds, 0.0)));
  const std::uint64_t h = total / 3600, m = total / 60 % 60, s = total % 60;
  return h > 0 ? fmt::format("{}:{:02}:{:02}", h, m, s) : fmt::format("{}:{:02}", m, s);
}

std::string format_progress(const ProgressCounts& c, double seconds, std::string_view noun) {
  std::string text = fmt::format("kgbuild: {}", c.items_done);
  if (c.items_total > 0) text += fmt::format("/{}", c.items_total);
  text += fmt::format(" {}, {:.1f}", noun, static_cast<double>(c.bytes_done) / 1e6);
  if (c.bytes_total > 0) text += fmt::format("/{:.1f}", static_cast<double>(c.bytes_total) / 1e6);
  text += " MB";
  if (seconds > 0 && c.words_done > 0)
    text += fmt::format(", {} words/s", format_rate(static_cast<double>(c.words_done) / seconds));
  if (seconds > 0) {
    double left = -1;
    if (c.bytes_total > 0 && c.bytes_done > 0) {
      const double rest = c.bytes_total > c.bytes_done ? static_cast<double>(c.bytes_total - c.bytes_done) : 0.0;
      left = rest / (static_cast<double>(c.bytes_done) / seconds);
    } else if (c.bytes_total == 0 && c.items_total > 0 && c.items_done > 0) {
      const double rest = c.items_total > c.items_done ? static_cast<double>(c.items_total - c.items_done) : 0.0;
      left = rest / (static_cast<double>(c.items_done) / seconds);
    }
    if (left >= 0) text += fmt::format(", {} left", format_duration(left));
  }
  return text;
}

// The log's way to the stream while a display is enabled: the progress line is erased
// before a log line and drawn again after it, all under the display's mutex.
class ProgressDisplay::Sink final : public spdlog::sinks::sink {
 public:
  Sink(ProgressDisplay& display, std::vector<std::shared_ptr<spdlog::sinks::sink>> inner)
      : display_(display), inner_(std::move(inner)) {}

  void log(const spdlog::details::log_msg& msg) override {
    const std::lock_guard lock(display_.mutex_);
    display_.erase();
    for (const auto& inner : inner_)
      if (inner->should_log(msg.level)) inner->log(msg);
    display_.redraw_after_log();
  }
  void flush() override {
    for (const auto& inner : inner_) inner->flush();
  }
  // The inner sinks keep their own patterns (and colours).
  void set_pattern(const std::string&) override {}
  void set_formatter(std::unique_ptr<spdlog::formatter>) override {}

 private:
  ProgressDisplay& display_;
  std::vector<std::shared_ptr<spdlog::sinks::sink>> inner_;
};

bool ProgressDisplay::stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

ProgressDisplay::ProgressDisplay(bool enabled, std::string noun, std::FILE* out, bool terminal, unsigned width,
                                 Clock::time_point start)
    : enabled_(enabled), noun_(std::move(noun)), out_(out), terminal_(terminal), width_(width), start_(start),
      last_draw_(start) {
  if (!enabled_) return;
  if (width_ == 0) {
    winsize size{};
    width_ = terminal_ && ::ioctl(::fileno(out_), TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
  }
  override_ = std::make_unique<log::SinkOverride>(std::make_shared<Sink>(*this, log::logger().sinks()));
}

ProgressDisplay::~ProgressDisplay() {
  finish();
  override_.reset();
}

void ProgressDisplay::update(const ProgressCounts& counts, Clock::time_point now) {
  if (!enabled_ || finished_) return;
  const std::lock_guard lock(mutex_);
  counts_ = counts;
  if (now - last_draw_ < (terminal_ ? kMinInterval : kFileInterval)) return;
  draw(now);
}

void ProgressDisplay::finish(Clock::time_point now) {
  if (!enabled_ || finished_) return;
  const std::lock_guard lock(mutex_);
  finished_ = true;
  if (terminal_) {
    erase();
  } else {
    draw(now);
  }
}

void ProgressDisplay::draw(Clock::time_point now) {
  last_draw_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  std::string line = format_progress(counts_, seconds, noun_);
  if (!terminal_) {
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), out_);
    std::fflush(out_);
    return;
  }
  // One column short of the width: writing the last column makes some terminals wrap.
  if (width_ > 1 && line.size() > width_ - 1) line.resize(width_ - 1);
  std::string text = "\r" + line;
  if (line.size() < shown_) text += std::string(shown_ - line.size(), ' ') + "\r" + line;
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
  shown_ = line.size();
}

void ProgressDisplay::erase() {
  if (!terminal_ || shown_ == 0) return;
  const std::string blank = "\r" + std::string(shown_, ' ') + "\r";
  std::fwrite(blank.data(), 1, blank.size(), out_);
  std::fflush(out_);
  shown_ = 0;
}

void ProgressDisplay::redraw_after_log() {
  // Only a line that was on screen comes back (a short run still shows nothing).
  if (!terminal_ || finished_ || last_draw_ == start_) return;
  const Clock::time_point throttle = last_draw_;  // a log line does not delay the next update
  draw(Clock::now());
  last_draw_ = throttle;
}

}  // namespace kg::cli
