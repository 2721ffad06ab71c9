#pragma once
// An outgoing HTTP POST, as webhook delivery needs it. The Beast implementation lives in http/;
// this interface keeps webhook logic free of Asio and testable.
#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace fs {

struct OutboundRequest {
  std::string url;  // http://host:port/path
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds timeout{5000};
};

struct OutboundResult {
  unsigned status = 0;     // 0 = no HTTP answer (see error)
  std::string error;       // "connection refused", "timeout", ...; empty when an answer came
  std::string body;        // the first KiB of the answer
  std::chrono::microseconds duration{0};
};

class OutboundHttp {
 public:
  virtual ~OutboundHttp() = default;
  // `done` runs once, on an I/O thread, never inside post().
  virtual void post(OutboundRequest req, std::function<void(OutboundResult)> done) = 0;
};

}  // namespace fs
