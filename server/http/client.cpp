#include "http/client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace fs::http {

// Placeholder until webhook delivery lands: every post fails fast, visibly.
struct OutboundClient::Impl {
  explicit Impl(boost::asio::io_context& i) : ioc(i) {}
  boost::asio::io_context& ioc;
};

OutboundClient::OutboundClient(boost::asio::io_context& ioc) : impl_(std::make_shared<Impl>(ioc)) {}
OutboundClient::~OutboundClient() = default;

void OutboundClient::post(OutboundRequest, std::function<void(OutboundResult)> done) {
  boost::asio::post(impl_->ioc, [done = std::move(done)] {
    OutboundResult r;
    r.error = "outbound HTTP not implemented yet";
    done(r);
  });
}

}  // namespace fs::http
