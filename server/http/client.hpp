#pragma once
// The outgoing HTTP client (webhook deliveries) over Beast: implements OutboundHttp.
#include "core/outbound_http.hpp"

#include <memory>

namespace boost::asio {
class io_context;
}

namespace fs::http {

class OutboundClient : public OutboundHttp {
 public:
  explicit OutboundClient(boost::asio::io_context& ioc);
  ~OutboundClient() override;
  void post(OutboundRequest req, std::function<void(OutboundResult)> done) override;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace fs::http
