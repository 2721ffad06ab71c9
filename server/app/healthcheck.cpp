#include "app/healthcheck.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <iostream>

namespace fs::app {

int run_healthcheck(const Settings& s) {
  namespace asio = boost::asio;
  namespace beast = boost::beast;
  namespace http = beast::http;
  std::string host = (s.host == "0.0.0.0" || s.host.empty()) ? "127.0.0.1" : (s.host == "::" ? "::1" : s.host);
  try {
    asio::io_context ioc;
    beast::tcp_stream stream(ioc);
    stream.expires_after(std::chrono::seconds(3));
    asio::ip::tcp::endpoint ep(asio::ip::make_address(host), s.port);
    stream.connect(ep);
    http::request<http::empty_body> req(http::verb::get, "/__sandbox/health", 11);
    req.set(http::field::host, host);
    if (!s.admin_token.empty()) req.set(http::field::authorization, "Bearer " + s.admin_token);
    http::write(stream, req);
    beast::flat_buffer buf;
    http::response<http::string_body> res;
    http::read(stream, buf, res);
    if (res.result_int() == 200) return 0;
    std::cerr << "healthcheck: " << host << ":" << s.port << " answered " << res.result_int() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "healthcheck: " << host << ":" << s.port << ": " << e.what() << "\n";
  }
  return 1;
}

}  // namespace fs::app
