#pragma once
// kg::log: the project's logging front end over spdlog.
//
// What it represents: one process-wide logger named "kgbuild" with a single stderr
// sink (coloured only when stderr is a terminal), so stdout carries nothing but
// exporter output and can be piped or compared byte for byte.
// Requires: format strings checked at compile time ({fmt} syntax).
// Ensures: lines look like "kgbuild: warning: samples/a.txt: empty file".
// Thread safety: safe from any thread (multi-threaded sink); set_level() is atomic.
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include <spdlog/logger.h>
#include <spdlog/sinks/sink.h>

namespace kg::log {

// Most to least severe; a level shows itself and everything more severe.
enum class Level { error, warn, info, debug };

void set_level(Level level);
Level level();
std::string_view to_string(Level level);

// The underlying logger; prefer the functions below.
spdlog::logger& logger();

// Routes every message to `sink` instead of stderr until the returned guard dies
// (tests capture output this way). Guards must be destroyed in reverse order.
class SinkOverride {
 public:
  explicit SinkOverride(std::shared_ptr<spdlog::sinks::sink> sink);
  ~SinkOverride();
  SinkOverride(const SinkOverride&) = delete;
  SinkOverride& operator=(const SinkOverride&) = delete;

 private:
  std::vector<std::shared_ptr<spdlog::sinks::sink>> saved_;
};

template <typename... Args>
void error(spdlog::format_string_t<Args...> fmt, Args&&... args) {
  logger().error(fmt, std::forward<Args>(args)...);
}
template <typename... Args>
void warn(spdlog::format_string_t<Args...> fmt, Args&&... args) {
  logger().warn(fmt, std::forward<Args>(args)...);
}
template <typename... Args>
void info(spdlog::format_string_t<Args...> fmt, Args&&... args) {
  logger().info(fmt, std::forward<Args>(args)...);
}
template <typename... Args>
void debug(spdlog::format_string_t<Args...> fmt, Args&&... args) {
  logger().debug(fmt, std::forward<Args>(args)...);
}

}  // namespace kg::log
