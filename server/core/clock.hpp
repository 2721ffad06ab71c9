#pragma once
// Time for one namespace. Everything that expires, waits or retries reads this clock, so a manual
// clock controls token expiry, evaluation delays and webhook retries alike.
#include <atomic>
#include <cstdint>
#include <string_view>

namespace fs {

enum class ClockMode { Real, Manual };

std::string_view clock_mode_name(ClockMode m);
std::int64_t wall_clock_ms();

// Read lock-free from any thread (the journal stamps replies with it); changed only by its
// namespace under the namespace lock.
class Clock {
 public:
  Clock(ClockMode mode, std::int64_t manual_start_ms) { reset(mode, manual_start_ms); }

  void reset(ClockMode mode, std::int64_t manual_start_ms) {
    manual_ms_.store(manual_start_ms, std::memory_order_relaxed);
    mode_.store(mode, std::memory_order_relaxed);
  }
  ClockMode mode() const { return mode_.load(std::memory_order_relaxed); }
  std::int64_t now_ms() const {
    return mode() == ClockMode::Real ? wall_clock_ms() : manual_ms_.load(std::memory_order_relaxed);
  }
  // Manual mode only: time never goes backwards.
  void set_manual(std::int64_t ms) {
    if (ms > manual_ms_.load(std::memory_order_relaxed)) manual_ms_.store(ms, std::memory_order_relaxed);
  }

 private:
  std::atomic<ClockMode> mode_;
  std::atomic<std::int64_t> manual_ms_;
};

}  // namespace fs
