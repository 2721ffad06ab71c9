#pragma once
// TimerService over an io_context.
#include "core/timers.hpp"

namespace boost::asio {
class io_context;
}

namespace fs::http {

class AsioTimers : public TimerService {
 public:
  explicit AsioTimers(boost::asio::io_context& ioc) : ioc_(ioc) {}
  void call_after(std::chrono::milliseconds delay, std::function<void()> fn) override;
  void post(std::function<void()> fn) override;

 private:
  boost::asio::io_context& ioc_;
};

}  // namespace fs::http
