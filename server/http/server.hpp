#pragma once
// The HTTP/1.1 transport: an acceptor and one Session per connection (Beast's advanced server
// shape). It knows nothing of the APIs: each complete request goes to the Dispatcher.
#include "core/settings.hpp"
#include "routing/dispatcher.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace fs {
class Logger;
}

namespace fs::http {

struct ServerStats {
  std::atomic<std::int64_t> in_flight{0};      // requests read and not yet answered
  std::atomic<std::uint64_t> connections{0};   // accepted in total
  std::atomic<std::int64_t> open{0};           // open now
  std::atomic<bool> draining{false};           // shutting down: answer what is in flight, then close
};

class Server {
 public:
  Server(boost::asio::io_context& ioc, routing::Dispatcher& dispatcher, const Settings& settings, const Logger& log);
  ~Server();
  // Binds and listens; returns the real port. Throws std::runtime_error with a clear message.
  std::uint16_t listen(const std::string& host, std::uint16_t port);
  void start_accepting();
  void stop_accepting();
  ServerStats& stats() { return *stats_; }

 private:
  struct Impl;
  // Shared with every session: a session's handler may be destroyed with the io_context, after
  // the Server itself is gone.
  std::shared_ptr<ServerStats> stats_;
  std::shared_ptr<Impl> impl_;
};

}  // namespace fs::http
