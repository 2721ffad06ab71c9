// The bench's yardstick: a bare Boost.Beast async server (one strand per connection, keep-alive)
// that parses a JSON body and answers a small JSON object. No routing, no state, no journal.
// Built from the same Beast as the sandbox, so the ratio between the two is what our work costs.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>

#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

class Session : public std::enable_shared_from_this<Session> {
 public:
  explicit Session(tcp::socket s) : stream_(std::move(s)) {}
  void read() {
    req_ = {};
    http::async_read(stream_, buf_, req_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      self->answer();
    });
  }

 private:
  void answer() {
    boost::system::error_code ec;
    auto body = boost::json::parse(req_.body(), ec);
    boost::json::object out;
    out["requestId"] = "ayclpQyi6p";
    out["event"] = "evaluation";
    out["customerId"] = body.is_object() && body.as_object().contains("customerId") ? body.at("customerId") : nullptr;
    out["evaluation"] = {{"type", "fraud"}, {"status", "initiated"}};
    res_ = http::response<http::string_body>(http::status::ok, 11);
    res_.set(http::field::content_type, "application/json");
    res_.body() = boost::json::serialize(out);
    res_.keep_alive(req_.keep_alive());
    res_.prepare_payload();
    http::async_write(stream_, res_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec || !self->res_.keep_alive()) return;
      self->read();
    });
  }
  beast::tcp_stream stream_;
  beast::flat_buffer buf_;
  http::request<http::string_body> req_;
  http::response<http::string_body> res_;
};

void accept(tcp::acceptor& a, asio::io_context& ioc) {
  a.async_accept(asio::make_strand(ioc), [&a, &ioc](beast::error_code ec, tcp::socket s) {
    if (!ec) {
      s.set_option(tcp::no_delay(true));
      std::make_shared<Session>(std::move(s))->read();
    }
    accept(a, ioc);
  });
}

int main(int argc, char** argv) {
  unsigned short port = argc > 1 ? static_cast<unsigned short>(std::atoi(argv[1])) : 0;
  int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  asio::io_context ioc(threads);
  tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), port});
  std::printf("reference listening on http://127.0.0.1:%u\n", a.local_endpoint().port());
  std::fflush(stdout);
  accept(a, ioc);
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
  ioc.run();
}
