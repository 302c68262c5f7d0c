#pragma once
// Parallel work with results used in order: the engine of `-j N` (kgbuild, extract, merge).
//
// for_each_ordered(n, threads, window, produce, consume) runs produce(i) for every item
// i in [0, n) on up to `threads` worker threads and consume(i, result) on the calling
// thread in order i = 0, 1, ..., n - 1, so whatever consume builds is the same for any
// number of threads.
//
// Requires: produce may be called concurrently from several threads (it must only share
// read-only state, or lock); consume is only ever called on the calling thread.
// Ensures: at most `window` items (at least `threads`) are being produced or waiting to be
// consumed at any time, so memory does not grow with n when consume keeps up. With
// threads <= 1 (or n <= 1) no thread is started: produce(i) and consume(i) alternate on the
// calling thread. An exception thrown by produce(i) is rethrown on the calling thread when
// item i's turn to be consumed comes (items after it are not consumed); an exception from
// consume propagates. Either way the workers finish their current item, take no new one,
// and are joined before for_each_ordered returns or throws.
#ifdef __linux__
#include <sched.h>
#endif

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace kg::cli {

// The default of -j: the cores this process may run on (its CPU affinity, so that
// `taskset -c 1 kgbuild` uses one thread), else those std::thread reports, else 1.
inline unsigned default_threads() {
#ifdef __linux__
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (::sched_getaffinity(0, sizeof allowed, &allowed) == 0 && CPU_COUNT(&allowed) > 0)
    return static_cast<unsigned>(CPU_COUNT(&allowed));
#endif
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

template <typename Produce, typename Consume>
void for_each_ordered(std::size_t n, unsigned threads, std::size_t window, Produce&& produce, Consume&& consume) {
  using Result = std::invoke_result_t<Produce&, std::size_t>;
  if (threads <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) consume(i, produce(i));
    return;
  }
  if (threads > n) threads = static_cast<unsigned>(n);
  if (window < threads) window = threads;

  struct Slot {
    std::optional<Result> value;
    std::exception_ptr error;
    bool ready = false;
  };
  std::vector<Slot> slots(window);  // item i waits in slots[i % window]
  std::mutex mutex;
  std::condition_variable may_start;  // workers: an item may be claimed, or stop
  std::condition_variable finished;   // the calling thread: an item is ready
  std::size_t next = 0;               // the next item to claim
  std::size_t consumed = 0;           // items handed to consume (or abandoned)
  bool stop = false;

  const auto work = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mutex);
        // Item i may start once item i - window has left its slot.
        may_start.wait(lock, [&] { return stop || next >= n || next < consumed + window; });
        if (stop || next >= n) return;
        i = next++;
      }
      Slot done;
      try {
        done.value.emplace(produce(i));
      } catch (...) {
        done.error = std::current_exception();
      }
      done.ready = true;
      {
        const std::lock_guard lock(mutex);
        slots[i % window] = std::move(done);
      }
      finished.notify_one();
    }
  };

  std::vector<std::thread> workers;
  // Joins the workers on every way out, after telling them to take no new item.
  struct Joiner {
    std::vector<std::thread>& workers;
    std::mutex& mutex;
    std::condition_variable& may_start;
    bool& stop;
    ~Joiner() {
      {
        const std::lock_guard lock(mutex);
        stop = true;
      }
      may_start.notify_all();
      for (std::thread& t : workers)
        if (t.joinable()) t.join();
    }
  } joiner{workers, mutex, may_start, stop};
  workers.reserve(threads);
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back(work);

  for (std::size_t i = 0; i < n; ++i) {
    Slot slot;
    {
      std::unique_lock lock(mutex);
      finished.wait(lock, [&] { return slots[i % window].ready; });
      slot = std::move(slots[i % window]);
      slots[i % window] = Slot{};
      consumed = i + 1;
    }
    may_start.notify_all();
    if (slot.error) std::rethrow_exception(slot.error);
    consume(i, std::move(*slot.value));
  }
}

}  // namespace kg::cli
