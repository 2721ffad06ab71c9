#pragma once
// The outgoing HTTP client (webhook deliveries) over Beast: implements OutboundHttp.
// Plain http:// only. Keep-alive connections are pooled per host:port (a few idle ones kept, a bounded
// number active; requests beyond that wait their turn, their timeout running). Each request gets a
// connect timeout and then a request+response timeout, both `OutboundRequest::timeout`. Never blocks:
// post() only queues; `done` runs on an I/O thread.
#include "core/outbound_http.hpp"

#include <memory>

namespace boost::asio {
class io_context;
}

namespace fs::http {

class OutboundClient : public OutboundHttp {
 public:
  static constexpr std::size_t kMaxActivePerHost = 32;
  static constexpr std::size_t kMaxIdlePerHost = 8;

  explicit OutboundClient(boost::asio::io_context& ioc);
  ~OutboundClient() override;
  void post(OutboundRequest req, std::function<void(OutboundResult)> done) override;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace fs::http
