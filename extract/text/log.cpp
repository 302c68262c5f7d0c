#include "extract/text/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace kg::log {
namespace {

spdlog::level::level_enum to_spdlog(Level level) {
  switch (level) {
    case Level::error: return spdlog::level::err;
    case Level::warn: return spdlog::level::warn;
    case Level::info: return spdlog::level::info;
    case Level::debug: return spdlog::level::debug;
  }
  return spdlog::level::info;
}

constexpr const char* kPattern = "%n: %^%l%$: %v";

}  // namespace

spdlog::logger& logger() {
  // Not registered with spdlog's global registry, so other code creating its own
  // "kgbuild" logger cannot collide with ours. color_mode::automatic drops colours
  // when stderr is not a terminal (or TERM says it cannot show them).
  static const std::shared_ptr<spdlog::logger> instance = [] {
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::automatic);
    auto made = std::make_shared<spdlog::logger>("kgbuild", std::move(sink));
    made->set_pattern(kPattern);
    made->set_level(spdlog::level::info);
    made->flush_on(spdlog::level::debug);  // stderr is unbuffered for the user anyway
    return made;
  }();
  return *instance;
}

void set_level(Level level) { logger().set_level(to_spdlog(level)); }

Level level() {
  switch (logger().level()) {
    case spdlog::level::trace:
    case spdlog::level::debug: return Level::debug;
    case spdlog::level::info: return Level::info;
    case spdlog::level::warn: return Level::warn;
    default: return Level::error;
  }
}

std::string_view to_string(Level level) {
  switch (level) {
    case Level::error: return "error";
    case Level::warn: return "warn";
    case Level::info: return "info";
    case Level::debug: return "debug";
  }
  return "info";
}

SinkOverride::SinkOverride(std::shared_ptr<spdlog::sinks::sink> sink) {
  auto& sinks = logger().sinks();
  saved_ = sinks;
  sink->set_formatter(std::make_unique<spdlog::pattern_formatter>("%n: %l: %v"));
  sinks.assign(1, std::move(sink));
}

SinkOverride::~SinkOverride() { logger().sinks() = std::move(saved_); }

}  // namespace kg::log
