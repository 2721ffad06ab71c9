#pragma once
// Real-time callbacks, implemented over Asio by the transport layer so that core code stays free of
// Asio headers. Callbacks run on an I/O thread; there is no cancel: owners ignore stale callbacks.
#include <chrono>
#include <functional>

namespace fs {

class TimerService {
 public:
  virtual ~TimerService() = default;
  virtual void call_after(std::chrono::milliseconds delay, std::function<void()> fn) = 0;
  // Runs fn soon on an I/O thread (used to leave a lock or a call stack before continuing).
  virtual void post(std::function<void()> fn) = 0;
};

}  // namespace fs
