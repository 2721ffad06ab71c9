#pragma once
// A real webhook receiver for tests: an HTTP server on 127.0.0.1:0 (thread per connection) that
// records every request and answers as the test says (status, delay, hang, close).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fs::test {

struct Received {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::chrono::steady_clock::time_point at;
};

struct ReceiverReply {
  int status = 200;
  std::string body = "ok";
  std::chrono::milliseconds delay{0};
  bool hang = false;   // never answer (until the receiver stops)
  bool close = false;  // close the connection without answering
};

class Receiver {
 public:
  // `reply(request, index)`: index counts requests from 0. Default: 200 "ok".
  explicit Receiver(std::function<ReceiverReply(const Received&, std::size_t)> reply = {});
  ~Receiver();
  Receiver(const Receiver&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/hook") const;
  std::vector<Received> received() const;
  std::size_t count() const;
  // Waits until at least n requests arrived; returns whether they did within `timeout`.
  bool wait_for(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  void stop();

 private:
  void accept_loop();
  void serve(int fd);

  std::function<ReceiverReply(const Received&, std::size_t)> reply_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread acceptor_;
  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::vector<Received> received_;
  std::vector<std::thread> workers_;
  std::vector<int> open_fds_;
  bool stopping_ = false;
};

}  // namespace fs::test
