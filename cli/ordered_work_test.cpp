#include "cli/ordered_work.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/test_support.h"

using kg::cli::for_each_ordered;

namespace {

// produce(i) = i * i, after a pause that makes later items finish first now and then.
std::vector<std::size_t> squares(std::size_t n, unsigned threads, std::size_t window) {
  std::vector<std::size_t> seen;
  for_each_ordered(
      n, threads, window,
      [](std::size_t i) {
        std::this_thread::sleep_for(std::chrono::microseconds((i * 7919) % 5 * 200));
        return i * i;
      },
      [&](std::size_t i, std::size_t square) {
        CHECK(square == i * i);
        seen.push_back(i);
      });
  return seen;
}

std::vector<std::size_t> iota(std::size_t n) {
  std::vector<std::size_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = i;
  return v;
}

}  // namespace

TEST_CASE("ordered work: one thread consumes every item in order") { CHECK(squares(50, 1, 2) == iota(50)); }

TEST_CASE("ordered work: two threads consume every item in order") { CHECK(squares(50, 2, 4) == iota(50)); }

TEST_CASE("ordered work: eight threads with the smallest window consume every item in order") {
  CHECK(squares(200, 8, 1) == iota(200));
}

TEST_CASE("ordered work: more threads than items") { CHECK(squares(3, 16, 32) == iota(3)); }

TEST_CASE("ordered work: no items calls nothing") {
  int calls = 0;
  for_each_ordered(
      0, 4, 8, [&](std::size_t) { return ++calls; }, [&](std::size_t, int) { ++calls; });
  CHECK(calls == 0);
}

TEST_CASE("ordered work: one thread runs on the calling thread") {
  const auto caller = std::this_thread::get_id();
  bool same = true;
  for_each_ordered(
      5, 1, 2, [&](std::size_t) { return std::this_thread::get_id(); },
      [&](std::size_t, std::thread::id id) { same = same && id == caller; });
  CHECK(same);
}

TEST_CASE("ordered work: several threads produce off the calling thread and consume on it") {
  const auto caller = std::this_thread::get_id();
  bool produced_elsewhere = true, consumed_here = true;
  for_each_ordered(
      20, 3, 6, [&](std::size_t) { return std::this_thread::get_id(); },
      [&](std::size_t, std::thread::id id) {
        produced_elsewhere = produced_elsewhere && id != caller;
        consumed_here = consumed_here && std::this_thread::get_id() == caller;
      });
  CHECK(produced_elsewhere);
  CHECK(consumed_here);
}

TEST_CASE("ordered work: no more than the window is produced ahead of the consumer") {
  std::atomic<std::size_t> started{0};
  std::size_t consumed = 0, worst = 0;
  constexpr std::size_t kWindow = 3;
  for_each_ordered(
      100, 4, kWindow,
      [&](std::size_t i) {
        ++started;
        return i;
      },
      [&](std::size_t, std::size_t) {
        // Items started and not yet consumed, this one included.
        worst = std::max(worst, started.load() - consumed);
        std::this_thread::sleep_for(std::chrono::microseconds(100));  // a slow consumer
        ++consumed;
      });
  // The window is raised to the thread count (4): while item i is consumed, items up to
  // i + 4 may have started (i's slot is free again once it is taken out).
  CHECK(worst <= 5);
  CHECK(consumed == 100);
}

TEST_CASE("ordered work: an exception from produce reaches the caller at its item, earlier items consumed") {
  std::vector<std::size_t> seen;
  std::string message;
  try {
    for_each_ordered(
        40, 4, 8,
        [](std::size_t i) {
          if (i == 17) throw std::runtime_error("item 17 failed");
          return i;
        },
        [&](std::size_t i, std::size_t) { seen.push_back(i); });
  } catch (const std::runtime_error& e) {
    message = e.what();
  }
  CHECK(message == "item 17 failed");
  CHECK(seen == iota(17));
}

TEST_CASE("ordered work: an exception from consume stops the workers and reaches the caller") {
  std::atomic<std::size_t> produced{0};
  bool thrown = false;
  try {
    for_each_ordered(
        10000, 4, 8,
        [&](std::size_t i) {
          ++produced;
          return i;
        },
        [](std::size_t i, std::size_t) {
          if (i == 5) throw std::logic_error("stop");
        });
  } catch (const std::logic_error&) {
    thrown = true;
  }
  CHECK(thrown);
  // Workers took no item beyond the window after the failing one.
  CHECK(produced.load() <= 6 + 8);
}

TEST_CASE("ordered work: default_threads is at least one") { CHECK(kg::cli::default_threads() >= 1); }

TEST_CASE("ordered work: default_threads is the cores this process may use, as nproc counts them") {
  // nproc reads the same affinity mask (so under taskset -c 0 both say 1).
  const auto nproc = kg::test::run("nproc");
  if (nproc.status != 0) {
    KG_SKIP_MISSING("nproc not found (package coreutils)");
    return;
  }
  CHECK(std::to_string(kg::cli::default_threads()) + "\n" == nproc.output);
}
